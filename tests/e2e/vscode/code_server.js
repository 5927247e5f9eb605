// A real VS Code for the extension's tests: code-server (VS Code 1.139 with its Node extension
// host) from install.sh, a fresh profile per editor with the packaged .vsix installed offline,
// shown in Debian's Chromium through playwright-core. Everything it starts is stopped by stop():
// code-server's whole process group (a file watcher outlives a plain kill) and the browser.
'use strict';
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { execFileSync, spawn } = require('child_process');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '../../..');
// The process groups of the code-servers running now: killed if this process ends without its
// test's after() (a timeout, a signal), so that no editor outlives the run.
const running = new Set();
function killRunning() {
  for (const pgid of running) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
  }
  running.clear();
}
process.on('exit', killRunning);
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  // Die of the same signal once the editors are gone, as the process would have without this.
  process.once(signal, () => {
    killRunning();
    process.kill(process.pid, signal);
  });
}
const CHROMIUM = '/usr/lib/chromium/chromium';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through tests/e2e/vscode/run.sh`);
  return value;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

// User settings that keep the editor quiet and offline, plus the test's own. Workspace trust is
// off unless the test asks for it (then VS Code asks at start-up, as it does a new user).
function userSettings(extra, trust) {
  return Object.assign({
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': trust,
    'security.workspace.trust.startupPrompt': 'always',
    'editor.hover.delay': 100,
    'files.autoSave': 'off',
    'window.restoreWindows': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }, extra);
}

// Starts code-server on WORKSPACE with SETTINGS (user settings.json) and the extension installed,
// and opens it in a headless Chromium. Returns {page, logs(), stop()}. With trust, the folder
// starts untrusted and VS Code's trust prompt is left for the test to answer.
async function openEditor({ workspace, settings = {}, env = {}, trust = false }) {
  const cache = required('DALEC_CODE_SERVER');
  const vsix = required('DALEC_VSIX');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dalec-vscode-'));
  const dirs = { user: path.join(home, 'user'), ext: path.join(home, 'ext'), xdg: path.join(home, 'xdg') };
  fs.mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.user, 'User', 'settings.json'), JSON.stringify(userSettings(settings, trust), null, 2));
  const port = await freePort();
  fs.writeFileSync(path.join(home, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const childEnv = Object.assign({}, process.env, {
    PATH: `${cache}/node24/bin:${process.env.PATH}`,
    // code-server otherwise writes a config with a password into the real home folder.
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    npm_config_cache: path.join(dirs.xdg, 'npm'),
  }, env);
  const common = ['--config', path.join(home, 'config.yaml'), '--user-data-dir', dirs.user, '--extensions-dir', dirs.ext];
  execFileSync(`${cache}/bin/code-server`, [...common, '--install-extension', vsix], { env: childEnv, stdio: 'pipe' });

  const logPath = path.join(home, 'code-server.log');
  const logFd = fs.openSync(logPath, 'w');
  const server = spawn(`${cache}/bin/code-server`, [...common, '--disable-telemetry', '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', workspace],
  { env: childEnv, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  running.add(server.pid);
  let browser;
  const stop = async () => {
    if (browser) await browser.close().catch(() => {});
    browser = undefined;
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    for (let i = 0; i < 50 && alive(server.pid); i++) await sleep(100);
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
    running.delete(server.pid);
    fs.rmSync(home, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 60000;
    while (!(await healthy(port))) {
      if (Date.now() > deadline || server.exitCode !== null)
        throw new Error(`code-server did not come up on port ${port}:\n${fs.readFileSync(logPath, 'utf8').slice(-2000)}`);
      await sleep(200);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Root in a container; and no background connections, which this closed network refuses.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    return { page, home, logs: () => fs.readFileSync(logPath, 'utf8'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A copy of FILES (paths under the repository) in a fresh workspace folder.
function workspaceWith(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dalec-workspace-'));
  for (const file of files) fs.copyFileSync(path.join(ROOT, file), path.join(dir, path.basename(file)));
  return dir;
}

module.exports = { openEditor, workspaceWith, sleep, ROOT };
