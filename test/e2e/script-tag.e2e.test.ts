// The script-tag install, as a merchant does it: a plain HTML page with one <script> and the elements,
// on its own origin, talking to the API on another (CORS restricted to the page's origin). Also: a
// product page never fetches Stripe, and two copies of the bundle on one page do not throw.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page, Request } from 'playwright-core';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.mjs';
import { ensureFreshBuild } from '../build/fresh-build.ts';
import { addFirstProduct, checkOutWith4242, fillDetails, launchChromium, serveSite, type Site } from './harness.ts';

/** Polls `condition` every 50 ms for up to `ms`. */
async function until(condition: () => boolean, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
    if (condition()) return true;
  return condition();
}

const files: Record<string, string> = {};
let site: Site;
let api: SpawnedServer;
let browser: Browser;

/** A merchant's page: nothing but the script tag(s) and the elements, configured by markup. */
const page = (options: { scripts?: string; stripeKey?: string; checkout?: boolean } = {}) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>A merchant's page</title>
    ${options.scripts ?? '<script type="module" src="/dist/tillkit.js"></script>'}
  </head>
  <body>
    <till-config api-url="${api.url}" api-key="${api.apiKey}" token-url="${api.url}/demo/token"${options.stripeKey ? ` stripe-key="${options.stripeKey}"` : ''}></till-config>
    <till-product-list page-size="4"></till-product-list>
    <till-cart></till-cart>
    ${options.checkout === false ? '' : '<till-checkout></till-checkout>'}
  </body>
</html>`;

before(async () => {
  ensureFreshBuild();
  site = await serveSite({ files });
  api = await spawnServer({ TILLKIT_CORS_ORIGINS: site.origin });
  files['/index.html'] = page();
  files['/product.html'] = page({ stripeKey: 'pk_test_tillkit_stripe', checkout: false });
  files['/stripe-checkout.html'] = page({ stripeKey: 'pk_test_tillkit_stripe' });
  files['/twice.html'] = page({
    scripts: [
      '<script src="/dist/tillkit.iife.js"></script>',
      '<script type="module" src="/dist/tillkit.js"></script>',
      '<script type="module" src="/dist/tillkit.js?copy=2"></script>',
    ].join('\n    '),
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await api?.stop();
  await site?.close();
});

async function open(path: string): Promise<{ page: Page; requests: Request[]; errors: Error[]; warnings: string[] }> {
  const page = await browser.newPage();
  const requests: Request[] = [];
  const errors: Error[] = [];
  const warnings: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  // js.stripe.com is not reachable from this machine: answer at once instead of waiting for DNS.
  await page.route('https://js.stripe.com/**', (route) => route.fulfill({ status: 503, body: '' }));
  await page.goto(site.origin + path);
  await page.locator('till-product-list [part=product]').first().waitFor();
  return { page, requests, errors, warnings };
}

describe('the script-tag bundle on a plain page, another origin than the API', () => {
  it('completes a checkout with CORS: browse, add, details, 4242, confirmation', async () => {
    assert.notEqual(new URL(api.url).origin, site.origin);
    const { page, requests, errors } = await open('/');
    await addFirstProduct(page);
    const humanId = await checkOutWith4242(page, `script-tag-${Date.now()}@example.com`);

    const orders = (await fetch(`${api.url}/orders/search?query=${humanId}`, {
      headers: { 'X-Builton-Api-Key': api.apiKey, Authorization: `Bearer ${api.serviceKey}` },
    }).then((r) => r.json())) as { order_status: string }[];
    assert.equal(orders[0]?.order_status, 'SUCCESS');
    // The API answered the page's origin by name (not `*`), preflights included.
    const apiCalls = requests.filter((r) => r.url().startsWith(api.url) && ['fetch', 'xhr'].includes(r.resourceType()));
    assert.ok(
      apiCalls.some((r) => r.method() === 'POST'),
      'the page POSTed to the API',
    );
    for (const request of apiCalls) {
      const response = await request.response();
      assert.equal(
        response?.headers()['access-control-allow-origin'],
        site.origin,
        `${request.method()} ${request.url()}`,
      );
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a product page (catalogue and cart, Stripe key set) never requests js.stripe.com nor the Stripe chunk', async () => {
    const { page, requests } = await open('/product.html');
    await addFirstProduct(page);
    await page.locator('till-cart [part=checkout]').click();
    await page.waitForLoadState('networkidle');
    const urls = requests.map((r) => r.url());
    assert.deepEqual(
      urls.filter((url) => url.includes('stripe')),
      [],
    );
    assert.deepEqual(
      urls.filter((url) => /\/dist\/(pure|checkout-view)-/.test(url)),
      [],
      'neither Stripe’s loader nor the checkout view',
    );
    assert.ok(
      urls.some((url) => /\/dist\/product-list-view-/.test(url)),
      'the catalogue view was loaded on demand',
    );
    await page.close();
  });

  it('with a Stripe key, the payment step is where Stripe’s chunk and js.stripe.com are fetched', async () => {
    const { page, requests } = await open('/stripe-checkout.html');
    await addFirstProduct(page);
    const fetchedStripe = () => requests.filter((r) => r.url().startsWith('https://js.stripe.com/')).length;
    await fillDetails(page, `stripe-${Date.now()}@example.com`);
    assert.equal(fetchedStripe(), 0, 'not before the payment step');
    await page.locator('till-checkout button[type=submit]').click();
    await page.locator('till-checkout [part=pay]').waitFor();
    assert.ok(await until(() => fetchedStripe() > 0), 'Stripe.js itself, at the payment step');
    assert.ok(
      requests.some((r) => /\/dist\/pure-/.test(r.url())),
      'through Stripe’s loader chunk',
    );
    await page.close();
  });

  it('loads twice on one page (the IIFE and two copies of the module) without an error', async () => {
    const { page, errors, warnings } = await open('/twice.html');
    await addFirstProduct(page);
    assert.deepEqual(errors, []);
    assert.ok(
      warnings.some((w) => /already defined by another copy of Tillkit/.test(w)),
      'the later copies say they stood aside',
    );
    assert.equal(await page.locator('till-cart [part=line]').count(), 1);
    assert.equal(
      await page.evaluate(() => typeof (window as unknown as { Tillkit?: { configure?: unknown } }).Tillkit?.configure),
      'function',
      'the IIFE’s global',
    );
    await page.close();
  });
});
