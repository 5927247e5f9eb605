'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const daemonSource = () => fs.readFileSync(path.resolve(root, '../../shared/buildkit/routes/connection_settings_json.h'), 'utf8');
function daemonKeys() {
  const source = daemonSource();
  return [...source.matchAll(/text\(object, "(\w+)"\)/g), ...source.matchAll(/object\.value\("(\w+)"/g)].map((m) => m[1]);
}

// The keys dalec-dap reads, taken from its parser so the two cannot drift apart.
function bridgeLaunchKeys() {
  const source = fs.readFileSync(path.resolve(root, '../../dap/protocol/launch_arguments.cpp'), 'utf8');
  const keys = new Set();
  for (const m of source.matchAll(/(?:stringField|boolField|mapField|listField)\(j, "(\w+)"/g)) keys.add(m[1]);
  for (const m of source.matchAll(/j\.contains\("(\w+)"\)/g)) keys.add(m[1]);
  // Which BuildKit (address, builder, tls) is read by the same code for dalec-dap and dalec-lsp.
  for (const key of daemonKeys()) keys.add(key);
  return [...keys].sort();
}

test('the debugger contribution takes exactly the launch arguments dalec-dap reads', () => {
  const debuggerContribution = manifest.contributes.debuggers.find((d) => d.type === 'dalec');
  assert.ok(debuggerContribution);
  assert.deepStrictEqual(Object.keys(debuggerContribution.configurationAttributes.launch.properties).sort(), bridgeLaunchKeys());
  assert.deepStrictEqual(debuggerContribution.configurationAttributes.launch.required, ['spec']);
  assert.deepStrictEqual(manifest.contributes.breakpoints, [{ language: 'dalec' }]);
});

test('the language and the lens commands are contributed', () => {
  const language = manifest.contributes.languages.find((l) => l.id === 'dalec');
  assert.deepStrictEqual(language.extensions, ['.dalec.yml', '.dalec.yaml']);
  assert.ok(new RegExp(language.firstLine).test('# syntax=ghcr.io/project-dalec/dalec/frontend:latest'));
  const commands = manifest.contributes.commands.map((c) => c.command);
  for (const c of ['dalec.debugTest', 'dalec.runTests', 'dalec.buildTarget', 'dalec.debugTarget', 'dalec.restartServer'])
    assert.ok(commands.includes(c), c);
});

test('the test-run settings dalec-lsp reads are contributed', () => {
  const settings = Object.keys(manifest.contributes.configuration.properties);
  for (const key of ['dalec.buildkit.address', 'dalec.buildkit.builder', 'dalec.buildkit.tls', 'dalec.test.frontendImage', 'dalec.test.target', 'dalec.test.buildArgs', 'dalec.test.buildContexts', 'dalec.test.contextDir'])
    assert.ok(settings.includes(key), key);
  // The server reads them as {buildkit: {address}, test: {frontendImage, target, buildArgs, contextDir}}.
  const options = fs.readFileSync(path.resolve(root, '../../lsp/protocol/lsp_types.cpp'), 'utf8') + daemonSource();
  assert.deepStrictEqual(daemonKeys().sort(), ['address', 'builder', 'tls']);
  for (const key of ['"address"', '"frontendImage"', '"target"', '"buildArgs"', '"buildContexts"', '"contextDir"']) assert.ok(options.includes(key), key);
});

test('the packaged .vsix holds the manifest, the compiled extension and its runtime dependency', { skip: !fs.existsSync(path.join(root, 'dalec-tools.vsix')) && 'run `npm run package` first' }, () => {
  const listing = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))',
                                           path.join(root, 'dalec-tools.vsix')]).toString().split('\n');
  for (const file of ['extension/package.json', 'extension/out/extension.js', 'extension/out/launch.js',
                      'extension/syntaxes/dalec.tmLanguage.json', 'extension/node_modules/vscode-languageclient/package.json'])
    assert.ok(listing.includes(file), file + ' is missing from the .vsix');
  assert.ok(!listing.some((f) => f.startsWith('extension/src/')), 'sources should not be packaged');
  const packaged = JSON.parse(execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("extension/package.json").decode())',
                                                       path.join(root, 'dalec-tools.vsix')]).toString());
  assert.deepStrictEqual(packaged.contributes.debuggers, manifest.contributes.debuggers);
});

test('the frontend verdict is contributed, and off in an untrusted workspace whatever the settings say', () => {
  const settings = manifest.contributes.configuration.properties;
  assert.deepStrictEqual(settings['dalec.frontend.verdict'].enum, ['off', 'onSave', 'onChange']);
  assert.strictEqual(settings['dalec.frontend.verdict'].default, 'onSave');
  assert.ok(manifest.contributes.commands.some((c) => c.command === 'dalec.verifySpec'));
  assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('dalec.frontend.trustedImages'));
  const { serverInitializationOptions } = require('../out/server_options');
  const chosen = { 'frontend.verdict': 'onChange', 'frontend.trustedImages': ['registry.example/f'] };
  const read = (key, fallback) => (key in chosen ? chosen[key] : fallback);
  assert.deepStrictEqual(serverInitializationOptions(read, true).frontend, { verdict: 'onChange', trustedImages: ['registry.example/f'] });
  assert.deepStrictEqual(serverInitializationOptions(read, false).frontend, { verdict: 'off', trustedImages: [] });
  // The server reads what the extension sends under these names.
  const options = fs.readFileSync(path.resolve(root, '../../lsp/protocol/lsp_types.cpp'), 'utf8') + daemonSource();
  assert.deepStrictEqual(daemonKeys().sort(), ['address', 'builder', 'tls']);
  for (const key of ['"frontend"', '"verdict"', '"trustedImages"']) assert.ok(options.includes(key), key);
});
