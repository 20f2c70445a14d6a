// End-to-end harness: the reference server (child process, fresh in-memory database, demo
// catalogue), the demo shop served by Vite, and Debian's Chromium driven by playwright-core.
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { spawnServer } from '../support/spawn-server.mjs';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Shop {
  apiUrl: string;
  shopUrl: string;
  browser: Browser;
  /** Admin GET against the API (the service key), to check what the widget did. */
  admin<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

export async function startShop(): Promise<Shop> {
  const api = await spawnServer();
  process.env.VITE_TILLKIT_API_URL = api.url;
  process.env.VITE_TILLKIT_API_KEY = api.apiKey;
  let vite: ViteDevServer | undefined;
  let browser: Browser | undefined;
  try {
    vite = await createServer({ logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
    await vite.listen();
    const shopUrl = vite.resolvedUrls!.local[0]!;
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    return {
      apiUrl: api.url,
      shopUrl,
      browser,
      async admin<T>(path: string) {
        const response = await fetch(api.url + path, { headers: { 'X-Builton-Api-Key': api.apiKey, Authorization: `Bearer ${api.serviceKey}` } });
        if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
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
export const minorUnits = (text: string): number => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);

/** Adds the first DVD that offers an add-on, with that add-on, to the cart. */
export async function addDvdWithAddOn(page: Page): Promise<string> {
  const card = page.locator('till-product-list [part=product]').filter({ has: page.locator('.add-ons') }).first();
  await card.locator('.add-ons input[type=checkbox]').first().check();
  const name = (await card.locator('[part=name]').textContent())!.trim();
  await card.locator('[part=add]').click();
  await page.locator('till-cart:not([compact]) [part=line]').first().waitFor();
  return name;
}

export async function fillDetails(page: Page, email: string): Promise<void> {
  const checkout = page.locator('till-checkout');
  const fields: Record<string, string> = {
    email,
    firstName: 'John',
    lastName: 'McClane',
    phone: '+4712345678',
    street: 'Christies gate 34A',
    zip: '0557',
    city: 'Oslo',
    country: 'Norway',
  };
  for (const [id, value] of Object.entries(fields)) await checkout.locator(`#${id}`).fill(value);
}

export async function chooseTestCard(page: Page, number: string): Promise<void> {
  await page.locator('till-checkout #card-number').fill(number);
  await page.locator('till-checkout #card-expiry').fill('12/34');
  await page.locator('till-checkout #card-cvc').fill('123');
}
