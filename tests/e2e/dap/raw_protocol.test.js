// dalec-dap over a raw DAP stream: what DebugClient cannot show (it drops reverse requests and
// renumbers nothing): runInTerminal relayed both ways, the bridge's own seq numbering, and how a
// buildx that hangs or crashes is ended.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('path');
const { SPEC, FAKE, PROGRAM, RawClient, running } = require('./support');

async function startStopped(client, env = {}, capabilities = {}) {
  await client.request('initialize', Object.assign({ adapterID: 'dalec' }, capabilities));
  const launched = client.request('launch', { spec: SPEC, engine: 'buildx', buildx: [process.execPath, FAKE],
                                              env: Object.assign({ FAKE_BUILDX_PROGRAM: PROGRAM }, env) });
  await client.event('initialized');
  await client.request('setBreakpoints', { source: { path: SPEC }, breakpoints: [{ line: 99 }] });
  await client.request('configurationDone', {});
  assert.strictEqual((await launched).success, true);
  await client.event('stopped');
}


test('runInTerminal is relayed to the editor and its answer back to buildx', async () => {
  const client = new RawClient();
  await startStopped(client, {}, { supportsRunInTerminalRequest: true });
  const evaluated = client.request('evaluate', { expression: 'exec', context: 'repl' });
  const reverse = await client.waitFor((m) => m.type === 'request' && m.command === 'runInTerminal');
  assert.deepStrictEqual(reverse.arguments.args.slice(-3), ['dap', 'attach', '/tmp/buildx-dap-exec1/s.sock']);
  client.send({ seq: ++client.seq, type: 'response', request_seq: reverse.seq, command: 'runInTerminal', success: true, body: { processId: 4242 } });
  const result = await evaluated;
  assert.strictEqual(result.success, true);
  assert.strictEqual(result.body.result, 'Started process attached to /tmp/buildx-dap-exec1/s.sock');
  // Every message from the bridge carries its own seq: 1, 2, 3, ... with no gaps or repeats.
  assert.deepStrictEqual(client.messages.map((m) => m.seq), client.messages.map((_, i) => i + 1));
  await client.request('disconnect', {});
  assert.strictEqual(await client.exited, 0);
});

test('a buildx that ignores SIGINT is killed after the grace period', async () => {
  const client = new RawClient();
  const marker = 'HANG=' + process.pid + '-' + Date.now();
  await client.request('initialize', {});
  const launched = client.request('launch', { spec: SPEC, engine: 'buildx', buildx: [process.execPath, FAKE], extraArgs: ['--build-arg', marker],
                                              env: { FAKE_BUILDX_PROGRAM: PROGRAM, FAKE_BUILDX_IGNORE_SIGINT: '1' } });
  await client.event('initialized');
  await client.request('setBreakpoints', { source: { path: SPEC }, breakpoints: [{ line: 99 }] });
  await client.request('configurationDone', {});
  await launched;
  await client.event('stopped');
  assert.ok(running(marker));
  const started = Date.now();
  await client.request('disconnect', {});
  const exited = await client.event('exited', 10000);
  assert.strictEqual(exited.body.exitCode, 1);
  assert.ok(Date.now() - started >= 2500, 'SIGKILL comes only after the grace period');
  assert.strictEqual(await client.exited, 0);
  assert.ok(!running(marker), 'buildx is still running');
});

test('buildx crashing mid-session ends it with its error and no process left', async () => {
  const client = new RawClient();
  await startStopped(client, { FAKE_BUILDX_CRASH_ON: 'stackTrace' });
  const trace = await client.request('stackTrace', { threadId: 1 });
  assert.strictEqual(trace.success, false);
  const output = await client.waitFor((m) => m.type === 'event' && m.event === 'output' && /panic: runtime error/.test(m.body.output));
  assert.strictEqual(output.body.category, 'stderr');
  assert.strictEqual((await client.event('exited')).body.exitCode, 1);
  await client.request('disconnect', {});
  assert.strictEqual(await client.exited, 0);
});

test('garbage from the editor is skipped and the session goes on', async () => {
  const client = new RawClient();
  client.proc.stdin.write('this is not DAP\r\n');
  client.proc.stdin.write('Content-Length: 5\r\n\r\n{oops');
  const init = await client.request('initialize', {});
  assert.strictEqual(init.success, true);
  const unknown = await client.request('dalec/nothing', {});
  assert.strictEqual(unknown.success, false);
  await client.request('disconnect', {});
  assert.strictEqual(await client.exited, 0);
});

test('a buildx that never answers is stopped with a clear message', async () => {
  const marker = 'HUNG=' + process.pid + '-' + Date.now();
  const client = new RawClient({ DALEC_DAP_STARTUP_TIMEOUT: '1' });
  await client.request('initialize', {});
  const launched = await client.request('launch', { spec: SPEC, engine: 'buildx', buildx: [process.execPath, FAKE], extraArgs: ['--build-arg', marker],
                                                    env: { FAKE_BUILDX_PROGRAM: PROGRAM, FAKE_BUILDX_HANG: '1' } });
  assert.strictEqual(launched.success, false);
  assert.strictEqual(launched.message, 'buildx did not start the debug session within 1 s; stopped it');
  await client.event('terminated');
  for (let i = 0; i < 50 && running(marker); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(!running(marker), 'buildx is still running');
  await client.request('disconnect', {});
  assert.strictEqual(await client.exited, 0);
});

test('garbage on buildx stdout is skipped and the session works', async () => {
  const client = new RawClient();
  await startStopped(client, { FAKE_BUILDX_GARBAGE: '1' });
  const trace = await client.request('stackTrace', { threadId: 1 });
  assert.strictEqual(trace.body.stackFrames[0].line, 99);
  await client.request('disconnect', {});
  assert.strictEqual(await client.exited, 0);
});

test('source requests are confined to the spec and the build context', async () => {
  const client = new RawClient();
  await startStopped(client);
  const outside = await client.request('source', { source: { path: '/etc/shadow' } });
  assert.strictEqual(outside.success, false);
  assert.strictEqual(outside.message, 'dalec-dap only serves the spec and files of the build context');
  const escape = await client.request('source', { source: { path: path.dirname(SPEC) + '/../../etc/passwd' } });
  assert.strictEqual(escape.success, false);
  const spec = await client.request('source', { source: { path: SPEC } });
  assert.strictEqual(spec.success, true);
  assert.ok(spec.body.content.startsWith('# syntax=ghcr.io/project-dalec/dalec/frontend'));
  await client.request('disconnect', {});
});

// buildx v0.36.1 against a Dalec target with tests (whose final op has no source location), as
// measured with a real Dalec frontend; the stand-in reproduces it (FAKE_BUILDX_HEAD_WITHOUT_SOURCE).
test('buildx crashing on a location-less head op ends the session with the reason', async () => {
  const client = new RawClient();
  await client.request('initialize', {});
  const launched = client.request('launch', { spec: SPEC, engine: 'buildx', buildx: [process.execPath, FAKE],
                                              env: { FAKE_BUILDX_PROGRAM: PROGRAM, FAKE_BUILDX_HEAD_WITHOUT_SOURCE: '1' } });
  await client.event('initialized');
  assert.strictEqual((await launched).success, true);
  await client.request('setBreakpoints', { source: { path: SPEC }, breakpoints: [{ line: 99 }] });
  await client.request('configurationDone', {});
  const why = await client.waitFor((m) => m.type === 'event' && m.event === 'output' && m.body.category === 'stderr');
  assert.match(why.body.output, /^buildx's debugger crashed \(exit status 2\)\. buildx's debugger found no source location on the build's final op, which is how Dalec \(v0\.21 and later\) ends a target with tests/);
  assert.match(why.body.output, /buildx said:\npanic: runtime error: invalid memory address or nil pointer dereference/);
  await client.event('terminated');
  assert.strictEqual((await client.event('exited')).body.exitCode, 1);
  await client.request('disconnect', {});
  assert.strictEqual(await client.exited, 0);
});

test('a failure buildx neither stops at nor ends on ends the session with the failure, not a hang', async () => {
  const client = new RawClient({ DALEC_DAP_STALL_TIMEOUT: '1' });
  await client.request('initialize', {});
  const marker = 'STALL=' + process.pid + '-' + Date.now();
  const launched = client.request('launch', { spec: SPEC, engine: 'buildx', buildx: [process.execPath, FAKE], extraArgs: ['--build-arg', marker],
                                              env: { FAKE_BUILDX_PROGRAM: PROGRAM, FAKE_BUILDX_HEAD_WITHOUT_SOURCE: '1', FAKE_BUILDX_FAIL: '4' } });
  await client.event('initialized');
  assert.strictEqual((await launched).success, true);
  await client.request('configurationDone', {});
  const started = Date.now();
  const why = await client.waitFor((m) => m.type === 'event' && m.event === 'output' && m.body.category === 'stderr');
  assert.match(why.body.output, /^buildx reported the build's failure but neither stopped at it nor ended the session within 1 s\./);
  assert.match(why.body.output, /\nThe failure: .*expected: "hello-inline 0\.1\.0", got "hello-inline 0\.0\.9/);
  assert.ok(Date.now() - started < 5000);
  await client.event('terminated');
  assert.strictEqual((await client.event('exited')).body.exitCode, 1);
  for (let i = 0; i < 50 && running(marker); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(!running(marker), 'buildx is still running');
  await client.request('disconnect', {});
  assert.strictEqual(await client.exited, 0);
});
