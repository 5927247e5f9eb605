'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { failureNotice, missingBinaryNotice, crashVerdict } = require('../out/failure_notices');

test('no BuildKit reachable: one notice with the settings that choose it and the README section', () => {
  const notice = failureNotice('no BuildKit reachable: tried ...', { cause: 'buildkit-unreachable', setting: 'dalec.buildkit' });
  assert.strictEqual(notice.message, 'Dalec: no BuildKit reachable: tried ...');
  assert.deepStrictEqual(notice.actions, [
    { title: 'Open Settings', kind: 'openSettings', query: 'dalec.buildkit' },
    { title: 'How to Reach BuildKit', kind: 'openReadme', section: 'Reaching BuildKit' },
  ]);
});

test('docker with no buildx plugin: one notice, with the README section on installing it', () => {
  const notice = failureNotice('docker has no buildx plugin here, ...', { cause: 'buildx-missing', setting: '' });
  assert.strictEqual(notice.message, 'Dalec: docker has no buildx plugin here, ...');
  assert.deepStrictEqual(notice.actions, [{ title: 'How to Install buildx', kind: 'openReadme', section: 'Debugging other files with buildx' }]);
});

test('any other failure is said as it is, with no button', () => {
  assert.deepStrictEqual(failureNotice('no target to test'), { message: 'Dalec: no target to test', actions: [] });
  assert.deepStrictEqual(failureNotice('x', { cause: 'something-else' }).actions, []);
});

test('a missing binary names itself and opens its setting', () => {
  const notice = missingBinaryNotice('language server', 'dalec-lsp', 'dalec.server.path');
  assert.match(notice.message, /cannot find the language server "dalec-lsp"/);
  assert.deepStrictEqual(notice.actions, [{ title: 'Open Settings', kind: 'openSettings', query: 'dalec.server.path' }]);
});

test('a server that keeps ending is not started a sixth time within three minutes', () => {
  const now = 1_000_000;
  assert.strictEqual(crashVerdict([now], now).restart, true);
  const five = [now - 4000, now - 3000, now - 2000, now - 1000, now];
  const verdict = crashVerdict(five, now);
  assert.strictEqual(verdict.restart, false);
  assert.match(verdict.notice.message, /stopped 5 times in 3 minutes/);
  assert.deepStrictEqual(verdict.notice.actions.map((a) => a.kind), ['showOutput', 'restartServer']);
  // Old ends do not count.
  assert.strictEqual(crashVerdict([now - 4 * 60000, now - 4 * 60000, now - 4 * 60000, now - 4 * 60000, now], now).restart, true);
});
