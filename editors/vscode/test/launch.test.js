'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { resolveLaunchConfiguration, lensToLaunch, routeForTarget, launchCommands } = require('../out/launch');

test('F5 on an open spec with no launch.json debugs that spec', () => {
  assert.deepStrictEqual(resolveLaunchConfiguration({}, { path: '/w/app.yml', languageId: 'dalec' }, 'azlinux3/container'),
    { type: 'dalec', request: 'launch', name: 'Dalec: Debug spec', spec: '/w/app.yml', target: 'azlinux3/container' });
  assert.strictEqual(resolveLaunchConfiguration({}, { path: '/w/a.ts', languageId: 'typescript' }, ''), undefined);
  assert.strictEqual(resolveLaunchConfiguration({}, undefined, ''), undefined);
});

test('a launch.json entry keeps its values and gets the open spec when it names none', () => {
  const resolved = resolveLaunchConfiguration({ type: 'dalec', request: 'launch', name: 'x', target: 'jammy/deb' },
                                              { path: '/w/app.yml', languageId: 'dalec' }, 'azlinux3/container');
  assert.strictEqual(resolved.spec, '/w/app.yml');
  assert.strictEqual(resolved.target, 'jammy/deb');
});

test('the buildkit engine is pointed at the daemon the settings name, unless the configuration names one', () => {
  const active = { path: '/w/app.yml', languageId: 'dalec' };
  assert.strictEqual(resolveLaunchConfiguration({}, active, '', { address: 'tcp://127.0.0.1:1234' }).address, 'tcp://127.0.0.1:1234');
  assert.strictEqual(resolveLaunchConfiguration({ type: 'dalec', request: 'launch', name: 'x', address: 'unix:///b.sock' }, active, '',
                                                { address: 'tcp://127.0.0.1:1234' }).address, 'unix:///b.sock');
  assert.strictEqual(resolveLaunchConfiguration({}, active, '', {}).address, undefined);
  // The builder and TLS settings travel with the address; a configuration naming its own builder keeps it.
  const tls = { ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' };
  assert.deepStrictEqual(resolveLaunchConfiguration({}, active, '', { address: 'tcp://h:1', tls }).tls, tls);
  assert.strictEqual(resolveLaunchConfiguration({}, active, '', { builder: 'ci' }).builder, 'ci');
  const own = resolveLaunchConfiguration({ type: 'dalec', request: 'launch', name: 'x', builder: 'mine' }, active, '', { address: 'tcp://h:1' });
  assert.strictEqual(own.builder, 'mine');
  assert.strictEqual(own.address, undefined);
});

test('lenses become the launch configurations dalec-dap takes', () => {
  assert.deepStrictEqual(lensToLaunch('dalec.debugTest', { uri: 'file:///w/my%20app.yml', test: 'works', target: 'jammy' }, ''),
    { type: 'dalec', request: 'launch', name: 'Dalec: Debug test works', spec: '/w/my app.yml', target: 'jammy/deb', test: 'works' });
  assert.deepStrictEqual(lensToLaunch('dalec.buildTarget', { uri: 'file:///w/a.yml', target: 'azlinux3' }, ''),
    { type: 'dalec', request: 'launch', name: 'Dalec: Build azlinux3/container', spec: '/w/a.yml', target: 'azlinux3/container', noDebug: true });
  assert.strictEqual(lensToLaunch('dalec.debugTest', { uri: 'file:///w/a.yml', test: 't' }, 'noble/deb').target, 'noble/deb');
  assert.throws(() => lensToLaunch('dalec.nothing', { uri: 'file:///a' }, ''), /unknown Dalec command/);
  assert.strictEqual(routeForTarget('flatcar'), 'flatcar/testing/sysext');
  assert.strictEqual(routeForTarget('windowscross/zip'), 'windowscross/zip');
});

test('Run test lenses go to the language server, not to a debug session', () => {
  // The language client registers dalec.runTests from the server's executeCommandProvider; the
  // extension registering it too would fail activation with "command already exists".
  assert.ok(!launchCommands.includes('dalec.runTests'));
  assert.throws(() => lensToLaunch('dalec.runTests', { uri: 'file:///w/a.yml', test: 't' }, ''), /unknown Dalec command/);
  const server = fs.readFileSync(path.resolve(__dirname, '../../../lsp/protocol/commands.h'), 'utf8');
  assert.match(server, /kRunTestsCommand = "dalec\.runTests"/);
});
