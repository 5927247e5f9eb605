// dalec-dap's own engine (engine "buildkit") where there is no BuildKit to reach, driven by
// DebugClient over stdio: the session ends with the reason, never hangs, and leaves no process
// behind. What it does on a real daemon is in tests/e2e/buildkit/native_engine.test.js.
'use strict';
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const { DAP, SPEC, stopClient } = require('./support');

let dc;
beforeEach(async () => {
  dc = new DebugClient(DAP, '--stdio', 'dalec', {}, true);
  dc.defaultTimeout = 10000;
  await dc.start();
  dc._adapterProcess.stdin.on('error', () => {});
});
afterEach(async () => {
  await stopClient(dc, 1000);
});

function stderrOf() {
  const seen = [];
  dc.on('output', (e) => { if (e.body.category === 'stderr') seen.push(e.body.output); });
  return seen;
}

test('initialize offers what only the buildkit engine does: stepBack and restart', async () => {
  const response = await dc.initializeRequest();
  assert.strictEqual(response.body.supportsStepBack, true);
  assert.strictEqual(response.body.supportsRestartRequest, true);
  assert.deepStrictEqual(response.body.exceptionBreakpointFilters.map((f) => f.filter), ['failedChecks']);
});

test('no daemon at the address: the session ends at once with the reason', async () => {
  const stderr = stderrOf();
  await dc.initializeRequest();
  const exited = dc.waitForEvent('exited');
  const terminated = dc.waitForEvent('terminated');
  // The editor is told the cause and the settings that fix it, for one notification that offers them.
  const failed = dc.waitForEvent('dalec.sessionFailed');
  await dc.launchRequest({ spec: SPEC, target: 'azlinux3', address: 'unix:///nonexistent/buildkitd.sock' });
  await dc.configurationDoneRequest();
  await terminated;
  assert.strictEqual((await exited).body.exitCode, 1);
  assert.match(stderr.join(''), /^dalec-dap: no BuildKit socket at \/nonexistent\/buildkitd\.sock \(is buildkitd running\?/m);
  const { body } = await failed;
  assert.deepStrictEqual([body.cause, body.setting], ['buildkit-unreachable', 'dalec.buildkit']);
  assert.match(body.message, /^no BuildKit socket at \/nonexistent\/buildkitd\.sock/);
});

test('a daemon address that is not one is refused with what is accepted', async () => {
  const stderr = stderrOf();
  await dc.initializeRequest();
  const exited = dc.waitForEvent('exited');
  const failed = dc.waitForEvent('dalec.sessionFailed');
  await dc.launchRequest({ spec: SPEC, target: 'azlinux3', address: 'ftp://example.com' });
  assert.strictEqual((await exited).body.exitCode, 1);
  assert.strictEqual((await failed).body.cause, 'buildkit-unreachable');
  assert.match(stderr.join(''), /ftp:\/\/example\.com/);
});

test('a spec without tests has nothing to debug, and says so', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dalec-dap-native-'));
  const spec = path.join(dir, 'no-tests.dalec.yml');
  fs.writeFileSync(spec, fs.readFileSync(SPEC, 'utf8').replace(/\ntests:[\s\S]*?(?=\n[a-z]|$)/, '\n'));
  try {
    const stderr = stderrOf();
    await dc.initializeRequest();
    const exited = dc.waitForEvent('exited');
    await dc.launchRequest({ spec, target: 'azlinux3', address: 'unix:///nonexistent/buildkitd.sock' });
    assert.strictEqual((await exited).body.exitCode, 1);
    assert.match(stderr.join(''), /^dalec-dap: the spec has no tests$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad engine name, and stepping before the program runs, are refused', async () => {
  await dc.initializeRequest();
  await assert.rejects(dc.launchRequest({ spec: SPEC, engine: 'gdb' }), /"engine" must be "buildkit" \(dalec-dap's own engine\) or "buildx"/);
  await assert.rejects(dc.nextRequest({ threadId: 1 }), /launch first/);
});

test('requests while the engine cannot have stopped are answered, not hung', async () => {
  await dc.initializeRequest();
  await dc.launchRequest({ spec: SPEC, target: 'azlinux3', address: 'unix:///nonexistent/buildkitd.sock' });
  const threads = await dc.threadsRequest();
  assert.strictEqual(threads.body.threads.length, 1);
  const trace = await dc.stackTraceRequest({ threadId: 1 });
  assert.deepStrictEqual(trace.body.stackFrames, []);
  await assert.rejects(dc.scopesRequest({ frameId: 1 }), /not stopped/);
  await assert.rejects(dc.exceptionInfoRequest({ threadId: 1 }), /not stopped on a failure/);
  await assert.rejects(dc.evaluateRequest({ expression: 'exec ls', context: 'repl' }), /`exec` needs a stop/);
});
