'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { planRuns, failuresByTest, testId } = require('../out/test_results');

const spec = 'file:///w/app.dalec.yml';
const made = (name, line, target) => {
  const args = target ? { uri: spec, test: name, target } : { uri: spec, test: name };
  return { id: testId(args), args, line };
};
const a = made('a', 10), b = made('b', 20), c = made('c', 30, 'jammy');
const all = () => [a, b, c];

test('all the tests of a spec and target are one run; the rest one run each', () => {
  assert.deepStrictEqual(planRuns([a, b], all), [{ args: { uri: spec }, tests: [a, b] }]);
  assert.deepStrictEqual(planRuns([a], all), [{ args: a.args, tests: [a] }]);
  assert.deepStrictEqual(planRuns([a, b, c], all), [{ args: { uri: spec }, tests: [a, b] }, { args: c.args, tests: [c] }]);
});

test('a failure belongs to the test above it, or to all when above every test', () => {
  const at = (line) => ({ message: `at ${line}`, range: { start: { line, character: 4 }, end: { line, character: 9 } } });
  const placed = failuresByTest([a, b], [at(12), at(25), at(3)]);
  assert.deepStrictEqual(placed.get(a.id).map((f) => f.message), ['at 12', 'at 3']);
  assert.deepStrictEqual(placed.get(b.id).map((f) => f.message), ['at 25', 'at 3']);
});
