// What a user does in the VS Code window and what they see there, through the page: keyboard
// shortcuts and the commands palette, and the workbench's own accessible labels. Nothing here
// reaches into the extension or the language server.
'use strict';
const fs = require('fs');
const path = require('path');

const SCREENSHOTS = process.env.DALEC_VSCODE_SCREENSHOTS || '';

async function waitFor(what, probe, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const seen = await probe();
    if (seen) return seen;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function labels(page, selector) {
  return page.$$eval(selector, (rows) => rows.map((row) => row.getAttribute('aria-label') || row.textContent.trim()));
}

// Runs a command by its title from the palette (F1), as a user would.
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

// Quick Open (Ctrl+P) on a file name; resolves when its editor tab is active.
async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

// VS Code 1.139 shows some editors (the Workspace Trust editor among them) as a modal over the
// workbench, which takes every click meant for what is behind it: closed with Escape, as a user
// would, until none is left.
async function closeModalEditor(page) {
  const modal = page.locator('.monaco-modal-editor-block');
  const open = async () => (await modal.count()) > 0 && (await modal.first().isVisible());
  if (!(await open())) return;
  // Escape closes it when it has the focus; when it does not, closing every editor does.
  await page.keyboard.press('Escape');
  if (await open()) await runCommand(page, 'View: Close All Editors');
  await waitFor('the modal editor to close', async () => !(await open()), 10000);
}

// Puts the keyboard focus in the active text editor, as a click in it would.
async function focusText(page) {
  await closeModalEditor(page);
  await page.locator('.monaco-editor .view-lines').first().click();
}

// The language mode the status bar shows for the active editor ("Dalec spec", "YAML").
async function languageMode(page) {
  return page.locator('.statusbar-item[id="status.editor.mode"]').innerText();
}

// Ctrl+G LINE:COLUMN (1-based), then the focus back in the text.
async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

// The rows of the Problems panel (Ctrl+Shift+M) under FILE: each {severity, text, line, column}
// from the row's accessible label, which VS Code writes as
// "Error: MESSAGE at line L column C in FILE  source CODE" (and similar for warnings).
async function problems(page) {
  // Ctrl+Shift+M toggles the panel: only when it is not open already.
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor();
  const rows = await labels(page, '.markers-panel .monaco-list-row');
  return rows;
}

async function screenshot(page, name) {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

// The toasts on screen, by their text.
async function notifications(page) {
  return labels(page, '.notifications-toasts .notification-list-item');
}

module.exports = { waitFor, labels, runCommand, openFile, closeModalEditor, focusText, languageMode, goTo, problems, screenshot, notifications };
