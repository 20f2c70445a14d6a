import type { Plugin, Rolldown } from 'vite';

/**
 * Fetches a lazy chunk's own imports together with it. A view chunk imports chunks of its own (the
 * API client, Lit's directive helpers), which the browser finds only once the view has arrived: one
 * more round trip, on a phone's network 100 ms or more, before the element can render. An app build
 * preloads them (Vite's `__vitePreload`); a library build does not, so this does it for the
 * script-tag build: `import("./view.js")` becomes
 * `Promise.all([import("./view.js"), import("./client.js")]).then((m) => m[0])`, which starts every
 * request at once (a module already there is not fetched again).
 */
export function preloadChunks(): Plugin {
  return {
    name: 'tillkit:preload-chunks',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle)
          .filter((file): file is Rolldown.OutputChunk => file.type === 'chunk')
          .map((chunk) => [chunk.fileName, chunk]),
      );
      /** A chunk's static imports, and theirs, in the order found. */
      const closure = (name: string, found = new Set<string>()): Set<string> => {
        for (const imported of chunks.get(name)?.imports ?? []) {
          if (!found.has(imported)) closure(imported, found.add(imported));
        }
        return found;
      };
      for (const chunk of chunks.values()) {
        const loaded = closure(chunk.fileName, new Set([chunk.fileName]));
        for (const lazy of chunk.dynamicImports) {
          const extra = [...closure(lazy)].filter((name) => !loaded.has(name));
          if (!extra.length) continue;
          const quoted = (name: string) => `import(\`./${name}\`)`;
          const pattern = new RegExp(`import\\((['"\`])\\./${lazy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1\\)`, 'g');
          chunk.code = chunk.code.replace(
            pattern,
            `Promise.all([${[lazy, ...extra].map(quoted).join(',')}]).then(m=>m[0])`,
          );
        }
      }
    },
  };
}

/**
 * Chunks by what they are rather than by who imports them, in the ES build (the IIFE has none): the
 * bundler would otherwise cut a chunk per set of importers, and the checkout's lazily fetched paths
 * (ordering.ts, bootic-order.ts, payment-path.ts) would split the API client and their shared helpers
 * into a handful of small files, each one more request.
 */
export function chunkGroups(): Plugin {
  return {
    name: 'tillkit:chunk-groups',
    apply: 'build',
    outputOptions(options) {
      if (options.format !== 'es') return null;
      return {
        ...options,
        codeSplitting: {
          // Only the modules named: their dependencies (Lit, the money core) stay in tillkit.js.
          includeDependenciesRecursively: false,
          groups: [
            // The catalogue's client (the HTTP layer, the product's parser): a shop window needs no more.
            {
              name: 'catalogue-client',
              test: /\/src\/(api\/(http|catalogue|builton\/(wire|products))|state\/catalogue-client)\.ts/,
            },
            // The rest of the API client, one chunk whichever view or path asks for it first.
            { name: 'client', test: /\/src\/(api\/(?!bootic)|state\/client\.ts)/ },
            // The checkout's state that its view and its lazily fetched paths share (reporting a failure,
            // a code's problem, the loaders), with the view's first render.
            { name: 'checkout-state', test: /\/src\/(state\/checkout\/(report|lazy|coupon-problem)|core\/coupon)\.ts/ },
            // What the checkout's lazily fetched paths share.
            { name: 'checkout-paths', test: /\/src\/state\/checkout\/(errors|order-key|lines|complete)\.ts/ },
          ],
        },
      };
    },
  };
}
