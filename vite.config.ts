import { defineConfig } from 'vite';
import { minifyLiterals } from './scripts/minify-literals.ts';

// `vite build`: the script-tag bundle (dist/tillkit.js, an ES module, and dist/tillkit.iife.js).
// `vite` (npm start): the demo shop in demo/.
export default defineConfig(({ command }) =>
  command === 'build'
    ? {
        plugins: [minifyLiterals()],
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
      }
    : {
        root: 'demo',
        define: { 'process.env.NODE_ENV': JSON.stringify('development') },
        server: { port: 5173, strictPort: false },
      },
);
