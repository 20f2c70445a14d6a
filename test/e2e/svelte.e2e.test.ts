// Tillkit in a Svelte 5 application, as the README shows it: examples/svelte is checked by svelte-check against
// `tillkit/svelte` (an untyped handler is an implicit any; type-checks.ts holds the expectations), built for production
// with the example's own vite.config.ts, and driven in Chromium to a paid order, Svelte's $state updated by the
// elements' events.
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SpawnedServer } from '../support/spawn-server.mjs';
import { ensureFreshBuild, root } from '../build/fresh-build.ts';
import { buyTwoAndPay, linkTillkit, routeExampleApi, run, startExampleApi, viteBuild } from './examples.ts';
import { launchChromium, serveSite, type Site } from './harness.ts';

const app = join(root, 'examples/svelte');
let site: Site;
let api: SpawnedServer;
let browser: Browser;

before(async () => {
  ensureFreshBuild();
  linkTillkit();
  [site, api, browser] = await Promise.all([
    viteBuild(app).then((files) => serveSite({ files })),
    startExampleApi(),
    launchChromium(),
  ]);
});

after(async () => {
  await browser?.close();
  await api?.stop();
  await site?.close();
});

describe('a Svelte 5 page (examples/svelte)', () => {
  it('passes svelte-check, `tillkit/svelte` typing its attributes, properties and handlers', () => {
    run('svelte-check/bin/svelte-check', ['--tsconfig', './tsconfig.json', '--fail-on-warnings'], app);
  });

  it('sells two DVDs: Svelte’s state follows till-cart-change and shows the paid order’s number', async () => {
    const page = await browser.newPage();
    await routeExampleApi(page, api);
    await page.goto(site.origin);
    await buyTwoAndPay(page, api);
    await page.close();
  });
});
