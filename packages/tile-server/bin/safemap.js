#!/usr/bin/env node
// Thin launcher: the command line is compiled TypeScript in dist/ (built by `npm ci` through the root prepare script).
import('../dist/bin/safemap.js');
