// Joins engine-bench.js's two runs (cold debug session first, cold test run first) into
// bench/results/engine.json and engine.md.
'use strict';
const fs = require('fs');
const [dapRun, lspRun, outBase] = process.argv.slice(2).map((p, i) => (i < 2 ? JSON.parse(fs.readFileSync(p, 'utf8')) : p));
const f1 = (x) => x.toFixed(1);
const row = (name, s) => `| ${name} | ${f1(s.median)} | ${f1(s.p99)} | ${s.n} |`;
const warmLsp = dapRun.lspTestWarmMs;
const md = [
  `# dalec-dap engine benchmark (${new Date().toISOString().slice(0, 10)}, bench/engine.sh)`,
  '',
  'The spec is tests/e2e/buildkit/fixtures/checks.dalec.yml (target bookworm: a package build, then 6 tests: 2 steps and 7 file checks);',
  `real buildkitd and Dalec frontend of the end-to-end suite, a fresh daemon per cold figure; ${process.env.DALEC_BENCH_BUILD_KIND || 'release'} build.`,
  '',
  '| cold cache | seconds |',
  '|---|---|',
  `| dalec-dap: launch → stop on a breakpoint in the last test | ${f1(dapRun.dapColdFirstStopSeconds)} |`,
  `| dalec-lsp test (every test) | ${f1(lspRun.lspTestColdSeconds)} |`,
  `| ratio debug session / test run | ${(dapRun.dapColdFirstStopSeconds / lspRun.lspTestColdSeconds).toFixed(2)} |`,
  '',
  '| warm cache | median ms | p99 ms | runs |',
  '|---|---|---|---|',
  row('dalec-dap: launch → stop on the breakpoint', dapRun.dapWarmFirstStopMs),
  row('dalec-dap: `next` (to the next check; every op already solved in the session)', dapRun.stepMs.next),
  row('dalec-dap: `stepBack` (to the check before)', dapRun.stepMs.stepBack),
  row('dalec-lsp test (every test, each op on its own)', warmLsp.everyTest),
  row('dalec-lsp test --fail-fast (one build)', warmLsp.failFast),
  row('dalec-lsp test --test "files are in place"', warmLsp.oneTest),
  '',
  `Warm ratio first stop / whole test run: ${(dapRun.dapWarmFirstStopMs.median / warmLsp.everyTest.median).toFixed(2)}.`,
  '',
].join('\n');
fs.writeFileSync(`${outBase}.json`, JSON.stringify({ dapFirst: dapRun, lspFirst: lspRun }, null, 2) + '\n');
fs.writeFileSync(`${outBase}.md`, md);
