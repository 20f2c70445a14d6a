#!/usr/bin/env node
// `npm run build:types`: the npm package's type declarations in dist/types (mirrors src/).
// 1. tsc -p tsconfig.build.json emits .d.ts for every source module (declarations only).
// 2. src/jsx.d.ts (React's JSX augmentation, a .d.ts input tsc does not emit) is copied beside them.
// 3. Relative specifiers end in .ts in the sources (allowImportingTsExtensions); in the published
//    declarations (imports, and the string tables' module augmentations) they must end in .js, which
//    TypeScript maps to the .d.ts next to it for every consumer's moduleResolution (node16, nodenext,
//    bundler).
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist/types');

rmSync(out, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript7/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
  { stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
copyFileSync(join(root, 'src/jsx.d.ts'), join(out, 'jsx.d.ts'));

const relativeTs = /((?:from|import|declare module)\s*\(?\s*)(['"])(\.\.?\/[^'"]*?)\.ts\2/g;
let files = 0;
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      const rewritten = text.replace(relativeTs, '$1$2$3.js$2');
      if (rewritten !== text) writeFileSync(path, rewritten);
      files++;
    }
  }
})(out);
console.log(`dist/types: ${files} declaration files`);
