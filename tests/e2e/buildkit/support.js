// What the real-BuildKit tests need: the built dalec-dap, the buildx and builder that
// with-buildkitd.sh set up, and a fresh build context per test. Missing pieces fail the test
// with what is missing; nothing is skipped.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { DebugClient } = require('../dap/node_modules/@vscode/debugadapter-testsupport');
const { running } = require('../dap/support');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through tests/e2e/buildkit/with-buildkitd.sh`);
  return value;
}

const DAP = process.env.DALEC_DAP_BINARY || path.resolve(__dirname, '../../../build/debug/dap/dalec-dap');

module.exports = {
  DAP,
  // A DebugClient on the built dalec-dap. Its stop() sends disconnect even to an adapter that has
  // already ended the session and exited; the EPIPE of that write is expected, not a failure.
  async startClient(timeoutMs) {
    const dc = new DebugClient(DAP, '--stdio', 'dalec', {}, true);
    dc.defaultTimeout = timeoutMs;
    await dc.start();
    dc._adapterProcess.stdin.on('error', () => {});
    return dc;
  },
  buildx: () => required('DALEC_E2E_BUILDX'),
  builder: () => required('DALEC_E2E_BUILDER'),
  // A build context holding `fixture` (a file under fixtures/) and the static busybox it copies.
  context(fixture) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dalec-dap-real-'));
    fs.copyFileSync(path.join(__dirname, 'fixtures', fixture), path.join(dir, fixture));
    fs.copyFileSync('/bin/busybox', path.join(dir, 'busybox'));
    return { dir, file: path.join(dir, fixture), lines: fs.readFileSync(path.join(dir, fixture), 'utf8').split('\n') };
  },
  running,
};
