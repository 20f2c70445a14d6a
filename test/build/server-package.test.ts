// The two packages as a merchant installs them: `tillkit` and `@tillkit/server` packed, installed into an
// empty folder outside the repository, and `npx tillkit-server` started there on PGlite.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_API_KEY } from '../../server/demo.ts';
import { DEMO_FILMS } from '../../server/seed/catalogue.ts';
import { ensureFreshBuild, root } from './fresh-build.ts';

const npm = (args: string[], cwd: string): string => {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `npm ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

let shop: string;
let server: ChildProcess | undefined;

before(() => {
  ensureFreshBuild();
  shop = mkdtempSync(join(tmpdir(), 'tillkit-shop-'));
  npm(['pack', '--silent', '--pack-destination', shop], root);
  npm(['pack', '--silent', '-w', 'server', '--pack-destination', shop], root);
  npm(['init', '-y'], shop);
  // The registry's packages come from npm's cache when it has them (CI just ran `npm ci`).
  npm(
    ['install', '--no-audit', '--no-fund', '--prefer-offline', './tillkit-0.1.0.tgz', './tillkit-server-0.1.0.tgz'],
    shop,
  );
});

after(() => {
  // npx runs the bin as its own child: end the whole process group, not only npx.
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  rmSync(shop, { recursive: true, force: true });
});

/** Starts `npx tillkit-server` in the shop's folder and resolves with the URL it prints. */
function startInstalledServer(): Promise<string> {
  const child = spawn('npx', ['--no-install', 'tillkit-server'], {
    cwd: shop,
    env: { ...process.env, PORT: '0', TILLKIT_DATA_DIR: './data', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server = child;
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`tillkit-server did not start in time:\n${seen}`)), 90_000);
    const read = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (https?:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tillkit-server exited with ${code}:\n${seen}`));
    });
  });
}

describe('the packed packages, installed outside the repository', () => {
  it('install the server beside the widget it prices with, and nothing of the repository', () => {
    const installed = JSON.parse(readFileSync(join(shop, 'node_modules/@tillkit/server/package.json'), 'utf8'));
    assert.equal(installed.name, '@tillkit/server');
    assert.deepEqual(installed.peerDependencies, { tillkit: '^0.1.0' });
    const widget = JSON.parse(readFileSync(join(shop, 'node_modules/tillkit/package.json'), 'utf8'));
    assert.equal(widget.exports['./core'].default, './dist/npm/core/index.js');
  });

  it('start with npx tillkit-server on PGlite, answer /health and serve the demo catalogue', async () => {
    const url = await startInstalledServer();
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { ok: true });

    const response = await fetch(`${url}/products?size=100`, { headers: { 'X-Builton-Api-Key': DEMO_API_KEY } });
    assert.equal(response.status, 200);
    const products = (await response.json()) as { name: string; main_product: boolean; price: number }[];
    const films = products.filter((p) => p.main_product);
    assert.equal(films.length, DEMO_FILMS.length);
    assert.deepEqual(films.map((p) => p.name).sort(), DEMO_FILMS.map((f) => f.name).sort());
  });
});
