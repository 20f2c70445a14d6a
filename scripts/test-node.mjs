#!/usr/bin/env node
// Runs the Node test files (test/**/*.test.ts, but not the browser ones) with node:test through tsx.
// Node 20's test runner takes no globs, so the files are found here. Extra arguments are passed on.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));

const files = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.test\.ts$/.test(entry.name) && !/\.browser\.test\.ts$/.test(entry.name) && !path.includes('/e2e/'))
      files.push(path);
  }
})('test');
const chosen = files.sort().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (chosen.length === 0) {
  console.error('no test files match', filters.join(' '));
  process.exit(1);
}
const { status } = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...flags, ...chosen],
  { stdio: 'inherit' },
);
process.exit(status ?? 1);
