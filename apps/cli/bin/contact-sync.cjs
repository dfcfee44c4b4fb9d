#!/usr/bin/env node
// Runs the CLI's TypeScript directly (tsx), with the workspace's path aliases.
const { join } = require('node:path');

process.env.TSX_TSCONFIG_PATH ??= join(__dirname, '..', 'tsconfig.json');
require('tsx/cjs');
require('../src/main.ts');
