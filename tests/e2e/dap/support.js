// What both DAP end-to-end test files need: where the binary, the spec and the buildx stand-in are.
'use strict';
const path = require('path');
const { execFileSync, spawn } = require('child_process');

const DAP = process.env.DALEC_DAP_BINARY || path.resolve(__dirname, '../../../build/debug/dap/dalec-dap');

// A DAP client over a raw stream, for what DebugClient cannot show (reverse requests, seq
// numbers) and for timing: it runs `command` (dalec-dap by default, or buildx itself).
class RawClient {
  constructor(env = {}, command = [DAP, '--stdio']) {
    this.proc = spawn(command[0], command.slice(1), { env: Object.assign({}, process.env, env) });
    this.buffer = Buffer.alloc(0);
    this.messages = [];
    this.waiters = [];
    this.seq = 0;
    this.proc.stdout.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) break;
        const length = Number(/Content-Length: (\d+)/.exec(this.buffer.slice(0, end).toString())[1]);
        if (this.buffer.length < end + 4 + length) break;
        const message = JSON.parse(this.buffer.slice(end + 4, end + 4 + length).toString());
        this.buffer = this.buffer.slice(end + 4 + length);
        if (this.onMessage) this.onMessage(message);
        else this.messages.push(message);
        this.waiters = this.waiters.filter((w) => !(w.match(message) && (w.resolve(message), true)));
      }
    });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }
  send(message) {
    const body = Buffer.from(JSON.stringify(message));
    this.proc.stdin.write('Content-Length: ' + body.length + '\r\n\r\n');
    this.proc.stdin.write(body);
  }
  request(command, args) {
    const seq = ++this.seq;
    this.send({ seq, type: 'request', command, arguments: args });
    return this.waitFor((m) => m.type === 'response' && m.request_seq === seq);
  }
  waitFor(match, ms = 5000) {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), ms);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }
  event(name, ms) { return this.waitFor((m) => m.type === 'event' && m.event === name, ms); }
}

const REFERENCE = process.env.DALEC_REFERENCE_DIR || path.resolve(__dirname, '../../../../shared/reference');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Ends a DebugClient's session: disconnect, then DebugClient's SIGTERM. Its requests have no
// timeout, and one to an adapter that has already ended would wait for ever: hence the race with
// `ms`. An adapter still running 10 s after that hung in its disconnect. It is killed and the test
// fails, where the file would otherwise wait on it until ctest's timeout with nothing said.
async function stopClient(dc, ms) {
  const adapter = dc._adapterProcess;
  const exited = new Promise((resolve) => {
    if (!adapter || adapter.exitCode !== null || adapter.signalCode !== null) resolve();
    else adapter.once('exit', resolve);
  });
  await Promise.race([dc.stop().catch(() => {}), sleep(ms)]);
  if (await Promise.race([exited.then(() => true), sleep(10000).then(() => false)])) return;
  adapter.kill('SIGKILL');
  await exited;
  throw new Error(`dalec-dap was still running ${ms + 10000} ms after disconnect (killed)`);
}

module.exports = {
  DAP,
  RawClient,
  stopClient,
  SPEC: path.join(REFERENCE, 'specs', 'example-hello.inline.yml'),
  FAKE: path.join(__dirname, 'fixtures', 'fake-buildx.js'),
  PROGRAM: path.join(__dirname, 'fixtures', 'hello-inline.program.json'),
  // Whether a process whose command line contains `marker` is running.
  running(marker) {
    try {
      execFileSync('pgrep', ['-f', marker]);
      return true;
    } catch {
      return false;
    }
  },
};
