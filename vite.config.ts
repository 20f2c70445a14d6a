import { defineConfig, type UserConfig } from 'vite';
import { minifyLiterals } from './scripts/minify-literals.ts';
import { chunkGroups, preloadChunks } from './scripts/preload-chunks.ts';

/**
 * `vite build`: the script-tag bundle, dist/tillkit.js (an ES module) and dist/tillkit.iife.js.
 * `vite build --mode npm`: the npm package's JavaScript, dist/npm/ (see `npmBuild`).
 * `vite` (npm start): the demo shop in demo/.
 */
export default defineConfig(({ command, mode }) =>
  command !== 'build' ? demo : mode === 'npm' ? npmBuild : scriptTagBuild,
);

const scriptTagBuild: UserConfig = {
  plugins: [minifyLiterals(), preloadChunks(), chunkGroups()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2022',
    minify: true,
    // Vite leaves whitespace in ES library builds for other bundlers to strip; this file is the
    // final script a page loads, so minify it fully.
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        // Everything the entry imports statically stays in tillkit.js: one file to load before
        // anything renders. The views and Stripe's loader become chunks loaded on demand.
        // `npm run size` fails the build when that stops being true.
      },
    },
    outDir: 'dist',
    emptyOutDir: true,
    lib: {
      entry: 'src/define.ts',
      name: 'Tillkit',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'tillkit.js' : `tillkit.${format}.js`),
    },
  },
};

/** Entry points of the npm package (package.json `exports` maps them); dist/npm/ mirrors src/. */
export const NPM_ENTRIES = Object.fromEntries(
  [
    'index',
    'core/index',
    'define',
    'react',
    'elements/cart/till-cart',
    'elements/checkout/till-checkout',
    'elements/config/till-config',
    'elements/orders/till-orders',
    'elements/product-list/till-product-list',
  ].map((name) => [name, `src/${name}.ts`]),
);

/**
 * The npm package: unminified ES modules, one file per source module (dist/npm/ mirrors src/), with
 * lit, nanostores and @stripe/stripe-js left as imports. The application's bundler then shares one
 * Lit and one nanostores with the rest of the app, tree-shakes what it does not use, splits the
 * lazy views and Stripe's loader into its own chunks, and minifies once; its stack traces point at
 * readable code. `sideEffects` in package.json can name exactly the registration files.
 */
const npmBuild: UserConfig = {
  plugins: [minifyLiterals()],
  build: {
    target: 'es2022',
    minify: false,
    outDir: 'dist/npm',
    emptyOutDir: true,
    copyPublicDir: false,
    lib: { entry: NPM_ENTRIES, formats: ['es'] },
    rolldownOptions: {
      external: [/^lit(\/|$)/, /^nanostores(\/|$)/, /^@stripe\/stripe-js(\/|$)/, /^@lit\/react(\/|$)/, /^react(\/|$)/],
      preserveEntrySignatures: 'strict',
      // src/react.ts starts with 'use client' (for React Server Components); one file per module keeps it
      // at the top of dist/npm/react.js, which is all the directive needs.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.id?.endsWith('src/react.ts')) return;
        handler(level, log);
      },
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
};

const demo: UserConfig = {
  root: 'demo',
  define: { 'process.env.NODE_ENV': JSON.stringify('development') },
  server: { port: 5173, strictPort: false },
};
