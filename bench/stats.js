// min / median / p99 of a list of milliseconds, and the ratio of two medians.
'use strict';
function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, min: sorted[0], median: at(0.5), p99: at(0.99) };
}
const ms = (ns) => Number(ns) / 1e6;
module.exports = { summarize, ms };
