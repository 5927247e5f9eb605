// What the real-BuildKit tests need: the built dalec-dap, the buildx and builder that
// with-buildkitd.sh set up, and a fresh build context per test. Missing pieces fail the test
// with what is missing; nothing is skipped.
'use strict';
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { DebugClient } = require('../dap/node_modules/@vscode/debugadapter-testsupport');
const { running, stopClient } = require('../dap/support');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through tests/e2e/buildkit/with-buildkitd.sh`);
  return value;
}

const DAP = process.env.DALEC_DAP_BINARY || path.resolve(__dirname, '../../../build/debug/dap/dalec-dap');

// A TCP port in front of the daemon's unix socket, so that a test can cut the connection the way a
// network does, or buildkitd does when it dies: the sockets of both sides closed mid-build. Only the
// wire is stood in for; the daemon on the other side is the real one.
function daemonProxy() {
  const socketPath = required('BUILDKIT_HOST').replace(/^unix:\/\//, '');
  const pairs = new Set();
  const server = net.createServer((client) => {
    const daemon = net.connect(socketPath);
    const pair = { client, daemon };
    pairs.add(pair);
    client.pipe(daemon);
    daemon.pipe(client);
    const drop = () => {
      client.destroy();
      daemon.destroy();
      pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    daemon.on('error', drop).on('close', drop);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        address: `tcp://127.0.0.1:${server.address().port}`,
        get connections() { return pairs.size; },
        // Closes every connection and refuses new ones: the daemon is gone for the client.
        cut() {
          server.close();
          for (const { client, daemon } of pairs) {
            client.destroy();
            daemon.destroy();
          }
          pairs.clear();
        },
      });
    });
  });
}

module.exports = {
  daemonProxy,
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
  stopClient,
};
