#!/usr/bin/env node
// `npm run size` (part of `npm test`, after `npm run build`): the script-tag bundle's budget.
// Deterministic: bytes of the files in dist/, gzip level 9, no timing. Fails when
//   - dist/tillkit.js is larger than 16 KiB gzipped;
//   - dist/tillkit.js imports another file statically (what a page loads before anything renders
//     must be that one file; dynamic import() of the lazy views is the design);
//   - Stripe's loader (the js.stripe.com URL) is in dist/tillkit.js: Stripe.js belongs to the
//     payment step, in its own chunk;
//   - either bundle lost the registration of an element (a `sideEffects` slip);
//   - dist/tillkit.iife.js imports anything (a classic script has no module URL to resolve chunks by).
// Prints every file's size. `--build` runs `vite build` first; otherwise it reads the current dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'vite';
import { STRIPE_MARKER, chunkRole } from './chunk-roles.mjs';

export const BUDGET = 16 * 1024;

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

if (process.argv.includes('--build')) {
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(join(dist, 'tillkit.js'))) {
  console.error('dist/tillkit.js is missing: run `npm run build` (or `npm run size -- --build`).');
  process.exit(1);
}

/** Specifiers of a module's static imports and re-exports, and of its dynamic import()s. */
function importsOf(code) {
  const statics = [];
  const dynamics = [];
  (function visit(node) {
    if (!node || typeof node.type !== 'string') return;
    if (
      (node.type === 'ImportDeclaration' ||
        node.type === 'ExportAllDeclaration' ||
        node.type === 'ExportNamedDeclaration') &&
      node.source
    ) {
      statics.push(node.source.value);
    }
    if (node.type === 'ImportExpression')
      dynamics.push(node.source.type === 'Literal' ? node.source.value : '(computed)');
    if (node.type === 'TemplateLiteral' && node.quasis.length === 1 && dynamics.at(-1) === '(computed)')
      dynamics[dynamics.length - 1] = node.quasis[0].value.cooked;
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  })(parseAst(code));
  return { statics, dynamics };
}

const files = readdirSync(dist)
  .filter((name) => name.endsWith('.js'))
  .map((name) => {
    const code = readFileSync(join(dist, name), 'utf8');
    return { name, code, raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, ...importsOf(code) };
  })
  .sort((a, b) => (a.name === 'tillkit.js' ? -1 : b.name === 'tillkit.js' ? 1 : a.name.localeCompare(b.name)));

const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
console.log(`dist/ (gzip -9):`);
for (const f of files)
  console.log(
    `  ${f.name.padEnd(34)} ${kib(f.raw).padStart(11)} raw  ${kib(f.gzip).padStart(10)} gzip  ${chunkRole(f.name, f.code)}`,
  );

const entry = files.find((f) => f.name === 'tillkit.js');
const iife = files.find((f) => f.name === 'tillkit.iife.js');
const failures = [];
if (entry.gzip > BUDGET)
  failures.push(`dist/tillkit.js is ${kib(entry.gzip)} gzipped, over its budget of ${kib(BUDGET)}.`);
if (entry.statics.length) {
  failures.push(
    `dist/tillkit.js imports ${entry.statics.join(', ')} statically: a page would load more than one file before anything renders.`,
  );
}
if (entry.code.includes(STRIPE_MARKER))
  failures.push(
    `Stripe's loader (${STRIPE_MARKER}) is in dist/tillkit.js: it must stay in its own chunk, loaded at the payment step.`,
  );
if (!files.some((f) => f !== iife && f.code.includes(STRIPE_MARKER))) {
  failures.push(
    `No chunk holds Stripe's loader (${STRIPE_MARKER}): the check above no longer proves anything; update scripts/size.mjs.`,
  );
}
// A bundler that believes a registration file has no side effects drops it (package.json
// `sideEffects` covers src/ too): the entry must still register every element.
const TAGS = ['till-config', 'till-product-list', 'till-cart', 'till-checkout', 'till-orders'];
for (const f of [entry, iife].filter(Boolean)) {
  const missing = TAGS.filter((tag) => !new RegExp(`[\`'"]${tag}[\`'"]`).test(f.code));
  if (missing.length)
    failures.push(`dist/${f.name} does not register ${missing.join(', ')} (package.json sideEffects?).`);
}
if (iife && (iife.statics.length || iife.dynamics.length))
  failures.push(
    `dist/tillkit.iife.js imports ${[...iife.statics, ...iife.dynamics].join(', ')}: a classic script must be self-contained.`,
  );

console.log(
  `\ndist/tillkit.js: ${kib(entry.gzip)} of ${kib(BUDGET)} gzipped; static imports: ${entry.statics.length || 'none'}; loads on demand: ${entry.dynamics.join(', ') || 'nothing'}`,
);
if (failures.length) {
  for (const failure of failures) console.error(`FAIL ${failure}`);
  process.exit(1);
}
console.log('size: ok');
