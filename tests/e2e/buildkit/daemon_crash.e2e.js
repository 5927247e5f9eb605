// buildkitd dying under a debug session: the real daemon of with-buildkitd.sh, killed with SIGKILL
// while dalec-dap waits for Dalec's frontend. This file has a daemon of its own (its ctest entry),
// since nothing can run on it afterwards; its name keeps `node --test` (buildkit_e2e) from finding it.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const { execFileSync } = require('child_process');
const { startClient, context, stopClient } = require('./support');

function daemonChildren(pid) {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

const TIMEOUT_MS = 120000;
let ctx;
before(() => { ctx = context('checks.dalec.yml'); });
after(() => fs.rmSync(ctx.dir, { recursive: true, force: true }));

async function session(onOutput) {
  const dc = await startClient(TIMEOUT_MS);
  const outputs = [];
  dc.on('output', (e) => {
    outputs.push(e.body.output);
    if (onOutput) onOutput(e.body.output);
  });
  const exited = dc.waitForEvent('exited', TIMEOUT_MS);
  await dc.initializeRequest({ adapterID: 'dalec' });
  const configured = dc.waitForEvent('initialized').then(() => dc.configurationDoneRequest());
  await dc.launchRequest({ spec: ctx.file, target: 'bookworm', stopOnEntry: true });
  await configured;
  const exitCode = (await exited).body.exitCode;
  // As an editor ends it: disconnect, then the adapter exits by itself.
  const adapterGone = new Promise((resolve) => dc._adapterProcess.on('exit', (code) => resolve(code)));
  await dc.disconnectRequest({});
  const adapterExit = await Promise.race([adapterGone, new Promise((resolve) => setTimeout(() => resolve('still running after 5 s'), 5000))]);
  await stopClient(dc, 3000);
  return { exitCode, text: outputs.join(''), adapterExit };
}

test('buildkitd killed during the frontend call ends the session with the reason', async () => {
  const pid = Number(process.env.DALEC_E2E_BUILDKITD_PID);
  assert.ok(pid > 0, 'DALEC_E2E_BUILDKITD_PID is not set: run through with-buildkitd.sh');
  // The frontend runs as a container of buildkitd's: its first child process says the call is under way.
  let killed = false;
  const watcher = setInterval(() => {
    if (killed || !daemonChildren(pid)) return;
    killed = true;
    process.kill(pid, 'SIGKILL');
  }, 20);
  const { exitCode, text, adapterExit } = await session().finally(() => clearInterval(watcher));
  assert.ok(killed, 'the frontend call never started a process on the daemon');
  assert.strictEqual(exitCode, 1);
  assert.match(text, /dalec-dap: lost BuildKit at unix:\/\/.*: BuildKit ended the build: .+\n/);
  assert.strictEqual(adapterExit, 0, 'dalec-dap did not exit cleanly after the session');
});

test('a launch after the daemon died says that nothing listens on its socket', async () => {
  const { exitCode, text } = await session();
  assert.strictEqual(exitCode, 1);
  const socket = process.env.BUILDKIT_HOST.replace(/^unix:\/\//, '');
  assert.ok(text.includes(socket), text);
  assert.doesNotMatch(text, /Failed check/);
});
