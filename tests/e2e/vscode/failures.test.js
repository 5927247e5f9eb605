// What the extension says in a real VS Code when something is missing or goes wrong: each case is
// one notification in Dalec's words, with the button that fixes it, read from the page. The
// machine here has no BuildKit for these editors: HOME, the Docker and buildx configuration and
// DOCKER_HOST point into an empty folder, BUILDKIT_HOST is unset, and no buildkitd listens on its
// default socket (checked), as on a new user's machine.
'use strict';
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { openEditor, workspaceWith, sleep, ROOT } = require('./code_server');
const wb = require('./workbench');

const LSP = process.env.DALEC_LSP_BINARY || path.join(ROOT, 'build/debug/lsp/dalec-lsp');
const DAP = process.env.DALEC_DAP_BINARY || path.join(ROOT, 'build/debug/dap/dalec-dap');
const cleanups = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

// An editor on a copy of FILES whose environment reaches no BuildKit.
async function editorWithoutBuildkit(files, settings) {
  const workspace = workspaceWith(files);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dalec-nobuildkit-'));
  const editor = await openEditor({
    workspace,
    settings: Object.assign({ 'dalec.server.path': LSP, 'dalec.debugAdapter.path': DAP }, settings),
    env: { HOME: empty, BUILDKIT_HOST: '', DOCKER_CONFIG: path.join(empty, 'docker'), BUILDX_CONFIG: path.join(empty, 'buildx'),
      DOCKER_HOST: `unix://${path.join(empty, 'docker.sock')}` },
  });
  cleanups.push(async () => {
    await editor.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(empty, { recursive: true, force: true });
  });
  return { editor, page: editor.page, workspace };
}

// The notifications on screen: {message, buttons}.
async function toasts(page) {
  return page.$$eval('.notifications-toasts .notification-list-item', (items) => items.map((item) => ({
    message: item.querySelector('.notification-list-item-message')?.innerText.trim() ?? '',
    buttons: [...item.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b) => b.innerText.trim()),
  })));
}

// Waits until notifications have come and stayed the same for a second (a second one would follow
// the first within milliseconds), then returns them.
async function settledToasts(page, what) {
  await wb.waitFor(what, async () => (await toasts(page)).length > 0);
  let last = JSON.stringify(await toasts(page));
  for (;;) {
    await sleep(1000);
    const now = JSON.stringify(await toasts(page));
    if (now === last) return JSON.parse(now);
    last = now;
  }
}

async function clearToasts(page) {
  await wb.runCommand(page, 'Notifications: Clear All Notifications');
  await wb.waitFor('the notifications to go', async () => (await toasts(page)).length === 0);
}

async function settingsEditorShows(page, query) {
  await page.locator('.settings-editor').waitFor({ timeout: 30000 });
  return wb.waitFor(`the Settings editor searching ${query}`, async () => {
    const value = await page.locator('.settings-editor .suggest-input-container .view-lines').innerText().catch(() => '');
    return value.replace(/\s/g, ' ').includes(query);
  });
}

// hello-dalec.yml's last test, "it greets" (line 70): its lens TITLE clicked, in an editor with no
// BuildKit; returns the page and the notifications that came of it.
async function lensWithoutBuildkit(title) {
  const { page } = await editorWithoutBuildkit(['examples/hello-dalec.yml']);
  await wb.openFile(page, 'hello-dalec.yml');
  await wb.goTo(page, 70, 1);
  const lenses = page.locator('.codelens-decoration a', { hasText: title });
  await lenses.first().waitFor();
  await lenses.last().click();
  return { page, shown: await settledToasts(page, 'a notification') };
}

test('with no BuildKit anywhere, Run test says so once, names what was tried and opens the settings', async () => {
  assert.ok(!fs.existsSync('/run/buildkit/buildkitd.sock'), 'a buildkitd listens on the default socket of this machine');
  const { page, shown } = await lensWithoutBuildkit('Run test');
  assert.strictEqual(shown.length, 1, JSON.stringify(shown));
  assert.match(shown[0].message, /^Dalec: no BuildKit reachable: tried BUILDKIT_HOST \(not set\), the current buildx builder \(none chosen in .*\), the Docker engine \(no socket at .*\), buildkitd's default socket \(none at \/run\/buildkit\/buildkitd\.sock\)\./);
  assert.deepStrictEqual(shown[0].buttons, ['Open Settings', 'How to Reach BuildKit']);
  await wb.screenshot(page, 'no-buildkit-run-test');
  await page.locator('.notifications-toasts .monaco-button', { hasText: 'Open Settings' }).click();
  await settingsEditorShows(page, 'dalec.buildkit');
  await wb.screenshot(page, 'no-buildkit-settings');
  const titles = await wb.waitFor('the BuildKit settings', async () => {
    const shown = await page.$$eval('.settings-editor .setting-item-title', (e) => e.map((x) => x.innerText.replace(/\s+/g, ' ').trim()));
    return shown.some((t) => t.includes('Address')) ? shown : undefined;
  });
  assert.ok(titles.some((t) => t.includes('Builder')), titles.join(' / '));
});

test('with no BuildKit anywhere, Debug test says so once, with the same buttons; README explains', async () => {
  const { page, shown } = await lensWithoutBuildkit('Debug test');
  assert.strictEqual(shown.length, 1, JSON.stringify(shown));
  assert.match(shown[0].message, /^Dalec: no BuildKit reachable: tried BUILDKIT_HOST \(not set\)/);
  assert.deepStrictEqual(shown[0].buttons, ['Open Settings', 'How to Reach BuildKit']);
  await wb.screenshot(page, 'no-buildkit-debug-test');
  await page.locator('.notifications-toasts .monaco-button', { hasText: 'How to Reach BuildKit' }).click();
  // The extension's README opens in the Markdown preview (a webview) at its own tab.
  await page.locator('.tab', { hasText: 'Preview readme.md' }).waitFor({ timeout: 30000 });
});

test('debugging through buildx with a docker that has no buildx plugin: one notification that says so, with how to install it', async () => {
  // The real docker CLI, whose configuration folder here is empty: no plugin. The launch
  // configuration asks for the relay ("engine": "buildx"), which runs `docker buildx dap build`.
  const { page, workspace } = await editorWithoutBuildkit(['examples/hello-dalec.yml']);
  fs.mkdirSync(path.join(workspace, '.vscode'));
  fs.writeFileSync(path.join(workspace, '.vscode', 'launch.json'), JSON.stringify({
    version: '0.2.0',
    configurations: [{ type: 'dalec', request: 'launch', name: 'Through buildx', spec: '${workspaceFolder}/hello-dalec.yml', engine: 'buildx' }],
  }));
  await wb.openFile(page, 'hello-dalec.yml');
  // The extension is active once the server's lenses are there (on the tests, at the end).
  await wb.goTo(page, 70, 1);
  await page.locator('.codelens-decoration a', { hasText: 'Debug test' }).first().waitFor();
  await page.keyboard.press('F5');
  const shown = await settledToasts(page, 'a notification');
  assert.strictEqual(shown.length, 1, JSON.stringify(shown));
  assert.match(shown[0].message, /^Dalec: docker has no buildx plugin here, so `docker buildx dap build` cannot run \(docker said: "unknown shorthand flag: 'f' in -f"\)\. Install buildx v0\.26 or later/);
  assert.deepStrictEqual(shown[0].buttons, ['How to Install buildx']);
  await wb.screenshot(page, 'no-buildx-plugin');
  await page.locator('.notifications-toasts .monaco-button', { hasText: 'How to Install buildx' }).click();
  await page.locator('.tab', { hasText: 'Preview readme.md' }).waitFor({ timeout: 30000 });
});

test('a language server that is not there: one notification naming it, whose button opens its setting', async () => {
  const { page } = await editorWithoutBuildkit(['examples/hello-dalec.yml'], { 'dalec.server.path': '/nonexistent/dalec-lsp' });
  await wb.openFile(page, 'hello-dalec.yml');
  const shown = await settledToasts(page, 'a notification');
  assert.deepStrictEqual(shown, [{
    message: 'Dalec: cannot find the language server "/nonexistent/dalec-lsp". Build it (scripts/quickstart.sh) or set "dalec.server.path" to its path.',
    buttons: ['Open Settings'],
  }]);
  await page.locator('.notifications-toasts .monaco-button', { hasText: 'Open Settings' }).click();
  await settingsEditorShows(page, 'dalec.server.path');
});

test('a language server that dies is started again, once said; one that keeps dying is left stopped', async () => {
  // The server under a name of its own, so that this test's server is the one killed.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'dalec-lsp-bin-'));
  cleanups.push(() => fs.rmSync(bin, { recursive: true, force: true }));
  const server = path.join(bin, 'dalec-lsp');
  fs.symlinkSync(LSP, server);
  const { page } = await editorWithoutBuildkit(['examples/mistakes/common-mistakes.yml'], { 'dalec.server.path': server });
  const pids = () => {
    try {
      return execFileSync('pgrep', ['-f', `^${server} serve`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  await wb.openFile(page, 'common-mistakes.yml');
  const problemCount = async () => (await wb.problems(page)).length;
  const before = await wb.waitFor('the problems', async () => ((await problemCount()) > 1 ? problemCount() : undefined));
  const [first] = await wb.waitFor('the server process', async () => (pids().length === 1 ? pids() : undefined));

  process.kill(Number(first), 'SIGKILL');
  const shown = await settledToasts(page, 'a notification');
  assert.deepStrictEqual(shown, [{
    message: 'Dalec: the language server stopped unexpectedly and has been started again.',
    buttons: ['Show Output'],
  }]);
  const [second] = await wb.waitFor('a new server process', async () => (pids().length === 1 && pids()[0] !== first ? pids() : undefined));
  assert.notStrictEqual(second, first);
  // The new server has the document again: the same problems.
  await wb.waitFor('the problems again', async () => (await problemCount()) === before);
  await clearToasts(page);

  // Four more ends within three minutes: the fifth is the last.
  for (let end = 2; end <= 5; end++) {
    const [pid] = await wb.waitFor(`server ${end}`, async () => (pids().length === 1 ? pids() : undefined));
    process.kill(Number(pid), 'SIGKILL');
    await wb.waitFor(`the end of server ${end}`, async () => !pids().includes(pid));
    if (end === 5) break;
    await wb.waitFor(`server ${end + 1}`, async () => pids().length === 1 && pids()[0] !== pid);
    assert.deepStrictEqual((await settledToasts(page, `the word on end ${end}`)).map((t) => t.message),
      ['Dalec: the language server stopped unexpectedly and has been started again.']);
    await clearToasts(page);
  }
  await wb.waitFor('the last word', async () => (await toasts(page)).some((t) => t.message.includes('stopped 5 times')));
  const last = (await toasts(page)).find((t) => t.message.includes('stopped 5 times'));
  assert.deepStrictEqual(last, {
    message: 'Dalec: the language server stopped 5 times in 3 minutes, so it is not started again. The Dalec output shows why.',
    buttons: ['Show Output', 'Restart'],
  });
  await sleep(2000);
  assert.deepStrictEqual(pids(), [], 'no server was started after the fifth end');
  await wb.screenshot(page, 'server-stopped');
  await page.locator('.notifications-toasts .monaco-button', { hasText: 'Restart' }).click();
  await wb.waitFor('the server started by the button', async () => pids().length === 1);
  await wb.waitFor('the problems from the restarted server', async () => (await problemCount()) === before);
});
