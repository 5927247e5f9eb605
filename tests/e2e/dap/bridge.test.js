// dalec-dap end to end: @vscode/debugadapter-testsupport's DebugClient drives the built binary over
// stdio; its child is the buildx stand-in (fixtures/fake-buildx.js) serving the ops of Dalec's
// hello example. The same tests are meant to run against the real `buildx dap build` by pointing
// "buildx" and the spec at a real builder (issue 7).
'use strict';
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const { DAP, SPEC, FAKE, PROGRAM, running, stopClient } = require('./support');
const specText = fs.readFileSync(SPEC, 'utf8').split('\n');
const lineOf = (needle, after = 0) => specText.findIndex((l, i) => i >= after && l.includes(needle)) + 1;

// scripts/setup.sh installs docker.io; a buildx plugin installed for the whole system (not under
// DOCKER_CONFIG) would make `docker buildx` work, and then there is nothing to test.
function systemBuildx() {
  try {
    execFileSync('docker', ['buildx', 'version'], { env: Object.assign({}, process.env, { DOCKER_CONFIG: os.tmpdir() + '/dalec-no-docker-config' }), stdio: 'ignore' });
    return 'this machine has a system-wide buildx plugin';
  } catch {
    return false;
  }
}

let dc;
beforeEach(async () => {
  dc = new DebugClient(DAP, '--stdio', 'dalec', {}, true);
  dc.defaultTimeout = 5000;
  await dc.start();
  // stop() sends disconnect even to an adapter that already exited: that write's EPIPE is expected.
  dc._adapterProcess.stdin.on('error', () => {});
});
afterEach(async () => {
  await stopClient(dc, 1000);
});

function launchArgs(extra = {}, env = {}) {
  return Object.assign({ spec: SPEC, engine: 'buildx', target: 'azlinux3/container', buildx: [process.execPath, FAKE],
                         env: Object.assign({ FAKE_BUILDX_PROGRAM: PROGRAM }, env) }, extra);
}

async function launchWith(breakpoints, extra, env) {
  const configured = dc.waitForEvent('initialized').then(async () => {
    const set = await dc.setBreakpointsRequest({ source: { path: SPEC }, breakpoints });
    await dc.configurationDoneRequest();
    return set;
  });
  await dc.launch(launchArgs(extra, env));
  return configured;
}

async function topFrame() {
  const trace = await dc.stackTraceRequest({ threadId: 1 });
  return trace.body.stackFrames[0];
}

test('initialize offers the Failed checks exception filter', async () => {
  const init = await dc.initializeRequest();
  assert.strictEqual(init.body.supportsConfigurationDoneRequest, true);
  assert.deepStrictEqual(init.body.exceptionBreakpointFilters.map((f) => f.filter), ['failedChecks']);
});

test('a column-less breakpoint on a check line stops before that check, named in spec terms', async () => {
  const permsLine = lineOf('permissions: 0o755', lineOf('- name: binary exists'));
  const verified = dc.waitForEvent('breakpoint');
  const set = await launchWith([{ line: permsLine }]);
  assert.strictEqual(set.body.breakpoints[0].line, permsLine);
  assert.strictEqual(set.body.breakpoints[0].verified, false);
  const stopped = await dc.waitForEvent('stopped');
  assert.strictEqual(stopped.body.reason, 'breakpoint');
  const frame = await topFrame();
  assert.strictEqual(frame.source.path, SPEC);
  assert.strictEqual(frame.line, permsLine);
  assert.strictEqual(frame.column, 22);
  assert.strictEqual(frame.name, 'test `binary exists and is executable` › check `/usr/bin/hello-inline` permissions 755');
  const bound = (await verified).body.breakpoint;
  assert.strictEqual(bound.verified, true);
  assert.strictEqual(bound.line, permsLine);
  assert.strictEqual(bound.column, 22);
  assert.strictEqual(bound.source.path, SPEC);
  assert.strictEqual(bound.message, 'test `binary exists and is executable` › check `/usr/bin/hello-inline` permissions 755');
});

test('next moves to the next op; continue runs to the end', async () => {
  const permsLine = lineOf('permissions: 0o755', lineOf('- name: binary exists'));
  await launchWith([{ line: permsLine }]);
  await dc.waitForEvent('stopped');
  const stepped = dc.waitForEvent('stopped');
  await dc.nextRequest({ threadId: 1 });
  assert.strictEqual((await stepped).body.reason, 'step');
  const frame = await topFrame();
  assert.strictEqual(frame.line, lineOf('- command: /usr/bin/hello-inline'));
  assert.strictEqual(frame.name, 'test `running binary prints version/platform` › step 1: `/usr/bin/hello-inline`');
  const terminated = dc.waitForEvent('terminated');
  const exited = dc.waitForEvent('exited');
  await dc.continueRequest({ threadId: 1 });
  await terminated;
  assert.strictEqual((await exited).body.exitCode, 0);
});

test('the Check scope shows what the check expects', async () => {
  const containsLine = lineOf('- "hello-inline ${VERSION}"');
  await launchWith([{ line: containsLine }]);
  await dc.waitForEvent('stopped');
  const frame = await topFrame();
  const scopes = await dc.scopesRequest({ frameId: frame.id });
  assert.deepStrictEqual(scopes.body.scopes.map((s) => s.name), ['Check', 'Arguments']);
  const vars = await dc.variablesRequest({ variablesReference: scopes.body.scopes[0].variablesReference });
  const byName = Object.fromEntries(vars.body.variables.map((v) => [v.name, v.value]));
  assert.strictEqual(byName.check, 'contains');
  assert.strictEqual(byName.path, 'stdout');
  assert.strictEqual(byName.expected, 'hello-inline ${VERSION}');
  assert.strictEqual(byName.test, 'running binary prints version/platform');
});

test('a failing check stops as an exception that names the check and its expectation', async () => {
  await launchWith([], {}, { FAKE_BUILDX_FAIL: '4' });
  const stopped = await dc.waitForEvent('stopped');
  assert.strictEqual(stopped.body.reason, 'exception');
  assert.strictEqual(stopped.body.text,
    'test `running binary prints version/platform` › step 1 stdout contains hello-inline ${VERSION}: expected: "hello-inline 0.1.0", got "hello-inline 0.0.9\\n"');
  const info = await dc.exceptionInfoRequest({ threadId: 1 });
  assert.strictEqual(info.body.description, stopped.body.text);
  const exited = dc.waitForEvent('exited');
  await dc.continueRequest({ threadId: 1 });
  assert.strictEqual((await exited).body.exitCode, 1);
});

test('with Failed checks off the build fails without stopping', async () => {
  dc.waitForEvent('initialized').then(async () => {
    await dc.setExceptionBreakpointsRequest({ filters: [] });
    await dc.configurationDoneRequest();
  });
  let stops = 0;
  dc.on('stopped', () => stops++);
  const exited = dc.waitForEvent('exited');
  await dc.launch(launchArgs({}, { FAKE_BUILDX_FAIL: '2' }));
  assert.strictEqual((await exited).body.exitCode, 1);
  assert.strictEqual(stops, 0);
});

test('stopOnEntry stops at the first op', async () => {
  await launchWith([], { stopOnEntry: true });
  const stopped = await dc.waitForEvent('stopped');
  assert.strictEqual(stopped.body.reason, 'step');
  const frame = await topFrame();
  assert.strictEqual(frame.line, 82);
  assert.strictEqual(frame.name, 'build steps (1)');
});

test('lines that run nothing are unverified with a reason; others snap to their op', async () => {
  const nameLine = lineOf('- name: binary exists');
  const set = await launchWith([{ line: nameLine }, { line: 84 }]);
  assert.strictEqual(set.body.breakpoints[0].verified, false);
  assert.strictEqual(set.body.breakpoints[0].message, "a test's name runs nothing; put the breakpoint on one of its steps or checks");
  assert.strictEqual(set.body.breakpoints[1].line, 82);
  const stopped = await dc.waitForEvent('stopped');
  assert.strictEqual(stopped.body.reason, 'breakpoint');
  assert.strictEqual((await topFrame()).line, 82);
});

test('"test" focuses one test: the session stops at its first op', async () => {
  await launchWith([], { test: 'running binary prints version/platform' });
  const stopped = await dc.waitForEvent('stopped');
  assert.strictEqual(stopped.body.reason, 'breakpoint');
  assert.strictEqual((await topFrame()).line, lineOf('- command: /usr/bin/hello-inline'));
});

test('requests buildx cannot decode are answered by the bridge and the session goes on', async () => {
  const permsLine = lineOf('permissions: 0o755', lineOf('- name: binary exists'));
  await launchWith([{ line: permsLine }]);
  await dc.waitForEvent('stopped');
  await assert.rejects(dc.customRequest('dalec/whatever', {}), /does not support "dalec\/whatever"/);
  await assert.rejects(dc.configurationDoneRequest(), /already sent/);
  await assert.rejects(dc.launchRequest(launchArgs()), /already sent/);
  const hover = await dc.evaluateRequest({ expression: 'VERSION', context: 'hover' });
  assert.strictEqual(hover.body.result, '0.1.0');
  // buildx still answers: it was never sent what it cannot read.
  assert.strictEqual((await topFrame()).line, permsLine);
});

test('disconnect while stopped ends buildx and leaves nothing running', async () => {
  const permsLine = lineOf('permissions: 0o755', lineOf('- name: binary exists'));
  const marker = 'MARKER=' + process.pid + '-' + Date.now();
  await launchWith([{ line: permsLine }], { extraArgs: ['--build-arg', marker] });
  await dc.waitForEvent('stopped');
  assert.ok(running(marker), 'buildx should be running while stopped');
  const terminated = dc.waitForEvent('terminated');
  await dc.disconnectRequest({});
  await terminated;
  for (let i = 0; i < 50 && running(marker); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(!running(marker), 'buildx is still running after disconnect');
});


test('a missing buildx is a clear launch error', async () => {
  await dc.initializeRequest();
  await assert.rejects(dc.launchRequest(launchArgs({ buildx: ['/nonexistent/buildx'] })), /cannot find "\/nonexistent\/buildx"/);
});

test('buildx exiting before the session starts shows its error', async () => {
  await dc.initializeRequest();
  const output = [];
  dc.on('output', (e) => output.push(e.body.output));
  const terminated = dc.waitForEvent('terminated');
  await assert.rejects(dc.launchRequest(launchArgs({}, { FAKE_BUILDX_EXIT_EARLY: 'nosuch' })), /no builder "nosuch" found/);
  await terminated;
  assert.ok(output.join('').includes('ERROR: no builder "nosuch" found'));
});

// The real docker CLI (this machine's /usr/local/bin/docker or Debian's docker.io) with an empty
// DOCKER_CONFIG, so no buildx plugin: docker's own answer is "unknown shorthand flag: 'f' in -f".
test('a docker with no buildx plugin ends the session with one message that says so and what to install', { skip: systemBuildx() }, async () => {
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'dalec-docker-config-'));
  try {
    await dc.initializeRequest();
    const output = [];
    dc.on('output', (e) => output.push(e.body.output));
    const failed = dc.waitForEvent('dalec.sessionFailed');
    const terminated = dc.waitForEvent('terminated');
    await dc.launchRequest({ spec: path.join(__dirname, '../buildkit/fixtures/Dockerfile'), buildx: ['docker', 'buildx'], env: { DOCKER_CONFIG: config } });
    const event = await failed;
    await terminated;
    assert.strictEqual(event.body.cause, 'buildx-missing');
    assert.match(event.body.message, /^docker has no buildx plugin here, so `docker buildx dap build` cannot run \(docker said: "(unknown shorthand flag: 'f' in -f|docker: 'buildx' is not a docker command\.)"\)\. Install buildx v0\.26 or later, which has `dap`/);
    assert.strictEqual(output.filter((o) => o.includes('no buildx plugin')).length, 1, output.join(''));
  } finally {
    fs.rmSync(config, { recursive: true, force: true });
  }
});

test('bad launch arguments are rejected before anything runs', async () => {
  await dc.initializeRequest();
  await assert.rejects(dc.launchRequest({}), /"spec" is required/);
  await assert.rejects(dc.launchRequest({ spec: SPEC, stopOnEntry: 'yes' }), /"stopOnEntry" must be true or false/);
});
