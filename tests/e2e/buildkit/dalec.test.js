// dalec-dap against the real `buildx dap build` on a Dalec target with tests, built by the real Dalec
// frontend (v0.21.5, from ../shared/third_party/dalec, pulled by the suite's buildkitd under its
// real name). What buildx does there today (issue 15): Dalec ends such a target with an op that has
// no source location, so buildx's debugger crashes on the first breakpoint or stopOnEntry, and
// stalls after a failing check when there is neither. dalec-dap must end the crashed sessions with
// the reason, and leave no buildx behind.
'use strict';
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const { startClient, buildx, builder, context, running, stopClient } = require('./support');

// The first run builds the spec's package (apt, dpkg-buildpackage): minutes on a cold daemon.
const BUILD_MS = 15 * 60 * 1000;
let dc;
let ctx;
const lineOf = (needle) => ctx.lines.findIndex((l) => l.includes(needle)) + 1;

// checks.dalec.yml in its own build context.
function spec() {
  ctx = context('checks.dalec.yml');
  return ctx;
}

beforeEach(async () => {
  dc = await startClient(BUILD_MS);
});
afterEach(async () => {
  try {
    await stopClient(dc, 1000);
  } finally {
    if (ctx) fs.rmSync(ctx.dir, { recursive: true, force: true });
  }
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
  await dc.launchRequest(Object.assign({ spec: ctx.file, context: ctx.dir, engine: 'buildx', target: 'bookworm', builder: builder(), buildx: buildx() }, extra));
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

// Not tested here: a failing check with neither breakpoints nor stopOnEntry. The real buildx then
// re-evaluates the failed op without end (92,040 Evaluate calls in two minutes, measured) and, in
// some runs, never prints the failure at all (566 output events, none of them the ERROR line), so
// the bridge has nothing to tell that stall from a quiet build; the stand-in test covers the runs
// where the ERROR line does come (tests/e2e/dap/raw_protocol.test.js). The native engine (issue
// 15) is the fix. Nor is a passing spec: in one CI run of three the real buildx never ended the
// session on the passing spec either (no exited event in 15 minutes), so that is not something
// the bridge can promise on Dalec targets with tests today.
