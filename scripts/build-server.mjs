#!/usr/bin/env node
// `npm run build -w server`: the reference server's JavaScript in server/dist, for the @tillkit/server
// package. TypeScript 7 emits it (relative `.ts` imports become `.js`); `tillkit/core` stays a bare import,
// resolved at run time to the installed widget package's money core (build the widget first: its
// declarations type-check the import). The bin gets its execute bit.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = join(root, 'server');
rmSync(join(server, 'dist'), { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript7/bin/tsc'), '-p', join(server, 'tsconfig.build.json')],
  { stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
chmodSync(join(server, 'dist/main.js'), 0o755);
