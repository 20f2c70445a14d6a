// Tillkit in a React 19 app, as an npm consumer has it: examples/react is type-checked against the
// package's declarations (`tillkit/jsx` included), built with Vite and @vitejs/plugin-react, with
// `tillkit` resolved through package.json `exports`, then driven in Chromium: React renders
// <till-cart>, and its `ontill-cart-change` prop receives the element's `till-cart-change` events.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { build, type Plugin, type Rolldown } from 'vite';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.mjs';
import { ensureFreshBuild, root } from '../build/fresh-build.ts';
import { addFirstProduct, launchChromium, serveSite, type Site } from './harness.ts';

const app = join(root, 'examples/react');
const files: Record<string, string> = {};
let site: Site;
let api: SpawnedServer;
let browser: Browser;

/** `tillkit` and `tillkit/*` as Node resolves them for this package: through its exports map. */
const tillkitFromExports: Plugin = {
  name: 'tillkit-from-exports',
  enforce: 'pre',
  resolveId: (id) => (id === 'tillkit' || id.startsWith('tillkit/') ? fileURLToPath(import.meta.resolve(id)) : null),
};

before(async () => {
  ensureFreshBuild();
  const output = (await build({
    configFile: false,
    root: app,
    logLevel: 'silent',
    plugins: [react(), tillkitFromExports],
    build: { write: false, minify: false },
  })) as Rolldown.RolldownOutput;
  for (const file of output.output)
    files[`/${file.fileName}`] = file.type === 'chunk' ? file.code : String(file.source);
  site = await serveSite({ files });
  api = await spawnServer({ TILLKIT_CORS_ORIGINS: site.origin });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await api?.stop();
  await site?.close();
});

describe('a React 19 page built with Vite', () => {
  it('type-checks against the package’s declarations and its JSX typings', () => {
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript7/bin/tsc'), '-p', app], {
      encoding: 'utf8',
    });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });

  it('renders <till-cart> and receives till-cart-change through `ontill-cart-change`', async () => {
    const page = await browser.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${site.origin}/?api=${encodeURIComponent(api.url)}`);
    await page.locator('till-product-list [part=product]').first().waitFor();
    // Object and string props arrived as properties.
    await page.locator('till-cart h2', { hasText: 'Your React basket' }).waitFor();
    await page.locator('till-cart [part=empty]', { hasText: 'Nothing in the basket yet.' }).waitFor();
    const seen = async () => {
      const [, changes, items] = /^(\d+) cart changes seen by React, (\d+) items/.exec(
        (await page.locator('#cart-status').textContent())!,
      )!;
      return { changes: Number(changes), items: Number(items) };
    };
    const before = await seen();
    assert.equal(before.items, 0);

    await addFirstProduct(page);
    await page.locator('#cart-status', { hasText: ', 1 items' }).waitFor();
    await page.locator('till-cart [aria-label^="One more"]').click();
    await page.locator('#cart-status', { hasText: ', 2 items' }).waitFor();
    assert.equal((await seen()).changes, before.changes + 2, 'one event per change');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
