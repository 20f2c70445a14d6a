// Tillkit in a Vue 3 application, as the README shows it: examples/vue is type-checked by vue-tsc against
// `tillkit/vue` (TypeChecks.vue's expectations fail if `$event` or a prop is untyped), built for production
// with the example's own vite.config.ts, and driven in Chromium to a paid order, Vue's refs updated by the
// elements' events.
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SpawnedServer } from '../support/spawn-server.mjs';
import { ensureFreshBuild, root } from '../build/fresh-build.ts';
import { buyTwoAndPay, linkTillkit, routeExampleApi, run, startExampleApi, viteBuild } from './examples.ts';
import { launchChromium, serveSite, type Site } from './harness.ts';

const app = join(root, 'examples/vue');
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

describe('a Vue 3 page (examples/vue)', () => {
  it('type-checks with vue-tsc, `tillkit/vue` typing its props and events', () => {
    run('vue-tsc/bin/vue-tsc.js', ['-p', join(app, 'tsconfig.json')]);
  });

  it('sells two DVDs: Vue’s refs follow till-cart-change and show the paid order’s number', async () => {
    const page = await browser.newPage();
    await routeExampleApi(page, api);
    await page.goto(site.origin);
    await buyTwoAndPay(page, api);
    await page.close();
  });
});
