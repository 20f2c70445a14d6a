// End-to-end harness: the reference server (child process, fresh in-memory database, demo
// catalogue), the demo shop served by Vite, and Debian's Chromium driven by playwright-core.
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.mjs';
import { DEMO_CONTACT } from '../support/demo-contact.ts';
import { spawnServer } from '../support/spawn-server.mjs';

export interface Shop {
  apiUrl: string;
  shopUrl: string;
  /** The Bootic demo company's key (the demo page at `?shop=bootic` uses it). */
  booticApiKey: string;
  browser: Browser;
  /** Admin request against the API (the service key; GET and the demo key unless told), to check what the widget did. */
  admin<T>(path: string, options?: { apiKey?: string; method?: string; body?: unknown }): Promise<T>;
  close(): Promise<void>;
}

export interface ShopOptions {
  /**
   * Serve the shop under this host name instead of 127.0.0.1: Chromium resolves it to 127.0.0.1
   * (`--host-resolver-rules`) and Vite accepts it. A name other than localhost is not a secure
   * context over http, as a merchant's plain-http page is not.
   */
  host?: string;
}

export async function startShop({ host }: ShopOptions = {}): Promise<Shop> {
  const api = await spawnServer();
  process.env.VITE_TILLKIT_API_URL = api.url;
  process.env.VITE_TILLKIT_API_KEY = api.apiKey;
  process.env.VITE_TILLKIT_BOOTIC_API_KEY = api.booticApiKey;
  let vite: ViteDevServer | undefined;
  let browser: Browser | undefined;
  try {
    vite = await createServer({
      logLevel: 'error',
      server: { port: 0, host: '127.0.0.1', ...(host ? { allowedHosts: [host] } : {}) },
    });
    await vite.listen();
    const local = new URL(vite.resolvedUrls!.local[0]!);
    if (host) local.hostname = host;
    const shopUrl = local.href;
    browser = await launchChromium(host ? [`--host-resolver-rules=MAP ${host} 127.0.0.1`] : []);
    return {
      apiUrl: api.url,
      shopUrl,
      booticApiKey: api.booticApiKey,
      browser,
      async admin<T>(
        path: string,
        { apiKey = api.apiKey, method = 'GET', body }: { apiKey?: string; method?: string; body?: unknown } = {},
      ) {
        const response = await fetch(api.url + path, {
          method,
          headers: {
            'X-Builton-Api-Key': apiKey,
            Authorization: `Bearer ${api.serviceKey}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
        return (await response.json()) as T;
      },
      async close() {
        await browser?.close();
        await vite?.close();
        await api.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await vite?.close();
    await api.stop();
    throw error;
  }
}

/** Money as the cart shows it ("€12.34") in minor units. */
/** A price as the page shows it (`€87.00`, `87,00 €`) in minor units, read through its digits, not a float. */
export const minorUnits = (text: string): number => Number(text.replace(/[^\d]/g, ''));

/** Adds the first DVD that offers an add-on, with that add-on, to the cart. */
export async function addDvdWithAddOn(page: Page): Promise<string> {
  const card = page
    .locator('till-product-list [part=product]')
    .filter({ has: page.locator('.add-ons') })
    .first();
  await card.locator('.add-ons input[type=checkbox]').first().check();
  const name = (await card.locator('[part=name]').textContent())!.trim();
  await card.locator('[part=add]').click();
  await page.locator('till-cart:not([compact]) [part=line]').first().waitFor();
  return name;
}

export async function fillDetails(page: Page, email: string): Promise<void> {
  const checkout = page.locator('till-checkout');
  // A page that shows its checkout only when asked for it (the demo): ask, with the cart's button.
  if (!(await checkout.isVisible())) await page.locator('till-cart:not([compact]) [part=checkout]').click();
  const fields: Record<string, string> = { email, ...DEMO_CONTACT };
  for (const [id, value] of Object.entries(fields)) await checkout.locator(`#${id}`).fill(value);
}

export async function chooseTestCard(page: Page, number: string): Promise<void> {
  await page.locator('till-checkout #card-number').fill(number);
  await page.locator('till-checkout #card-expiry').fill('12/34');
  await page.locator('till-checkout #card-cvc').fill('123');
}

/** An order and a payment as the API answers them, the fields the payment tests read. */
export interface WireOrder {
  _id: { $oid: string };
  human_id: string;
  order_status: string;
  user: { _id: { $oid: string } };
}
export interface WirePayment {
  current_state: string;
  charges: { kind: string; status: string }[];
}

/** A new page of the demo with a DVD and its add-on in the cart, at the checkout's payment step. */
export async function demoAtPayment(shop: Shop, email: string): Promise<Page> {
  const page = await shop.browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(shop.shopUrl);
  await page.locator('till-product-list [part=product]').first().waitFor();
  await addDvdWithAddOn(page);
  await page.locator('till-cart:not([compact]) [part=checkout]').click();
  await fillDetails(page, email);
  await page.locator('till-checkout button[type=submit]').click();
  await page.locator('till-checkout [part=pay]').waitFor();
  return page;
}

// ---------------------------------------------------------------------------------------------------
// A merchant's own site: plain files on another origin than the API (the script-tag and CSP tests).

export interface Site {
  /** `http://127.0.0.1:<port>`, the page's origin. */
  origin: string;
  close(): Promise<void>;
}

export interface SiteOptions {
  /** Files by URL path (`/index.html`, `/csp-listener.js`): their text, typed by extension. */
  files: Record<string, string>;
  /** Headers on every response (a Content-Security-Policy, say). */
  headers?: Record<string, string>;
  /** Paths under this prefix are forwarded to the API, so its images are same-origin (`/media/`). */
  proxy?: { prefix: string; to: () => string };
}

const TYPES: Record<string, string> = {
  html: 'text/html',
  js: 'text/javascript',
  json: 'application/json',
  css: 'text/css',
  svg: 'image/svg+xml',
};
const typeOf = (path: string) => `${TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream'}; charset=utf-8`;

/**
 * A static site on 127.0.0.1: the given files, and `/dist/...` from this repository's build (the
 * files a merchant copies or links from a CDN). node:http only; nothing is cached.
 */
export async function serveSite(options: SiteOptions): Promise<Site> {
  const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
  const server = createHttpServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://site').pathname);
    const headers = { 'Cache-Control': 'no-store', ...options.headers };
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { ...headers, 'Content-Type': type });
      response.end(body);
    };
    if (options.proxy && path.startsWith(options.proxy.prefix)) {
      void fetch(options.proxy.to() + path).then(
        async (upstream) =>
          send(
            upstream.status,
            Buffer.from(await upstream.arrayBuffer()),
            upstream.headers.get('content-type') ?? undefined,
          ),
        () => send(502, 'upstream failed'),
      );
      return;
    }
    const key = path.endsWith('/') ? `${path}index.html` : path;
    const file = options.files[key];
    if (file !== undefined) return send(200, file, typeOf(key));
    const inDist = normalize(join(distDir, path.replace(/^\/dist\//, '')));
    if (!path.startsWith('/dist/') || !inDist.startsWith(distDir)) return send(404, 'not found');
    readFile(inDist).then(
      (body) => send(200, body, typeOf(path)),
      () => send(404, 'not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Debian's Chromium, as the demo tests launch it (with `args` added to the usual ones). */
export const launchChromium = (args: readonly string[] = []): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args] });

/** Adds the first product card's item to the cart (any page with a product list and a full cart). */
export async function addFirstProduct(page: Page): Promise<void> {
  await page.locator('till-product-list [part=product] [part=add]').first().click();
  await page.locator('till-cart:not([compact]) [part=line]').first().waitFor();
}

/** From a filled cart on the page: details, the test card 4242, the confirmation's order number. */
export async function checkOutWith4242(page: Page, email: string): Promise<string> {
  await fillDetails(page, email);
  await page.locator('till-checkout button[type=submit]').click();
  await page.locator('till-checkout [part=pay]').waitFor();
  await chooseTestCard(page, '4242 4242 4242 4242');
  await page.locator('till-checkout [part=pay]').click();
  const number = page.locator('till-checkout [part=order-number]');
  await number.waitFor();
  return (await number.textContent())!.trim();
}
