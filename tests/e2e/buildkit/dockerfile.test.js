// dalec-dap against the real `buildx dap build` and a real buildkitd, on a plain Dockerfile: the
// bridge must be transparent for files that are not Dalec specs, and survive the real buildx's
// timing (output that lags the DAP events, a stop that blocks until resumed, SIGINT to end it).
'use strict';
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert');
const { startClient, buildx, builder, context, running, stopClient } = require('./support');

let dc;
let ctx;
const lineOf = (needle) => ctx.lines.findIndex((l) => l.includes(needle)) + 1;

beforeEach(async () => {
  ctx = context('Dockerfile');
  dc = await startClient(60000);  // a real build: BuildKit solves, runc starts containers
});
afterEach(async () => {
  await stopClient(dc, 1000);
});

function launchArgs(extra = {}) {
  return Object.assign({ spec: ctx.file, builder: builder(), buildx: buildx() }, extra);
}

async function launchWith(breakpoints, extra) {
  await dc.initializeRequest();
  const configured = dc.waitForEvent('initialized').then(async () => {
    const set = await dc.setBreakpointsRequest({ source: { path: ctx.file }, breakpoints });
    await dc.configurationDoneRequest();
    return set;
  });
  await dc.launchRequest(launchArgs(extra));
  return configured;
}

async function topFrame() {
  return (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
}

// Collects the output events, to look for buildx's own words.
function outputs() {
  const seen = [];
  dc.on('output', (e) => seen.push(e.body.output));
  return seen;
}

test('a breakpoint on a RUN line stops there; next steps to the next RUN; a failing RUN stops as an exception', async () => {
  const two = lineOf('echo two');
  const verified = dc.waitForEvent('breakpoint');
  const set = await launchWith([{ line: two }]);
  assert.strictEqual(set.body.breakpoints.length, 1);
  assert.strictEqual(set.body.breakpoints[0].line, two);

  const stopped = await dc.waitForEvent('stopped');
  assert.strictEqual(stopped.body.reason, 'breakpoint');
  assert.strictEqual((await verified).body.breakpoint.verified, true);
  let frame = await topFrame();
  assert.strictEqual(frame.line, two);
  assert.strictEqual(frame.source.path, ctx.file);
  assert.match(frame.name, /RUN .*echo two/);

  const stepped = dc.waitForEvent('stopped');
  await dc.nextRequest({ threadId: 1 });
  assert.strictEqual((await stepped).body.reason, 'step');
  frame = await topFrame();
  assert.strictEqual(frame.line, lineOf('MAKE_THREE\\"'));

  const failed = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  const exception = await failed;
  assert.strictEqual(exception.body.reason, 'exception');
  assert.strictEqual((await topFrame()).line, lineOf('missing /out/three'));
  // The reason comes from buildx's progress output, which arrives after its stopped event.
  const info = await dc.exceptionInfoRequest({ threadId: 1 });
  assert.match(info.body.description, /did not complete successfully: exit code: 3/);

  const terminated = dc.waitForEvent('terminated');
  const exited = dc.waitForEvent('exited');
  await dc.continueRequest({ threadId: 1 });
  await terminated;
  assert.strictEqual((await exited).body.exitCode, 1);
});

test('build args reach the build: with MAKE_THREE set it runs to the end and exits 0', async () => {
  const said = outputs();
  await launchWith([], { args: { MAKE_THREE: 'yes' } });
  const exited = await dc.waitForEvent('exited');
  assert.strictEqual(exited.body.exitCode, 0);
  assert.ok(said.some((o) => o.includes('not a Dalec spec')), 'the bridge says it relays a non-Dalec file as it is');
  assert.ok(said.some((o) => o.includes('--build-arg MAKE_THREE=yes')));
});

test('stopOnEntry stops before the first op (buildx calls it a step)', async () => {
  await launchWith([], { stopOnEntry: true });
  const stopped = await dc.waitForEvent('stopped');
  assert.strictEqual(stopped.body.reason, 'step');
  assert.strictEqual((await topFrame()).line, lineOf('COPY busybox'));
});

test('disconnecting while stopped ends buildx: no child is left running', async () => {
  await launchWith([{ line: lineOf('echo one') }]);
  await dc.waitForEvent('stopped');
  assert.ok(running(ctx.dir), 'buildx is running the build');
  await dc.disconnectRequest({});
  const deadline = Date.now() + 10000;
  while (running(ctx.dir) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(!running(ctx.dir), 'buildx still runs after disconnect');
});

test('a builder that does not exist fails the launch with buildx\'s own message', async () => {
  await dc.initializeRequest();
  const terminated = dc.waitForEvent('terminated');
  await assert.rejects(dc.launchRequest(launchArgs({ builder: 'no-such-builder' })), (error) => {
    assert.match(error.message, /buildx did not start a debug session/);
    assert.match(error.message, /no-such-builder/);
    return true;
  });
  await terminated;
});

test('requests the real buildx cannot decode are answered by the bridge, and buildx keeps reading', async () => {
  await launchWith([{ line: lineOf('echo one') }]);
  await dc.waitForEvent('stopped');
  // Forwarded, an unknown command would make buildx stop reading its input for good.
  await assert.rejects(dc.customRequest('dalec/notACommand', {}), /does not support "dalec\/notACommand"/);
  // So would a second launch (it crashes buildx).
  await assert.rejects(dc.launchRequest(launchArgs()), /launch was already sent/);
  const stepped = dc.waitForEvent('stopped');
  await dc.nextRequest({ threadId: 1 });
  assert.strictEqual((await stepped).body.reason, 'step');
  assert.strictEqual((await topFrame()).line, lineOf('echo two'));
});
