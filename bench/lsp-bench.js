// Drives dalec-lsp and yaml-language-server (configured with Dalec's JSON schema, as a Dalec
// author's editor runs it today) over stdio with vscode-jsonrpc, the way an editor does, on the
// same documents in the same run. Returns the figures; run.js writes them out.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const rpc = require('vscode-jsonrpc/node');
const { summarize, ms } = require('./stats');

const YLS = path.join(__dirname, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

function servers(dalecLsp, schemaPath) {
  const yamlSettings = { yaml: { validate: true, hover: true, completion: true, schemas: { ['file://' + schemaPath]: '*.yml' } } };
  return [
    // dalec-lsp with its debounce at 0, so the edit figure is its work; its default is 50 ms.
    { name: 'dalec-lsp', argv: [dalecLsp, 'serve'], init: { diagnosticsDelayMs: 0 }, settings: { dalec: { diagnosticsDelayMs: 0 } }, debounceMs: 0, defaultDebounceMs: 50 },
    // yaml-language-server's 200 ms validation debounce is fixed; its work is the rest.
    { name: 'yaml-language-server', argv: [process.execPath, YLS, '--stdio'], init: {}, settings: yamlSettings, debounceMs: 200, defaultDebounceMs: 200 },
  ];
}

class Session {
  constructor(server) {
    this.server = server;
    this.proc = spawn(server.argv[0], server.argv.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.proc.stdout), new rpc.StreamMessageWriter(this.proc.stdin));
    this.diagnosticWaiters = new Map();
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const waiter = this.diagnosticWaiters.get(params.uri);
      if (waiter) {
        this.diagnosticWaiters.delete(params.uri);
        waiter(params);
      }
    });
    // yaml-language-server pulls its settings and registers capabilities.
    this.connection.onRequest('workspace/configuration', (params) => params.items.map((item) => server.settings[item.section] ?? null));
    this.connection.onRequest(() => null);
    this.connection.onNotification(() => {});
    this.connection.listen();
  }
  async initialize() {
    const started = process.hrtime.bigint();
    const answer = await this.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null, initializationOptions: this.server.init,
      capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: false } }, hover: { contentFormat: ['markdown'] } } },
    });
    const elapsed = ms(process.hrtime.bigint() - started);
    this.capabilities = answer.capabilities || {};
    this.connection.sendNotification('initialized', {});
    this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.server.settings });
    return elapsed;
  }
  nextDiagnostics(uri) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.server.name}: no diagnostics for ${uri} within 60 s`)), 60000);
      this.diagnosticWaiters.set(uri, (params) => { clearTimeout(timer); resolve(params); });
    });
  }
  async timed(method, params) {
    const started = process.hrtime.bigint();
    await this.connection.sendRequest(method, params);
    return ms(process.hrtime.bigint() - started);
  }
  peakRssKb() {
    const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)[1]);
  }
  async close() {
    await this.connection.sendRequest('shutdown').catch(() => {});
    this.connection.sendNotification('exit');
    await new Promise((resolve) => { this.proc.on('exit', resolve); setTimeout(resolve, 2000); });
    this.connection.dispose();
  }
}

// Positions where an author asks for completion and hover: the key of every n-th line (hover)
// and the end of the same line (completion), spread over the whole document.
function positions(text, count) {
  const lines = text.split('\n');
  const out = [];
  const stride = Math.max(1, Math.floor(lines.length / count));
  for (let line = 1; line < lines.length && out.length < count; line += stride) {
    const indent = lines[line].search(/\S/);
    if (indent < 0) continue;
    out.push({ hover: { line, character: indent + 1 }, completion: { line, character: lines[line].length } });
  }
  return out;
}

async function benchServer(server, documents, options) {
  const result = { server: server.name, debounceMs: server.defaultDebounceMs, startup: [], documents: {} };
  for (let i = 0; i < options.startups; i++) {
    const session = new Session(server);
    result.startup.push(await session.initialize());
    await session.close();
  }
  result.startup = summarize(result.startup);

  const session = new Session(server);
  await session.initialize();
  await new Promise((resolve) => setTimeout(resolve, 300));  // let it read its settings
  for (const doc of documents) {
    const uri = `file:///bench/${doc.name}`;
    const figures = { lines: doc.text.split('\n').length, open: [], edit: [], editLast: [], editAboveError: [], completion: [], hover: [], inlayHint: [], resolved: [], diagnostics: 0 };
    const opened = process.hrtime.bigint();
    const first = session.nextDiagnostics(uri);
    session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: doc.text } });
    figures.diagnostics = (await first).diagnostics.length;
    figures.open.push(ms(process.hrtime.bigint() - opened) - server.debounceMs);
    // Edits: type one character into the description, then take it back, as a user does.
    const descriptionLine = doc.text.split('\n').findIndex((l) => l.startsWith('description:'));
    for (let v = 2; v < 2 + options.edits; v++) {
      const insert = v % 2 === 0;
      const range = { start: { line: descriptionLine, character: 13 }, end: { line: descriptionLine, character: insert ? 13 : 14 } };
      const published = session.nextDiagnostics(uri);
      const started = process.hrtime.bigint();
      session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert ? 'x' : '' }] });
      await published;
      figures.edit.push(ms(process.hrtime.bigint() - started) - server.debounceMs);
    }
    // The same on the last line that has text, after its last letter or digit (inside the value, so
    // the YAML stays valid): deep in the last section (a test's check, in the generated specs).
    const lines = doc.text.split('\n');
    let last = lines.length - 1;
    while (last > 0 && !/[A-Za-z0-9]/.test(lines[last])) last--;
    const end = lines[last].search(/[A-Za-z0-9][^A-Za-z0-9]*$/) + 1;
    for (let v = 2 + options.edits; v < 2 + 2 * options.edits; v++) {
      const insert = v % 2 === 0;
      const range = { start: { line: last, character: end }, end: { line: last, character: insert ? end : end + 1 } };
      const published = session.nextDiagnostics(uri);
      const started = process.hrtime.bigint();
      session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert ? 'x' : '' }] });
      await published;
      figures.editLast.push(ms(process.hrtime.bigint() - started) - server.debounceMs);
    }
    // The description edits again with a syntax error at the end (an unclosed `[` on a line of its
    // own, as a half-typed last line leaves it): each version is recovered from the error again,
    // unless the server can keep what it knows of the text below the edit.
    const endPosition = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const broken = session.nextDiagnostics(uri);
    let version = 2 + 2 * options.edits;
    session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ range: { start: endPosition, end: endPosition }, text: '\nbroken: [' }] });
    await broken;
    for (let i = 0; i < options.edits; i++) {
      const insert = i % 2 === 0;
      const range = { start: { line: descriptionLine, character: 13 }, end: { line: descriptionLine, character: insert ? 13 : 14 } };
      const published = session.nextDiagnostics(uri);
      const started = process.hrtime.bigint();
      session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ range, text: insert ? 'x' : '' }] });
      await published;
      figures.editAboveError.push(ms(process.hrtime.bigint() - started) - server.debounceMs);
    }
    const mended = session.nextDiagnostics(uri);
    session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ range: { start: endPosition, end: { line: lines.length, character: 9 } }, text: '' }] });
    await mended;
    // The spec as its first target sees it (dalec-lsp's own request; yaml-language-server has none).
    if (server.name === 'dalec-lsp')
      for (let i = 0; i < options.positions; i++) figures.resolved.push(await session.timed('dalec/resolvedSpec', { uri }));
    for (const at of positions(doc.text, options.positions)) {
      figures.hover.push(await session.timed('textDocument/hover', { textDocument: { uri }, position: at.hover }));
      figures.completion.push(await session.timed('textDocument/completion', { textDocument: { uri }, position: at.completion }));
      // The hints of one screen (60 lines) from there, as an editor asks for them while scrolling.
      if (session.capabilities.inlayHintProvider) {
        const range = { start: { line: at.hover.line, character: 0 }, end: { line: at.hover.line + 60, character: 0 } };
        figures.inlayHint.push(await session.timed('textDocument/inlayHint', { textDocument: { uri }, range }));
      }
    }
    for (const key of ['open', 'edit', 'editLast', 'editAboveError', 'completion', 'hover']) figures[key] = summarize(figures[key]);
    // A server without inlay hints or a resolved view (yaml-language-server) gets no figure.
    figures.inlayHint = figures.inlayHint.length ? summarize(figures.inlayHint) : null;
    figures.resolved = figures.resolved.length ? summarize(figures.resolved) : null;
    result.documents[doc.name] = figures;
  }
  result.peakRssKb = session.peakRssKb();
  await session.close();
  return result;
}

module.exports = { servers, benchServer };
