// `npm run bench:size`: bundle bytes, minified and gzip -9, all built in this one run with the
// script-tag build's own settings (vite.config.ts: Vite 8 / rolldown, minify, template literals
// squeezed, NODE_ENV=production). Nothing is written to dist/.
//
//   1. The script-tag build: dist/tillkit.js and each chunk it loads on demand.
//   2. Each element: its registration entry (src/elements/*/till-*.ts) bundled alone (with the runtime
//      it needs: Lit, nanostores, the configuration store, the base class, theme and strings), its
//      lazy view, and what it adds to the others: the eager bundle of all the registrations
//      minus the same bundle without it. That subtraction takes the shared runtime out exactly,
//      whatever each element shares with which other.
//   3. The baseline: lit, nanostores and Stripe's loader (@stripe/stripe-js/pure), each bundled alone
//      (everything each exports), and their sum.
//
// Gzip is not additive (one dictionary serves the whole file), so "adds" is what one more element
// costs on a page that has the others; the other figures are sizes of real files.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, mergeConfig, type InlineConfig, type Rolldown } from 'vite';
import { chunkRole, STRIPE_MARKER } from '../scripts/chunk-roles.mjs';
import { minifyLiterals } from '../scripts/minify-literals.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

const gz = (code: string) => gzipSync(code, { level: 9 }).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;

/** The script-tag build's settings, for bundling anything the same way. */
const minified: InlineConfig = {
  configFile: false,
  root,
  logLevel: 'silent',
  plugins: [minifyLiterals()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    write: false,
    target: 'es2022',
    minify: true,
    rolldownOptions: { preserveEntrySignatures: 'allow-extension', output: { minify: true } },
  },
};

const chunksOf = (output: Awaited<ReturnType<typeof build>>): Rolldown.OutputChunk[] =>
  (Array.isArray(output) ? output : [output])
    .flatMap((o) => (o as Rolldown.RolldownOutput).output)
    .filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');

/** Bundles a file as an ES library entry, as the script-tag build does; dynamic imports stay chunks. */
async function bundleFile(entry: string): Promise<Rolldown.OutputChunk[]> {
  return chunksOf(
    await build(mergeConfig(minified, { build: { lib: { entry, formats: ['es'], fileName: 'entry' } } })),
  );
}

/** Bundles a few lines of source the same way (written to a scratch file under node_modules/.cache). */
const scratch = join(root, 'node_modules/.cache/tillkit-bench');
let scratchFiles = 0;
async function bundleSource(source: string): Promise<Rolldown.OutputChunk[]> {
  mkdirSync(scratch, { recursive: true });
  const file = join(scratch, `entry-${scratchFiles++}.ts`);
  writeFileSync(file, source);
  return bundleFile(file);
}

const only = (chunks: Rolldown.OutputChunk[]) => {
  if (chunks.length !== 1) throw new Error(`expected one chunk, got ${chunks.map((c) => c.fileName).join(', ')}`);
  return gz(chunks[0]!.code);
};

// 1. The script-tag build, exactly as `vite build` makes it (vite.config.ts, mode production).
const scriptTag = chunksOf(
  await build({ root, configFile: `${root}/vite.config.ts`, logLevel: 'silent', build: { write: false } }),
);
const esChunks = scriptTag.filter((c) => c.fileName !== 'tillkit.iife.js');
const iife = scriptTag.find((c) => c.fileName === 'tillkit.iife.js')!;
// 2. Each element: alone (its registration entry and everything it imports), and what it adds to
//    the bundle of them all (tillkit.js's eager part, built with and without it).
const ELEMENTS = ['config', 'product-list', 'cart', 'checkout', 'orders'] as const;
/** The shipped languages' texts: fetched for a locale, whichever elements are on the page. */
const LANGUAGE_CHUNK = /^(es|nb|de|fr)-/;
const registration = (name: string) => join(root, `src/elements/${name}/till-${name}.ts`);
const eagerOf = (chunks: Rolldown.OutputChunk[]) => gz(chunks.find((c) => c.isEntry)!.code);
const allOfThem = eagerOf(await bundleSource(ELEMENTS.map((n) => `import '${registration(n)}';`).join('\n')));
const elements = [];
for (const name of ELEMENTS) {
  const alone = await bundleFile(registration(name));
  const withoutIt = eagerOf(
    await bundleSource(
      ELEMENTS.filter((n) => n !== name)
        .map((n) => `import '${registration(n)}';`)
        .join('\n'),
    ),
  );
  const lazy = alone
    .filter((c) => !c.isEntry && !c.code.includes(STRIPE_MARKER) && !LANGUAGE_CHUNK.test(c.fileName))
    .reduce((sum, c) => sum + gz(c.code), 0);
  elements.push({ tag: `\`<till-${name}>\``, alone: eagerOf(alone), adds: allOfThem - withoutIt, lazy });
}

// 3. The baseline: the three dependencies, each bundled alone.
const baseline = {
  lit: only(await bundleSource(`export * from 'lit';`)),
  nanostores: only(await bundleSource(`export * from 'nanostores';`)),
  stripeLoader: only(await bundleSource(`export * from '@stripe/stripe-js/pure';`)),
};
const baselineSum = baseline.lit + baseline.nanostores + baseline.stripeLoader;
rmSync(scratch, { recursive: true, force: true });

const rows = (header: string[], body: (string | number)[][]) => {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
};

const entry = esChunks.find((c) => c.fileName === 'tillkit.js')!;
console.log(
  `Bundle sizes, minified + gzip -9 (Vite ${(await import('vite')).version}, rolldown ${(await import('vite')).rolldownVersion})\n`,
);
console.log('The script-tag build (dist/):\n');
console.log(
  rows(
    ['file', 'min', 'gzip', 'what'],
    [...esChunks.sort((a, b) => (a === entry ? -1 : b === entry ? 1 : gz(b.code) - gz(a.code))), iife].map((c) => [
      `\`${c.fileName.replace(/-[\w-]{8}\.js$/, '-*.js')}\``,
      kib(Buffer.byteLength(c.code)),
      kib(gz(c.code)),
      chunkRole(c.fileName, c.code),
    ]),
  ),
);
console.log(`\nEach element (all registered together, eager part: ${kib(allOfThem)}):\n`);
console.log(
  rows(
    [
      'element',
      'alone: its entry with Lit, nanostores, base',
      'adds to the others',
      'its lazy view (+ API chunk; languages apart)',
    ],
    elements.map((e) => [e.tag, kib(e.alone), kib(e.adds), e.lazy ? kib(e.lazy) : '—']),
  ),
);
console.log('\nBaseline, each bundled alone in this run:\n');
console.log(
  rows(
    ['dependency', 'gzip'],
    [
      ['lit (all of it)', kib(baseline.lit)],
      ['nanostores (all of it)', kib(baseline.nanostores)],
      ['@stripe/stripe-js/pure (the loader)', kib(baseline.stripeLoader)],
      ['**sum**', `**${kib(baselineSum)}**`],
    ],
  ),
);
console.log(
  `\n\`dist/tillkit.js\` is ${kib(gz(entry.code))}: ${(gz(entry.code) / baselineSum).toFixed(2)}× the three dependencies bundled alone, and holds all of Tillkit a page needs before anything renders.`,
);

// 4. What a page loads before Stripe: tillkit.js, then for each element on the page its view and the
//    chunks that view imports (the languages, the product details and Stripe's loader come later, and
//    only if asked for). The budget of issue 15 is 30 KiB for a checkout page. A `<till-checkout>`
//    fetches its view once it comes within a screen of the viewport, takes focus or the cart has lines
//    (at once with a checkout under way): on a shop page whose checkout is further down and whose cart
//    is empty, that is later; the table says what the page loads before and once it does.
const byName = new Map(esChunks.map((c) => [c.fileName, c]));
const viewOf = (name: string) =>
  esChunks.find((c) => c.facadeModuleId?.endsWith(`/src/elements/${name}/${name}-view.ts`));
function loads(views: readonly string[]): Rolldown.OutputChunk[] {
  const found = new Set<Rolldown.OutputChunk>([entry]);
  const visit = (chunk: Rolldown.OutputChunk | undefined) => {
    if (!chunk || found.has(chunk)) return;
    found.add(chunk);
    chunk.imports.forEach((name) => visit(byName.get(name)));
  };
  views.forEach((name) => visit(viewOf(name)));
  return [...found];
}
const PAGE_BUDGET = 30 * 1024;
const pages = [
  [
    'a checkout page: product list, cart and checkout, before the checkout is in view (a screen or more down, the cart empty)',
    ['product-list', 'cart'],
    true,
  ],
  [
    'the same page once the checkout is in view (or focused, or the cart has lines)',
    ['product-list', 'cart', 'checkout'],
    true,
  ],
  ['a checkout page without a product list: cart and checkout (in view)', ['cart', 'checkout'], true],
  ['a shop page: product list and cart', ['product-list', 'cart'], false],
] as const;
console.log('\nWhat a page loads before Stripe (tillkit.js, then each element’s view and what it imports):\n');
console.log(
  rows(
    ['page', 'files', 'gzip, each file alone'],
    pages.map(([label, views, budget]) => {
      const files = loads(views);
      const sum = files.reduce((total, c) => total + gz(c.code), 0);
      return [
        label,
        files.map((c) => `\`${c.fileName.replace(/-[\w-]{8}\.js$/, '-*.js')}\``).join(' + '),
        `${kib(sum)}${budget ? ` (budget ${kib(PAGE_BUDGET)}${sum > PAGE_BUDGET ? `: ${kib(sum - PAGE_BUDGET)} over` : ''})` : ''}`,
      ];
    }),
  ),
);
// 5. What a checkout adds once the customer submits its details (BuiltOn): the code that places the
//    order, then (while it is created) the payment and confirmation steps with the payment path and
//    the card forms, then Stripe's loader at the payment step.
const later = esChunks.find((c) => c.fileName.startsWith('later-steps'));
const ordering = esChunks.find((c) => c.fileName.startsWith('ordering'));
const loader = esChunks.find((c) => c.code.includes(STRIPE_MARKER));
if (later && ordering && loader) {
  const before = new Set(loads(['cart', 'checkout']));
  const closure = (chunk: Rolldown.OutputChunk, found: Set<Rolldown.OutputChunk>) => {
    if (found.has(chunk) || before.has(chunk)) return;
    found.add(chunk);
    chunk.imports.forEach((name) => closure(byName.get(name)!, found));
  };
  const addedSet = new Set<Rolldown.OutputChunk>();
  closure(ordering, addedSet);
  closure(later, addedSet);
  const added = [...addedSet];
  const sum = added.reduce((total, c) => total + gz(c.code), 0);
  console.log(
    `\nThen, on a cart and checkout page, once the details are submitted: ${added.map((c) => `\`${c.fileName.replace(/-[\w-]{8}\.js$/, '-*.js')}\``).join(' + ')} ${kib(sum)}, and Stripe's loader ${kib(gz(loader.code))} at the payment step (with a Stripe key).`,
  );
}
