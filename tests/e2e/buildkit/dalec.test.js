// dalec-dap against the real `buildx dap build` on a Dalec target with tests, built by the real Dalec
// frontend (v0.21.5, from ../shared/third_party/dalec, pulled by the suite's buildkitd under its
// real name). What buildx does there today (issue 15): Dalec ends such a target with an op that has
// no source location, so buildx's debugger crashes on the first breakpoint or stopOnEntry, and
// stalls after a failing check when there is neither. dalec-dap must end both sessions with the
// reason and the failing check, and leave no buildx behind.
'use strict';
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const { startClient, buildx, builder, context, running } = require('./support');

// dalec-dap ends a stalled buildx after this many seconds (10 by default).
process.env.DALEC_DAP_STALL_TIMEOUT = '3';
// The first run builds the spec's package (apt, dpkg-buildpackage): minutes on a cold daemon.
const BUILD_MS = 15 * 60 * 1000;
let dc;
let ctx;
const lineOf = (needle) => ctx.lines.findIndex((l) => l.includes(needle)) + 1;

// checks.dalec.yml in its own build context, optionally with its contents check broken.
function spec({ broken = false } = {}) {
  ctx = context('checks.dalec.yml');
  if (broken) {
    const text = fs.readFileSync(ctx.file, 'utf8').replace('          - greeting=hi\n', '          - greeting=hello\n');
    fs.writeFileSync(ctx.file, text);
    ctx.lines = text.split('\n');
  }
  return ctx;
}

beforeEach(async () => {
  dc = await startClient(BUILD_MS);
});
afterEach(async () => {
  await Promise.race([dc.stop().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000))]);
  if (ctx) fs.rmSync(ctx.dir, { recursive: true, force: true });
});

function collectStderr() {
  const seen = [];
  dc.on('output', (e) => { if (e.body.category === 'stderr') seen.push(e.body.output); });
  return seen;
}

async function launch(extra, breakpoints) {
  await dc.initializeRequest();
  const configured = dc.waitForEvent('initialized').then(async () => {
    if (breakpoints) await dc.setBreakpointsRequest({ source: { path: ctx.file }, breakpoints });
    await dc.configurationDoneRequest();
  });
  await dc.launchRequest(Object.assign({ spec: ctx.file, context: ctx.dir, target: 'bookworm', builder: builder(), buildx: buildx() }, extra));
  await configured;
}

async function sessionEnds(stderr, pattern) {
  const exited = dc.waitForEvent('exited', BUILD_MS);
  await dc.waitForEvent('terminated', BUILD_MS);
  assert.strictEqual((await exited).body.exitCode, 1);
  const said = stderr.join('');
  assert.match(said, pattern);
  const deadline = Date.now() + 5000;
  while (running(ctx.dir) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(!running(ctx.dir), 'buildx still runs after the session ended');
  return said;
}

test('a breakpoint on a check: buildx crashes on Dalec\'s location-less final op and the session says so', async () => {
  spec();
  const stderr = collectStderr();
  await launch({}, [{ line: lineOf('- greeting=hi') }]);
  const said = await sessionEnds(stderr, /^buildx's debugger crashed \(exit status 2\)\. buildx's debugger found no source location on the build's final op, which is how Dalec \(v0\.21 and later\) ends a target with tests/m);
  assert.match(said, /panic: runtime error: invalid memory address or nil pointer dereference/);
});

test('stopOnEntry: the same crash, the same explanation', async () => {
  spec();
  const stderr = collectStderr();
  await launch({ stopOnEntry: true });
  await sessionEnds(stderr, /^buildx's debugger crashed \(exit status 2\)\./m);
});

test('a failing check with no breakpoint: buildx stalls and the session ends with Dalec\'s expected/actual', async () => {
  spec({ broken: true });
  const stderr = collectStderr();
  await launch({});
  const said = await sessionEnds(stderr, /buildx reported the build's failure but neither stopped at it nor ended the session within 3 s\./);
  assert.match(said, /\nThe failure: .*check_type=contains expected: "greeting=hello", got "greeting=hi"/);
});

// The passing spec builds and its tests pass through buildx too: nothing of the bridge is in the way.
test('a passing spec with neither breakpoints nor stopOnEntry ends with exit code 0', async () => {
  spec();
  await launch({});
  const exited = dc.waitForEvent('exited', BUILD_MS);
  await dc.waitForEvent('terminated', BUILD_MS);
  assert.strictEqual((await exited).body.exitCode, 0);
});

