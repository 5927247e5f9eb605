// bench/run.js DALEC_LSP DALEC_DAP: measures both servers and the bridge in one run and writes
// results/latest.json and results/latest.md (plot.py draws results/latency.png from the JSON).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { generateSpec } = require('./generate-spec');
const { servers, benchServer } = require('./lsp-bench');
const { benchBridge } = require('./dap-bench');

const REFERENCE = process.env.DALEC_REFERENCE_DIR || path.resolve(__dirname, '../../shared/reference');
const [dalecLsp, dalecDap] = process.argv.slice(2).map((p) => path.resolve(p));
const quick = process.env.BENCH_QUICK === '1';  // a smoke run: fewer repetitions
const options = { startups: quick ? 3 : 20, edits: quick ? 4 : 30, positions: quick ? 10 : 100, requests: quick ? 200 : 2000, events: quick ? 5000 : 50000 };

const documents = fs.readdirSync(path.join(REFERENCE, 'specs')).sort()
  .map((name) => ({ name, text: fs.readFileSync(path.join(REFERENCE, 'specs', name), 'utf8') }));
for (const lines of [1000, 5000, 20000]) documents.push({ name: `generated-${lines / 1000}k.yml`, text: generateSpec(lines) });

const f = (x, digits = 2) => (x === undefined ? '–' : x.toFixed(digits));
const ratio = (ours, theirs) => (theirs > 0 ? (ours / theirs).toFixed(3) : '–');

(async () => {
  const lsp = [];
  for (const server of servers(dalecLsp, path.join(REFERENCE, 'spec.schema.json'))) {
    process.stderr.write(`bench: ${server.name}\n`);
    lsp.push(await benchServer(server, documents, options));
  }
  process.stderr.write('bench: dalec-dap relay\n');
  const dap = await benchBridge(dalecDap, options);
  const machine = `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`;
  const results = { date: new Date().toISOString(), machine, options, lsp, dap };
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');

  const [ours, theirs] = lsp;
  const md = [`# Benchmarks, ${results.date.slice(0, 10)}`, '', `Machine: ${machine}. Milliseconds, min / median / p99; ratio = ours / theirs (medians; p99 for completion and hover).`, '',
              `Debounce, reported apart from the work below: dalec-lsp ${ours.debounceMs} ms (set to 0 for this run), yaml-language-server ${theirs.debounceMs} ms (fixed; subtracted).`, '',
              '| figure | dalec-lsp | yaml-language-server | ratio |', '|---|---|---|---|',
              `| start-up to initialize response | ${f(ours.startup.min)} / ${f(ours.startup.median)} / ${f(ours.startup.p99)} | ${f(theirs.startup.min)} / ${f(theirs.startup.median)} / ${f(theirs.startup.p99)} | ${ratio(ours.startup.median, theirs.startup.median)} |`,
              `| peak RSS, all ${documents.length} documents open (MiB) | ${f(ours.peakRssKb / 1024, 1)} | ${f(theirs.peakRssKb / 1024, 1)} | ${ratio(ours.peakRssKb, theirs.peakRssKb)} |`, '',
              '| document | lines | figure | dalec-lsp | yaml-language-server | ratio |', '|---|---|---|---|---|---|'];
  for (const doc of documents) {
    const a = ours.documents[doc.name];
    const b = theirs.documents[doc.name];
    for (const [key, label, pick] of [['open', 'didOpen → diagnostics', 'median'], ['edit', 'edit → diagnostics', 'median'], ['editLast', 'edit in the last line → diagnostics', 'median'], ['editAboveError', 'edit above a syntax error at the end → diagnostics', 'median'], ['completion', 'completion', 'p99'], ['hover', 'hover', 'p99']])
      md.push(`| ${doc.name} | ${a.lines} | ${label} | ${f(a[key].min)} / ${f(a[key].median)} / ${f(a[key].p99)} | ${f(b[key].min)} / ${f(b[key].median)} / ${f(b[key].p99)} | ${ratio(a[key][pick], b[key][pick])} |`);
    if (a.inlayHint)
      md.push(`| ${doc.name} | ${a.lines} | inlay hints, 60 lines | ${f(a.inlayHint.min)} / ${f(a.inlayHint.median)} / ${f(a.inlayHint.p99)} | (has none) | |`);
    if (a.resolved)
      md.push(`| ${doc.name} | ${a.lines} | resolved view (\`dalec/resolvedSpec\`) | ${f(a.resolved.min)} / ${f(a.resolved.median)} / ${f(a.resolved.p99)} | (has none) | |`);
  }
  const direct = dap.direct;
  const bridged = dap['dalec-dap'];
  md.push('', '## dalec-dap relay (same buildx stand-in, direct and through the bridge)', '', '| figure | direct | through dalec-dap | added |', '|---|---|---|---|',
          `| \`threads\` round trip, µs (min / median / p99) | ${f(direct.latencyUs.min, 0)} / ${f(direct.latencyUs.median, 0)} / ${f(direct.latencyUs.p99, 0)} | ${f(bridged.latencyUs.min, 0)} / ${f(bridged.latencyUs.median, 0)} / ${f(bridged.latencyUs.p99, 0)} | ${f(bridged.latencyUs.median - direct.latencyUs.median, 0)} µs median |`,
          `| \`output\` events per second (${options.events}) | ${f(direct.output.perSecond, 0)} | ${f(bridged.output.perSecond, 0)} | ratio ${ratio(bridged.output.perSecond, direct.output.perSecond)} |`, '');
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.md'), md.join('\n'));
  process.stdout.write(md.join('\n'));
})().catch((error) => {
  process.stderr.write(`bench: ${error.stack}\n`);
  process.exit(1);
});
