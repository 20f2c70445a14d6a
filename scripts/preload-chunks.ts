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
