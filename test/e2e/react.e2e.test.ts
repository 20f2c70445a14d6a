// Tillkit in a React 19 application rendered in the browser, as the README shows it: examples/react is
// type-checked against the package's declarations (`tillkit/jsx` included: jsx-types.tsx holds the
// expectations), built for production with the example's own vite.config.ts, and driven in Chromium to a paid
// order. React renders the plain tags, sets the props the elements have as properties (`pageSize`, the
// `strings` object), and its `ontill-cart-change` / `ontill-checkout-complete` props receive the events.
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SpawnedServer } from '../support/spawn-server.mjs';
import { ensureFreshBuild, root } from '../build/fresh-build.ts';
import { buyTwoAndPay, linkTillkit, routeExampleApi, run, startExampleApi, viteBuild } from './examples.ts';
import { launchChromium, serveSite, type Site } from './harness.ts';

const app = join(root, 'examples/react');
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

describe('a React 19 page rendered in the browser (examples/react)', () => {
  it('type-checks against the package’s declarations and its JSX typings', () => {
    run('typescript7/bin/tsc', ['-p', app]);
  });

  it('sells two DVDs: React state follows `ontill-cart-change` and shows the paid order’s number', async () => {
    const page = await browser.newPage();
    await routeExampleApi(page, api);
    await page.goto(site.origin);
    // The `strings` object arrived as a property.
    await page.locator('till-cart [part=empty]', { hasText: 'Nothing in the basket yet.' }).waitFor();
    await buyTwoAndPay(page, api);
    await page.close();
  });
});
