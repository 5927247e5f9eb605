// What both DAP end-to-end test files need: where the binary, the spec and the buildx stand-in are.
'use strict';
const path = require('path');
const { execFileSync } = require('child_process');

const REFERENCE = process.env.DALEC_REFERENCE_DIR || path.resolve(__dirname, '../../../../shared/reference');

module.exports = {
  DAP: process.env.DALEC_DAP_BINARY || path.resolve(__dirname, '../../../build/debug/dap/dalec-dap'),
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
