// dalec-dap's relay overhead: the same buildx stand-in (tests/e2e/dap/fixtures) driven directly
// and through the bridge, in the same run. Per-request latency (a `threads` round trip while
// stopped) and `output` event throughput (a stand-in build that prints N progress lines).
'use strict';
const path = require('path');
const { RawClient, SPEC, FAKE, PROGRAM } = require('../tests/e2e/dap/support');
const { summarize, ms } = require('./stats');

function connect(via, dalecDap, env) {
  const fakeEnv = Object.assign({ FAKE_BUILDX_PROGRAM: PROGRAM }, env);
  if (via === 'direct') {
    const client = new RawClient(fakeEnv, [process.execPath, FAKE, 'dap', 'build', '-f', SPEC, path.dirname(SPEC)]);
    return { client, launch: { dockerfile: SPEC, contextPath: path.dirname(SPEC) } };
  }
  const client = new RawClient({}, [dalecDap, '--stdio']);
  // The relay (engine buildx): the spec is a Dalec spec, which otherwise goes to dalec-dap's own engine.
  return { client, launch: { spec: SPEC, engine: 'buildx', buildx: [process.execPath, FAKE], env: fakeEnv } };
}

async function start(via, dalecDap, env, breakpointLine) {
  const { client, launch } = connect(via, dalecDap, env);
  await client.request('initialize', { adapterID: 'dalec' });
  const launched = client.request('launch', launch);
  await client.event('initialized');
  if (breakpointLine) await client.request('setBreakpoints', { source: { path: SPEC }, breakpoints: [{ line: breakpointLine, column: via === 'direct' ? 22 : undefined }] });
  return { client, launched };
}

async function latency(via, dalecDap, requests) {
  const { client } = await start(via, dalecDap, {}, 99);
  await client.request('configurationDone', {});
  await client.event('stopped');
  const samples = [];
  for (let i = 0; i < requests; i++) {
    const started = process.hrtime.bigint();
    await client.request('threads', {});
    samples.push(ms(process.hrtime.bigint() - started) * 1000);  // µs
  }
  client.proc.kill('SIGKILL');
  return summarize(samples);
}

async function throughput(via, dalecDap, events) {
  const { client } = await start(via, dalecDap, { FAKE_BUILDX_OUTPUT_FLOOD: String(events) });
  let seen = 0;
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  const last = `compiling unit ${events - 1}\n`;
  client.onMessage = (m) => {
    if (m.type === 'event' && m.event === 'output' && m.body.output.startsWith('#3 0.')) {
      seen++;
      if (m.body.output.endsWith(last)) done();
    }
  };
  const started = process.hrtime.bigint();
  client.send({ seq: ++client.seq, type: 'request', command: 'configurationDone', arguments: {} });
  await finished;
  const seconds = ms(process.hrtime.bigint() - started) / 1000;
  client.proc.kill('SIGKILL');
  return { events: seen, seconds, perSecond: seen / seconds };
}

async function benchBridge(dalecDap, options) {
  const result = {};
  for (const via of ['direct', 'dalec-dap']) {
    result[via] = { latencyUs: await latency(via, dalecDap, options.requests), output: await throughput(via, dalecDap, options.events) };
  }
  return result;
}

module.exports = { benchBridge };
