// dalec-dap's own engine on the real buildkitd and Dalec frontend of the end-to-end suite (run by
// bench/engine.sh inside tests/e2e/buildkit/with-buildkitd.sh, a fresh daemon each time): the time
// from `launch` to the first stop, cold (the daemon has built nothing) and warm, per-step latency
// (`next`, `stepBack`), and, for scale, the same spec's plain test run (`dalec-lsp test`) in the
// same daemon. `first` says which of the two meets the cold daemon.
// Usage: node engine-bench.js DALEC_DAP DALEC_LSP OUT.json first=dap|lsp
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { DebugClient } = require('../tests/e2e/dap/node_modules/@vscode/debugadapter-testsupport');
const { summarize } = require('./stats');

const [dap, lsp, out, firstArg] = process.argv.slice(2);
const first = (firstArg || 'first=dap').split('=')[1];
const FIXTURE = path.resolve(__dirname, '../tests/e2e/buildkit/fixtures/checks.dalec.yml');
const TIMEOUT = 20 * 60 * 1000;
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS || 5);
const STEPS = Number(process.env.BENCH_STEPS || 20);

function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dalec-engine-bench-'));
  const file = path.join(dir, path.basename(FIXTURE));
  fs.copyFileSync(FIXTURE, file);
  fs.copyFileSync('/bin/busybox', path.join(dir, 'busybox'));
  return { dir, file, lines: fs.readFileSync(file, 'utf8').split('\n') };
}
const ws = workspace();
const breakpointLine = ws.lines.findIndex((l) => l.includes('- echo hello')) + 1;

const seconds = (from) => Number(process.hrtime.bigint() - from) / 1e9;

// launch → the first stop on a breakpoint on the last test's second check; the client stays.
async function firstStop() {
  const dc = new DebugClient(dap, '--stdio', 'dalec', {}, true);
  dc.defaultTimeout = TIMEOUT;
  await dc.start();
  dc._adapterProcess.stdin.on('error', () => {});
  const started = process.hrtime.bigint();
  await dc.initializeRequest({ adapterID: 'dalec' });
  const configured = dc.waitForEvent('initialized').then(async () => {
    await dc.setBreakpointsRequest({ source: { path: ws.file }, breakpoints: [{ line: breakpointLine }] });
    await dc.configurationDoneRequest();
  });
  const stopped = dc.waitForEvent('stopped', TIMEOUT);
  await dc.launchRequest({ spec: ws.file, target: 'bookworm' });
  await configured;
  const stop = await stopped;
  if (stop.body.reason !== 'breakpoint') throw new Error(`stopped for ${stop.body.reason}, not the breakpoint`);
  return { dc, seconds: seconds(started) };
}

async function end(dc) {
  await Promise.race([dc.stop().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 3000))]);
}

// stepBack then next, repeated: each is a stop before a check whose inputs are in the cache.
async function stepLatency(dc) {
  const back = [], next = [];
  for (let i = 0; i < STEPS; i++) {
    for (const [samples, move] of [[back, 'stepBack'], [next, 'next']]) {
      const started = process.hrtime.bigint();
      await Promise.all([dc.waitForEvent('stopped', TIMEOUT), dc.customRequest(move, { threadId: 1 })]);
      samples.push(seconds(started) * 1000);
    }
  }
  return { stepBack: summarize(back), next: summarize(next) };
}

function lspTest(extra) {
  const started = process.hrtime.bigint();
  execFileSync(lsp, ['test', ws.file, '--target', 'bookworm', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  return seconds(started);
}

async function main() {
  const result = { first, warmRuns: WARM_RUNS, steps: STEPS };
  if (first === 'dap') {
    const cold = await firstStop();
    result.dapColdFirstStopSeconds = cold.seconds;
    await end(cold.dc);
  } else {
    result.lspTestColdSeconds = lspTest([]);
  }
  const warm = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const run = await firstStop();
    warm.push(run.seconds * 1000);
    if (i === WARM_RUNS - 1) result.stepMs = await stepLatency(run.dc);
    await end(run.dc);
  }
  result.dapWarmFirstStopMs = summarize(warm);
  const whole = [], failFast = [], oneTest = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    whole.push(lspTest([]) * 1000);
    failFast.push(lspTest(['--fail-fast']) * 1000);
    oneTest.push(lspTest(['--test', 'files are in place']) * 1000);
  }
  result.lspTestWarmMs = { everyTest: summarize(whole), failFast: summarize(failFast), oneTest: summarize(oneTest) };
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  fs.rmSync(ws.dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(`engine-bench: ${error.stack || error}`);
  process.exit(1);
});
