// dalec-dap's own engine (engine "buildkit", the default for Dalec specs) on the real buildkitd and
// the real Dalec frontend (v0.21.5, built by install-dalec.sh): it calls the frontend over
// BuildKit's gateway, steps through the test ops of the Definition Dalec returns, and stops before
// them, where buildx's debugger crashes (dalec.test.js). The spec is checks.dalec.yml; its last
// test, "files are in place", has two checks, /etc/hello.conf contains `greeting` and
// /usr/bin/hello contains `echo hello`.
'use strict';
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { execFile, execFileSync } = require('child_process');
const { startClient, stopClient, context, daemonProxy, builder, DAP: DAP_BINARY } = require('./support');

// The first test of a fresh daemon builds the spec's package (apt, dpkg-buildpackage): minutes.
const BUILD_MS = 15 * 60 * 1000;
let dc;
let ctx;
const lineOf = (needle) => ctx.lines.findIndex((l) => l.includes(needle)) + 1;
// The last test ("files are in place") repeats paths of earlier ones.
const lastLineOf = (needle) => ctx.lines.findLastIndex((l) => l.includes(needle)) + 1;
// Edits the spec on disk, as an author would between two sessions (or before a restart).
function rewrite(from, to) {
  const text = fs.readFileSync(ctx.file, 'utf8');
  assert.ok(text.includes(from), `the spec has no ${from}`);
  fs.writeFileSync(ctx.file, text.replace(from, to));
  ctx.lines = fs.readFileSync(ctx.file, 'utf8').split('\n');
}

// The thread of the last stop: one thread per test, and only the stopped one has frames.
let stoppedThread;
beforeEach(async () => {
  ctx = context('checks.dalec.yml');
  dc = await startClient(BUILD_MS);
  stoppedThread = undefined;
  dc.on('stopped', (e) => { stoppedThread = e.body.threadId; });
});
afterEach(async () => {
  try {
    await stopClient(dc, 3000);
  } finally {
    fs.rmSync(ctx.dir, { recursive: true, force: true });
  }
});

async function launch(extra, breakpoints) {
  await dc.initializeRequest({ adapterID: 'dalec', supportsProgressReporting: true });
  const configured = dc.waitForEvent('initialized').then(async () => {
    if (breakpoints) {
      const set = await dc.setBreakpointsRequest({ source: { path: ctx.file }, breakpoints });
      assert.strictEqual(set.body.breakpoints.length, breakpoints.length);
    }
    await dc.configurationDoneRequest();
  });
  await dc.launchRequest(Object.assign({ spec: ctx.file, target: 'bookworm' }, extra));
  await configured;
}

async function topFrame() {
  const trace = await dc.stackTraceRequest({ threadId: stoppedThread });
  return trace.body.stackFrames;
}

async function scope(frameId, name) {
  const scopes = await dc.scopesRequest({ frameId });
  const found = scopes.body.scopes.find((s) => s.name === name);
  assert.ok(found, `no ${name} scope in ${JSON.stringify(scopes.body.scopes)}`);
  return (await dc.variablesRequest({ variablesReference: found.variablesReference })).body.variables;
}

const valueOf = (vars, name) => (vars.find((v) => v.name === name) || {}).value;

async function child(vars, name) {
  const found = vars.find((v) => v.name === name);
  assert.ok(found, `no ${name} in ${vars.map((v) => v.name).join(', ')}`);
  assert.ok(found.variablesReference > 0, `${name} cannot be opened`);
  return (await dc.variablesRequest({ variablesReference: found.variablesReference })).body.variables;
}

// Processes buildkitd runs for us (runc, the container's own) are its children while they live.
function daemonChildren() {
  try {
    return execFileSync('pgrep', ['-P', process.env.DALEC_E2E_BUILDKITD_PID], { encoding: 'utf8' }).trim();
  } catch {
    return '';  // pgrep exits 1 when there are none
  }
}

test('a breakpoint on the second check of a test stops before it, with its Check scope, files and a shell', async () => {
  const line = lineOf('- echo hello');
  const breakpointEvents = [];
  dc.on('breakpoint', (e) => breakpointEvents.push(e.body.breakpoint));
  await launch({}, [{ line }]);
  const stopped = await dc.waitForEvent('stopped', BUILD_MS);
  assert.strictEqual(stopped.body.reason, 'breakpoint');
  assert.ok(breakpointEvents.some((b) => b.verified && b.line === line), JSON.stringify(breakpointEvents));

  // A thread for the build steps and one per test, in the order Dalec runs them; the stop is in
  // the last test's, and the other threads have no frames while they wait.
  const threads = (await dc.threadsRequest()).body.threads;
  assert.deepStrictEqual(threads.map((t) => t.name), ['build', ...['config is installed', 'script is executable', 'no backup left behind',
    'says hello', 'config is readable', 'files are in place'].map((name) => `test \`${name}\``)]);
  assert.strictEqual(threads.find((t) => t.id === stopped.body.threadId).name, 'test `files are in place`');
  assert.deepStrictEqual((await dc.stackTraceRequest({ threadId: threads[0].id })).body.stackFrames, []);

  const frames = await topFrame();
  assert.strictEqual(frames[0].line, line);
  assert.strictEqual(frames[0].name, 'test `files are in place` › check `/usr/bin/hello` contains echo hello');
  assert.strictEqual(frames[1].name, 'test `files are in place`');
  assert.strictEqual(frames[1].line, lineOf('- name: files are in place'));

  const check = await scope(frames[0].id, 'Check');
  assert.strictEqual(valueOf(check, 'check'), 'contains');
  assert.strictEqual(valueOf(check, 'path'), '/usr/bin/hello');
  assert.strictEqual(valueOf(check, 'expected'), 'echo hello');

  // The file this check reads, as the check will see it.
  const root = await scope(frames[0].id, 'Files');
  const usrBin = await child(await child(root, 'usr'), 'bin');
  const hello = usrBin.find((v) => v.name === 'hello');
  assert.match(hello.value, /^-rwxr-xr-x \d+ bytes$/);
  const file = await child(usrBin, 'hello');
  assert.strictEqual(valueOf(file, 'content'), '#!/bin/sh\necho hello\n');
  assert.strictEqual(valueOf(file, 'mode'), '0o755');

  // A shell where it stopped: the command runs in the op's filesystem.
  const shell = await dc.evaluateRequest({ expression: 'exec cat /etc/hello.conf; echo; id -u', context: 'repl' });
  assert.strictEqual(shell.body.result, 'greeting=hi\n0\n');

  // stepBack: to the op before, the unlocated "exists, not a directory" check of the same file.
  await Promise.all([dc.waitForEvent('stopped', BUILD_MS), dc.customRequest('stepBack', { threadId: stoppedThread })]);
  const back = await topFrame();
  assert.strictEqual(back[0].line, lastLineOf('/usr/bin/hello:'));
  assert.strictEqual(valueOf(await scope(back[0].id, 'Check'), 'check'), 'is_dir');
  // next: forward again to the check, with its state.
  await Promise.all([dc.waitForEvent('stopped', BUILD_MS), dc.nextRequest({ threadId: stoppedThread })]);
  const again = await topFrame();
  assert.strictEqual(again[0].line, line);
  assert.strictEqual(valueOf(await scope(again[0].id, 'Check'), 'expected'), 'echo hello');

  // The rest passes: the session ends with exit code 0.
  const exited = dc.waitForEvent('exited', BUILD_MS);
  await dc.continueRequest({ threadId: stoppedThread });
  assert.strictEqual((await exited).body.exitCode, 0);
});

test('next goes from one check of a test to the next', async () => {
  const first = ctx.lines.findIndex((l) => l.trim() === '- greeting') + 1;  // not `- greeting=hi`
  await launch({}, [{ line: first }]);
  await dc.waitForEvent('stopped', BUILD_MS);
  assert.strictEqual((await topFrame())[0].line, first);
  // The unlocated "exists, not a directory" check of /usr/bin/hello comes first, on its path's line.
  await Promise.all([dc.waitForEvent('stopped', BUILD_MS), dc.nextRequest({ threadId: stoppedThread })]);
  const between = await topFrame();
  assert.strictEqual(between[0].line, lastLineOf('/usr/bin/hello:'));
  assert.strictEqual(valueOf(await scope(between[0].id, 'Check'), 'check'), 'is_dir');
  await Promise.all([dc.waitForEvent('stopped', BUILD_MS), dc.nextRequest({ threadId: stoppedThread })]);
  assert.strictEqual((await topFrame())[0].line, lineOf('- echo hello'));
});

test('a breakpoint with a condition stops only where its command, run in the stopped op\'s container, exits 0', async () => {
  const first = ctx.lines.findIndex((l) => l.trim() === '- greeting') + 1;
  const second = lineOf('- echo hello');
  const outputs = [];
  dc.on('output', (e) => outputs.push(e.body.output));
  // The first condition is false in the test's container (the file holds greeting=hi), the second true.
  await launch({}, [{ line: first, condition: '! grep -q greeting /etc/hello.conf' }, { line: second, condition: 'grep -q "echo hello" /usr/bin/hello' }]);
  const stopped = await dc.waitForEvent('stopped', BUILD_MS);
  assert.strictEqual(stopped.body.reason, 'breakpoint');
  assert.strictEqual((await topFrame())[0].line, second);
  assert.ok(outputs.includes('dalec-dap: the breakpoint\'s condition `grep -q "echo hello" /usr/bin/hello` exited 0\n'), outputs.join(''));
  assert.ok(!outputs.some((o) => o.includes('! grep -q greeting')), outputs.join(''));
  // The rest passes.
  const exited = dc.waitForEvent('exited', BUILD_MS);
  await dc.continueRequest({ threadId: stoppedThread });
  assert.strictEqual((await exited).body.exitCode, 0);
});

test('a failing check stops as an exception with Dalec\'s words; restart after the fix on disk passes', async () => {
  rewrite('- echo hello', '- echo goodbye');
  await launch({});
  const stopped = await dc.waitForEvent('stopped', BUILD_MS);
  assert.strictEqual(stopped.body.reason, 'exception');
  assert.match(stopped.body.text, /check_type=contains/);
  assert.match(stopped.body.text, /echo goodbye/);
  const frames = await topFrame();
  assert.strictEqual(frames[0].line, lineOf('- echo goodbye'));
  const info = await dc.exceptionInfoRequest({ threadId: stoppedThread });
  assert.strictEqual(info.body.description, stopped.body.text);
  assert.strictEqual(valueOf(await scope(frames[0].id, 'Check'), 'failure'), stopped.body.text);

  // Fix the check on disk and restart: the session stops at the same check, and then passes.
  rewrite('- echo goodbye', '- echo hello');
  await Promise.all([dc.waitForEvent('stopped', BUILD_MS), dc.customRequest('restart', {})]);
  const again = await topFrame();
  assert.strictEqual(again[0].line, lineOf('- echo hello'));
  assert.strictEqual(valueOf(await scope(again[0].id, 'Check'), 'expected'), 'echo hello');
  const exited = dc.waitForEvent('exited', BUILD_MS);
  await dc.continueRequest({ threadId: stoppedThread });
  assert.strictEqual((await exited).body.exitCode, 0);
});

test('disconnecting while an op runs leaves no process of ours on the daemon', async () => {
  rewrite('command: test -r /etc/hello.conf', 'command: sleep 600');
  await launch({}, [{ line: lineOf('command: sleep 600') }]);
  const stopped = await dc.waitForEvent('stopped', BUILD_MS);
  assert.strictEqual(stopped.body.reason, 'breakpoint');
  assert.strictEqual(await noDaemonChildrenWithin(5000), '', 'a process runs before the step does');
  await dc.continueRequest({ threadId: stoppedThread });  // runs the sleep
  const deadline = Date.now() + 60000;
  while (!daemonChildren() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(daemonChildren(), 'the step never started');
  await dc.disconnectRequest({});
  // buildkitd kills the step once it sees the solve cancelled; on a loaded machine (the ASan suite
  // beside it) that took over 10 s once, so allow 30: a step left running would run its 600.
  assert.strictEqual(await noDaemonChildrenWithin(30000), '', 'buildkitd still runs processes of the session');
});

test('a spec the frontend rejects ends the session with Dalec\'s message, linked to the line it names', async () => {
  rewrite('        contents: greeting=hi', '        content: greeting=hi');
  const outputs = [];
  dc.on('output', (e) => outputs.push(e.body));
  const terminated = dc.waitForEvent('terminated', BUILD_MS);
  const exited = dc.waitForEvent('exited', BUILD_MS);
  await launch({});
  await terminated;
  assert.strictEqual((await exited).body.exitCode, 1);
  const placed = outputs.filter((o) => o.source);
  assert.strictEqual(placed.length, 1, JSON.stringify(outputs));
  assert.strictEqual(placed[0].category, 'stderr');
  assert.strictEqual(placed[0].source.path, ctx.file);
  // Dalec's "[14:9]", in the file as on disk.
  assert.strictEqual(placed[0].line, lineOf('content: greeting=hi'));
  assert.strictEqual(placed[0].column, 9);
  assert.match(placed[0].output, /^dalec-dap: checks\.dalec\.yml:\d+:9: Dalec's frontend \(.*\) rejected the spec: error loading spec: .*\[14:9\] unknown field "content"\n$/);
  assert.strictEqual(await noDaemonChildrenWithin(5000), '');
});

// Until the session has ended: the output it gave and the exit code.
async function sessionEnd(outputs) {
  const exited = await dc.waitForEvent('exited', BUILD_MS);
  return { exitCode: exited.body.exitCode, text: outputs.map((o) => o.output).join('') };
}

// Until buildkitd has had no child for a whole second, or `ms` have passed. One empty look is not
// enough: while it tears a cancelled step down buildkitd starts short-lived helpers of its own
// (`runc kill`, `runc delete`), so a look between the step's end and the helper's start reads empty
// and the next one does not (seen in CI). Returns what still runs, with its command line.
async function noDaemonChildrenWithin(ms) {
  const gone = Date.now() + ms;
  let quietSince = daemonChildren() ? undefined : Date.now();
  while (Date.now() < gone && (quietSince === undefined || Date.now() - quietSince < 1000)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (daemonChildren()) quietSince = undefined;
    else if (quietSince === undefined) quietSince = Date.now();
  }
  const left = daemonChildren();
  if (!left) return '';
  let commands = '';
  try {
    commands = execFileSync('ps', ['-o', 'pid=,args=', '-p', left.split('\n').join(',')], { encoding: 'utf8' }).trim();
  } catch { /* gone between the two looks */ }
  return `${left} (${commands})`;
}

test('a buildx builder named in the launch configuration is the daemon the session runs on', async () => {
  const outputs = [];
  dc.on('output', (e) => outputs.push(e.body.output));
  const stopped = dc.waitForEvent('stopped', BUILD_MS);
  // BUILDKIT_HOST is set too: a builder that was named comes first.
  await launch({ builder: builder(), stopOnEntry: true });
  await stopped;
  const socket = process.env.BUILDKIT_HOST;
  assert.ok(outputs.includes(`dalec-dap: debugging on BuildKit at ${socket} (buildx builder '${builder()}' (remote driver))\n`),
    outputs.join(''));
});

test('the connection to BuildKit dropping at a stop ends the session with the reason', async () => {
  const proxy = await daemonProxy();
  const outputs = [];
  dc.on('output', (e) => outputs.push(e.body));
  await launch({ address: proxy.address, stopOnEntry: true });
  await dc.waitForEvent('stopped', BUILD_MS);
  const ended = sessionEnd(outputs);
  proxy.cut();
  const { exitCode, text } = await ended;
  assert.strictEqual(exitCode, 1);
  assert.match(text, new RegExp(`dalec-dap: lost BuildKit at ${proxy.address}: BuildKit ended the build: .+\n`));
  // The session is over: the editor is told so, not left waiting.
  await assert.rejects(dc.nextRequest({ threadId: stoppedThread }), /the session has ended/);
});

test('the connection dropping while an op runs ends the session, and buildkitd stops the op', async () => {
  rewrite('command: test -r /etc/hello.conf', 'command: sleep 600');
  const proxy = await daemonProxy();
  const outputs = [];
  dc.on('output', (e) => outputs.push(e.body));
  await launch({ address: proxy.address }, [{ line: lineOf('command: sleep 600') }]);
  await dc.waitForEvent('stopped', BUILD_MS);
  await dc.continueRequest({ threadId: stoppedThread });
  const deadline = Date.now() + 60000;
  while (!daemonChildren() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(daemonChildren(), 'the step never started');
  const ended = sessionEnd(outputs);
  proxy.cut();
  const { exitCode, text } = await ended;
  assert.strictEqual(exitCode, 1);
  assert.match(text, /dalec-dap: lost BuildKit/);
  assert.doesNotMatch(text, /Failed check/);
  // The daemon saw its client go and cancelled the build with its process.
  assert.strictEqual(await noDaemonChildrenWithin(10000), '', 'buildkitd still runs the step of a dropped session');
});

test('`exec` alone opens a shell with a TTY in the editor\'s terminal, which follows its resizes', async () => {
  // The editor's side of runInTerminal: the request answered, its command run in a pseudo-terminal.
  const terminals = [];
  const dispatch = dc.dispatch.bind(dc);
  dc.dispatch = (body) => {
    const message = JSON.parse(body);
    if (message.type !== 'request') return dispatch(body);
    terminals.push(message);
    const answer = JSON.stringify({ type: 'response', seq: 0, request_seq: message.seq, command: message.command, success: true, body: {} });
    dc.outputStream.write(`Content-Length: ${Buffer.byteLength(answer)}\r\n\r\n${answer}`);
  };
  await dc.initializeRequest({ adapterID: 'dalec', supportsRunInTerminalRequest: true });
  const configured = dc.waitForEvent('initialized').then(async () => {
    await dc.setBreakpointsRequest({ source: { path: ctx.file }, breakpoints: [{ line: lineOf('- echo hello') }] });
    await dc.configurationDoneRequest();
  });
  const stopped = dc.waitForEvent('stopped', BUILD_MS);
  await dc.launchRequest({ spec: ctx.file, target: 'bookworm' });
  await configured;
  await stopped;

  const opened = await dc.evaluateRequest({ expression: 'exec', context: 'repl' });
  assert.match(opened.body.result, /^a shell opens in the terminal: \/bin\/sh where the session stopped, before /);
  assert.strictEqual(terminals.length, 1);
  const { kind, title, args } = terminals[0].arguments;
  assert.strictEqual(terminals[0].command, 'runInTerminal');
  assert.strictEqual(kind, 'integrated');
  assert.match(title, /^Dalec: /);
  assert.deepStrictEqual(args.slice(0, 2), [DAP_BINARY, 'shell']);

  const script = path.join(ctx.dir, 'terminal.json');
  fs.writeFileSync(script, JSON.stringify([
    // The first size goes the same way as a resize (BuildKit's InitMessage carries none), so it
    // too lands on BuildKit's resize goroutine, racing the first command on a loaded machine.
    { send: 'stty size; tty\n', until: '24 80' },
    { resize: [40, 120] }, { send: 'stty size\n', until: '40 120' },
    { send: 'cat /etc/hello.conf; echo; exit 3\n' },
  ]));
  const driven = await new Promise((resolve, reject) => {
    execFile('python3', [path.join(__dirname, 'pty_drive.py'), '24', '80', script, '--', ...args], { timeout: 120000 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))));
  });
  assert.strictEqual(driven.missed, null, driven.output);
  assert.match(driven.output, /\/dev\/pts\/\d+/);  // a real TTY inside the container
  assert.match(driven.output, /greeting=hi/);
  assert.strictEqual(driven.exitCode, 3);
  // The container went with the shell.
  assert.strictEqual(await noDaemonChildrenWithin(10000), '');
  // The session is still at its stop.
  assert.strictEqual((await topFrame())[0].line, lineOf('- echo hello'));
});
