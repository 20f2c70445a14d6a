// What the framework examples (examples/vue, svelte, angular, next) share in their tests: `tillkit` resolved as
// an installed package, the reference server behind the address the examples name, and one purchase driven
// through the page and read back from both the framework's own state and the API.
//
// The examples are the README's snippets, so they name the reference server as `npm run server:demo` runs it:
// http://127.0.0.1:8787 with the published demo key. The tests start their own server on a free port and the
// browser's requests for 127.0.0.1:8787 are sent to it, so nothing here depends on that port being free.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.mjs';
import { ensureFreshBuild, linkTillkit, root } from '../build/fresh-build.ts';
export { linkTillkit } from '../build/fresh-build.ts';
import { addFirstProduct, checkOutWith4242, launchChromium, minorUnits, serveSite, type Site } from './harness.ts';

/** Where the examples' `<till-config>` points: the reference server's default address and demo key. */
export const EXAMPLE_API = 'http://127.0.0.1:8787';
export const EXAMPLE_API_KEY = 'pk_demo_tillkit';

/** Runs a tool (a Node script of node_modules) in `cwd` and fails with its output. */
export function run(script: string, args: string[], cwd = root, env: Record<string, string> = {}): string {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, `${script} ${args.join(' ')}:\n${output}`);
  return output;
}

/** A production build of an example with its own vite.config.ts, as files by URL path for `serveSite`. */
export async function viteBuild(app: string): Promise<Record<string, string>> {
  return filesOfBuild(
    (await build({
      root: app,
      configFile: join(app, 'vite.config.ts'),
      logLevel: 'silent',
      build: { write: false },
    })) as Rolldown.RolldownOutput,
  );
}

/** A build's output (`write: false`) as files by URL path, for `serveSite`. */
export function filesOfBuild(output: Rolldown.RolldownOutput): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of output.output)
    files[`/${file.fileName}`] = file.type === 'chunk' ? file.code : String(file.source);
  return files;
}

/** A Vite example as a test file uses it: see `serveViteExample`. */
export interface ServedExample {
  /** The reference server the example's requests are sent to. */
  readonly api: SpawnedServer;
  /** A new page of the built example, its requests for the API routed to `api`. */
  open(): Promise<Page>;
}

/**
 * A Vite example (examples/vue, svelte, react) for the calling test file: built for production and served,
 * with a reference server and Chromium, all made before the file's tests and closed after them.
 */
export function serveViteExample(app: string): ServedExample {
  let site: Site | undefined;
  let api: SpawnedServer | undefined;
  let browser: Browser | undefined;
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
  return {
    get api() {
      return api!;
    },
    async open() {
      const page = await browser!.newPage();
      await routeExampleApi(page, api!);
      await page.goto(site!.origin);
      return page;
    },
  };
}

/** The files of a directory by URL path (`/index.html`, `/assets/x.js`), for `serveSite`. */
export function filesOf(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, filesOf(path, `${prefix}/${entry.name}`));
    else files[`${prefix}/${entry.name}`] = readFileSync(path, 'utf8');
  }
  return files;
}

/** The reference server on a free port, with the examples' demo key and demo sign-in. */
export const startExampleApi = (): Promise<SpawnedServer> => spawnServer({ TILLKIT_API_KEY: EXAMPLE_API_KEY });

/** Sends the page's requests for the examples' API address to the test's server. */
export async function routeExampleApi(page: Page, api: SpawnedServer): Promise<void> {
  await page.route(`${EXAMPLE_API}/**`, (route) =>
    route.continue({ url: api.url + route.request().url().slice(EXAMPLE_API.length) }),
  );
}

interface WireOrder {
  human_id: string;
  order_status: string;
  total_amount: number;
  items: { quantity: number }[];
}

/** An order as the API has it, read with the service key. */
async function orderNumbered(api: SpawnedServer, humanId: string): Promise<WireOrder> {
  const response = await fetch(`${api.url}/orders/search?query=${encodeURIComponent(humanId)}`, {
    headers: { 'X-Builton-Api-Key': EXAMPLE_API_KEY, Authorization: `Bearer ${api.serviceKey}` },
  });
  assert.equal(response.status, 200);
  const [order] = (await response.json()) as WireOrder[];
  assert.ok(order, `order ${humanId} exists`);
  return order;
}

/**
 * On an example's page: two of the first DVD into the cart, checked out with the test card 4242. Asserts
 * what the framework rendered from the events (the basket count after each change, "Order … is paid" with
 * the checkout's own order number, the count back at 0 once the paid cart is cleared) and what the API
 * holds (that order, SUCCESS, at the total the cart showed, for two items).
 */
export async function buyTwoAndPay(page: Page, api: SpawnedServer): Promise<{ orderNumber: string; total: number }> {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  const basket = page.locator('p', { hasText: /^\d+ in the basket$/ });
  const count = async () => Number(/^(\d+)/.exec((await basket.textContent())!)![1]);

  await page.locator('till-product-list [part=product]').first().waitFor();
  assert.equal(await count(), 0, 'the framework starts with an empty basket');
  await addFirstProduct(page);
  await basket.filter({ hasText: /^1 in/ }).waitFor();
  await page.locator('till-cart [aria-label^="One more"]').click();
  await basket.filter({ hasText: /^2 in/ }).waitFor();
  const total = minorUnits((await page.locator('till-cart [part=total]').textContent())!);
  assert.ok(total > 0, 'the cart shows a total');

  const orderNumber = await checkOutWith4242(page, `example-${Date.now()}@example.com`);
  const paid = page.locator('p', { hasText: /^Thank you! Order .+ is paid\.$/ });
  await paid.waitFor();
  assert.equal(await paid.textContent(), `Thank you! Order ${orderNumber} is paid.`);
  await basket.filter({ hasText: /^0 in/ }).waitFor(); // the paid lines left the cart, and the event said so

  const order = await orderNumbered(api, orderNumber);
  assert.equal(order.order_status, 'SUCCESS');
  assert.equal(Math.round(order.total_amount * 100), total, 'charged the total the cart showed');
  assert.equal(
    order.items.reduce((sum, item) => sum + item.quantity, 0),
    2,
  );
  assert.deepEqual(errors, [], 'no errors on the page');
  return { orderNumber, total };
}
