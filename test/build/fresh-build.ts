// The tests of the built package (test/build, and the e2e tests that load dist/) need `npm run build`
// to have run on the current sources. `npm test` builds first; a test run on its own rebuilds here
// when dist/ is missing or older than any input. Test files run in parallel processes, so one builds
// under a lock while the others wait for it.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, rmdirSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const dist = join(root, 'dist');

const OUTPUTS = [
  'dist/tillkit.js',
  'dist/tillkit.iife.js',
  'dist/npm/index.js',
  'dist/npm/react.js',
  'dist/types/index.d.ts',
  'dist/types/jsx.d.ts',
  'dist/types/vue.d.ts',
  'dist/types/svelte.d.ts',
  'dist/custom-elements.json',
  'server/dist/main.js',
];
const INPUTS = [
  'src',
  'package.json',
  'vite.config.ts',
  'tsconfig.build.json',
  'custom-elements-manifest.config.mjs',
  'scripts/build-types.mjs',
  'scripts/build-framework-types.mjs',
  'scripts/minify-literals.ts',
  'scripts/preload-chunks.ts',
  'server',
  'scripts/build-server.mjs',
];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  const inputs = readdirSync(path).filter((name) => name !== 'dist' && name !== 'node_modules');
  return Math.max(stat.mtimeMs, ...inputs.map((name) => newest(join(path, name))));
}

function isFresh(): boolean {
  if (!OUTPUTS.every((p) => existsSync(join(root, p)))) return false;
  const built = Math.min(...OUTPUTS.map((p) => statSync(join(root, p)).mtimeMs));
  return Math.max(...INPUTS.map((p) => newest(join(root, p)))) <= built;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs `npm run build` unless dist/ is up to date with the sources. */
export function ensureFreshBuild(): void {
  if (isFresh()) return;
  const lock = join(root, 'node_modules/.cache/tillkit-build.lock');
  mkdirSync(join(lock, '..'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`another build holds ${lock} for two minutes; remove it if it is stale`);
      sleep(200);
      if (isFresh()) return;
    }
  }
  try {
    if (isFresh()) return;
    const result = spawnSync('npm', ['run', 'build', '--silent'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0) throw new Error('`npm run build` failed');
  } finally {
    rmdirSync(lock);
  }
}

/**
 * `examples/node_modules/tillkit` → the repository: the examples' tools (TypeScript, Vite, Next.js, Angular's
 * compiler) find `tillkit` the way an application finds an installed package, by walking up to a
 * node_modules folder, and read its package.json `exports` (so dist/ must be built).
 */
export function linkTillkit(): void {
  const link = join(root, 'examples/node_modules/tillkit');
  try {
    if (lstatSync(link).isSymbolicLink()) return;
  } catch {
    mkdirSync(join(link, '..'), { recursive: true });
  }
  try {
    symlinkSync(relative(join(link, '..'), root), link, 'dir');
  } catch (error) {
    // Test files run in parallel: another one may have made it first.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
