// A strict Content-Security-Policy, exactly as the issue states it: no inline script, no inline
// style, connections only to the page's origin and the API. The whole checkout runs under it and the
// page records no violation (the `securitypolicyviolation` events, and Chromium's console reports).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.mjs';
import { ensureFreshBuild } from '../build/fresh-build.ts';
import {
  addFirstProduct,
  checkOutWith4242,
  chooseTestCard,
  fillDetails,
  launchChromium,
  serveSite,
  type Site,
} from './harness.ts';

const files: Record<string, string> = {};
/** Every response of the site carries the policy (set once the API's origin is known). */
const headers: Record<string, string> = {};
let site: Site;
let api: SpawnedServer;
let browser: Browser;

const policy = (apiOrigin: string, frames = '') =>
  `default-src 'self'; script-src 'self' https://js.stripe.com; style-src 'self'; frame-src https://js.stripe.com${frames}; connect-src 'self' ${apiOrigin}`;

/** Every violation the page saw: its own listener's records and Chromium's console reports. */
async function violations(page: Page, reports: string[]): Promise<string[]> {
  const seen = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  return [...seen, ...reports];
}

/** Loaded first, as a file (an inline script would itself be refused): records every violation. */
const LISTENER = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + e.sample);
}, true);
`;

before(async () => {
  ensureFreshBuild();
  // The policy's default-src 'self' covers images too: the catalogue's images live on the merchant's
  // own origin here (the site forwards /media/ to the API's covers). See the README on img-src.
  site = await serveSite({ files, headers, proxy: { prefix: '/media/', to: () => api.url } });
  api = await spawnServer({ TILLKIT_CORS_ORIGINS: site.origin });
  headers['Content-Security-Policy'] = policy(new URL(api.url).origin);
  const admin = {
    'Content-Type': 'application/json',
    'X-Builton-Api-Key': api.apiKey,
    Authorization: `Bearer ${api.serviceKey}`,
  };
  for (const [name, slug, price] of [
    ['Casablanca', 'casablanca', 9.9],
    ['Alien', 'alien', 12.5],
  ] as const) {
    const response = await fetch(`${api.url}/products`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        name,
        currency: 'EUR',
        price,
        vat: 0.25,
        tags: ['csp'],
        image: `${site.origin}/media/covers/${slug}.svg`,
      }),
    });
    assert.ok(response.ok, await response.text());
  }
  files['/csp-listener.js'] = LISTENER;
  files['/index.html'] = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>A shop with a strict CSP</title>
    <script src="/csp-listener.js"></script>
    <script type="module" src="/dist/tillkit.js"></script>
  </head>
  <body>
    <till-config api-url="${api.url}" api-key="${api.apiKey}" token-url="${api.url}/demo/token"></till-config>
    <till-product-list tags="csp"></till-product-list>
    <till-cart></till-cart>
    <till-checkout></till-checkout>
  </body>
</html>`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await api?.stop();
  await site?.close();
});

describe('under a strict Content-Security-Policy', () => {
  it('the whole checkout runs (browse, add, details, 4242, confirmation) with no violation', async () => {
    const page = await browser.newPage();
    const reports: string[] = [];
    const errors: Error[] = [];
    page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && reports.push(m.text()));
    page.on('pageerror', (e) => errors.push(e));

    const response = await page.goto(site.origin);
    assert.equal(response!.headers()['content-security-policy'], policy(new URL(api.url).origin));
    await page.locator('till-product-list [part=product] [part=image]').first().waitFor();
    assert.ok(
      await page
        .locator('till-product-list [part=image]')
        .first()
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      'covers load',
    );
    await addFirstProduct(page);
    const humanId = await checkOutWith4242(page, `csp-${Date.now()}@example.com`);
    assert.match(humanId, /\S/);

    assert.deepEqual(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
    assert.deepEqual(reports, []);
    assert.deepEqual(errors, []);

    // The check can see a violation: an inline style is refused and reported.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
    });
    await page.waitForFunction(() => (window as unknown as { cspViolations: string[] }).cspViolations.length > 0);
    await page.close();
  });

  it('with the API in frame-src (as the README says), 3184 is authenticated in the test bank page and paid, with no violation', async () => {
    const apiOrigin = new URL(api.url).origin;
    headers['Content-Security-Policy'] = policy(apiOrigin, ` ${apiOrigin}`);
    try {
      const page = await browser.newPage();
      const reports: string[] = [];
      page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && reports.push(m.text()));
      await page.goto(site.origin);
      await addFirstProduct(page);
      await fillDetails(page, `csp-3184-${Date.now()}@example.com`);
      await page.locator('till-checkout button[type=submit]').click();
      await page.locator('till-checkout [part=pay]').waitFor();
      await chooseTestCard(page, '4000 0027 6000 3184');
      await page.locator('till-checkout [part=pay]').click();
      // The bank asks twice: when the card is saved, and when it pays.
      const frame = 'till-checkout dialog.authentication iframe';
      for (let check = 0; check < 2; check++) {
        const complete = page.frameLocator(frame).getByRole('button', { name: 'Complete authentication' });
        await complete.waitFor();
        const shown = await page.locator(frame).getAttribute('src');
        await complete.click();
        await page.waitForFunction(
          ([selector, src]) =>
            document.querySelector('till-checkout')?.shadowRoot?.querySelector(selector)?.getAttribute('src') !== src,
          [frame.replace('till-checkout ', ''), shown] as const,
        );
      }
      await page.locator('till-checkout [part=order-number]').waitFor();
      assert.deepEqual(await violations(page, reports), []);
      await page.close();
    } finally {
      headers['Content-Security-Policy'] = policy(new URL(api.url).origin);
    }
  });
});
