import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createBuiltOnClient, type BuiltOnClient, type Order } from '../../src/api/index.ts';
import { TEST_API_KEY } from '../support/spawn-server.mjs';
import { assertAccessible, focused, tabTo } from './a11y.ts';
import { addDvdWithAddOn, checkOutWith4242, startShop, type Shop } from './harness.ts';

// The demo's order history (demo/orders.html, <till-orders>) in Chromium, on a desktop and on a
// phone, with the keyboard alone, and axe (WCAG A/AA and best practices) clean in every state.

let shop: Shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop?.close();
});

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 812 },
] as const;

interface Customer {
  email: string;
  client: BuiltOnClient;
  /** Newest first, as the history lists them. */
  orders: Order[];
}

let customers = 0;
/**
 * A customer with `count` orders made through the API: the oldest a discounted DVD with its add-on,
 * paid after a decline; the newest unpaid.
 */
async function customerWithOrders(count: number): Promise<Customer> {
  const email = `orders-e2e-${Date.now()}-${customers++}@example.com`;
  const response = await fetch(`${shop.apiUrl}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Builton-Api-Key': TEST_API_KEY },
    body: JSON.stringify({ email }),
  });
  const { token } = (await response.json()) as { token: string };
  const client = createBuiltOnClient({ baseUrl: shop.apiUrl, apiKey: TEST_API_KEY, getToken: () => token });
  const products = (await client.listProducts({ size: 100 })).items.filter((p) => p.mainProduct);
  const withAddOn = products.find((p) => p.subProducts.length && p.discount > 0)!;
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) {
    const items =
      i === 0
        ? [{ product: withAddOn.id, quantity: 1, sub_products: [withAddOn.subProducts[0]!] }]
        : [{ product: products[i % products.length]!.id, quantity: 1 + (i % 2) }];
    orders.unshift(await client.createOrder({ items }));
  }
  if (count) {
    const paid = orders.at(-1)!;
    const declined = await client.createPaymentMethod('tok_chargeDeclined');
    await client.createPayment({ orders: [paid.id], paymentMethod: declined.id }).catch(() => undefined);
    const visa = await client.createPaymentMethod('tok_visa');
    await client.createPayment({ orders: [paid.id], paymentMethod: visa.id });
  }
  return { email, client, orders };
}

async function openOrdersPage(viewport: { width: number; height: number }): Promise<Page> {
  const page = await shop.browser.newPage({ viewport });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${shop.shopUrl}orders.html`);
  await page.locator('till-orders h2').waitFor();
  return page;
}

const orders = (page: Page) => page.locator('till-orders');
const rows = (page: Page) => page.locator('till-orders [part=order]');

/** No horizontal scrolling: the page is no wider than the viewport. */
async function assertFits(page: Page, state: string): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${state}: the page is ${scroll}px wide in a ${width}px viewport`);
}

describe('the order history (<till-orders>), end to end in Chromium', () => {
  for (const viewport of VIEWPORTS) {
    it(`on a ${viewport.name}, with the keyboard alone: signs in, pages, finds, opens, cancels; axe clean in every state`, async () => {
      const customer = await customerWithOrders(12);
      const page = await openOrdersPage(viewport);

      // Signed out: the email form.
      await orders(page).locator('[part=sign-in]').waitFor();
      await assertAccessible(page, 'signed out');
      await assertFits(page, 'signed out');
      await tabTo(page, (f) => f.id === 'orders-email');
      await page.keyboard.type('not-an-email');
      await page.keyboard.press('Enter');
      await orders(page).locator('#orders-email-error').waitFor();
      assert.equal((await focused(page)).id, 'orders-email', 'focus stays at the field to fix');
      await assertAccessible(page, 'a refused email');

      // Loading, then the first page of the list.
      await page.route('**/orders?*', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await route.continue();
      });
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(customer.email);
      await page.keyboard.press('Enter');
      await orders(page).getByText('Loading your orders…').waitFor();
      await assertAccessible(page, 'loading');
      await rows(page).first().waitFor();
      await page.unroute('**/orders?*');
      assert.equal(await rows(page).count(), 10);
      assert.equal((await focused(page)).tag, 'h2', 'focus on the heading once signed in');
      assert.match((await rows(page).first().textContent())!, new RegExp(`Order ${customer.orders[0]!.humanId}`));
      assert.match((await rows(page).last().textContent())!, new RegExp(`Order ${customer.orders[9]!.humanId}`));
      assert.match((await orders(page).locator('[part=pager]').textContent())!, /Page 1 of 2/);
      await assertAccessible(page, 'the list');
      await assertFits(page, 'the list');

      // The pager: Next keeps focus, and the second page holds the two oldest.
      const next = await tabTo(page, (f) => f.text === 'Next');
      assert.equal(next.tag, 'button');
      await page.keyboard.press('Enter');
      await orders(page).getByText('Page 2 of 2').waitFor();
      assert.equal((await focused(page)).text, 'Next');
      assert.equal(await rows(page).count(), 2);
      const paid = customer.orders[11]!;
      assert.match((await rows(page).last().textContent())!, /Paid/);
      await assertAccessible(page, 'the second page');

      // Search by order number (typed in lower case), then open the order with Enter.
      const unpaid = customer.orders[0]!;
      await tabTo(page, (f) => f.id === 'orders-search', { back: true });
      await page.keyboard.type(unpaid.humanId.toLowerCase());
      await page.keyboard.press('Enter');
      await orders(page).getByText('Show all orders').waitFor();
      assert.equal(await rows(page).count(), 1);
      await tabTo(page, (f) => f.part === 'order');
      await page.keyboard.press('Enter');
      await orders(page).locator('[part=details] h3').waitFor();
      await orders(page).locator('[part=cancel]').waitFor();
      assert.equal((await focused(page)).id, 'order-title', 'focus on the order’s heading');
      assert.equal((await focused(page)).text, `Order ${unpaid.humanId}`);
      await assertAccessible(page, 'one unpaid order');
      await assertFits(page, 'one unpaid order');

      // Cancel: the confirmation is a modal dialog; Escape keeps the order.
      await tabTo(page, (f) => f.part === 'cancel');
      await page.keyboard.press('Enter');
      const dialog = orders(page).locator('dialog');
      await dialog.waitFor();
      assert.equal((await focused(page)).text, 'Keep the order', 'focus on the safe choice');
      await assertAccessible(page, 'the cancel confirmation');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      assert.equal((await customer.client.getOrder(unpaid.id)).status, 'CREATED');
      assert.equal((await focused(page)).part, 'cancel', 'focus back on the cancel button');

      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await tabTo(page, (f) => f.text === 'Yes, cancel it');
      await page.keyboard.press('Enter');
      const notice = orders(page).getByText(`Order ${unpaid.humanId} is cancelled.`);
      await notice.waitFor();
      assert.equal((await focused(page)).text, `Order ${unpaid.humanId} is cancelled.`);
      assert.equal(await orders(page).locator('[part=cancel]').count(), 0);
      assert.equal((await orders(page).locator('[part=details] [part=status]').textContent())!.trim(), 'Cancelled');
      assert.equal((await customer.client.getOrder(unpaid.id)).status, 'CANCELLED');
      await assertAccessible(page, 'a cancelled order');

      // Back to the list: focus on the order's row, which says Cancelled.
      await tabTo(page, (f) => f.text.includes('Back to your orders'), { back: true });
      await page.keyboard.press('Enter');
      await rows(page).first().waitFor();
      assert.equal((await focused(page)).part, 'order', 'focus back on the order’s row');
      assert.match((await rows(page).first().textContent())!, /Cancelled/);

      // The paid order as a receipt: add-on, discount, VAT, its payment (declined with one card, then paid
      // with another: the same payment).
      await tabTo(page, (f) => f.text === 'Show all orders', { back: true });
      await page.keyboard.press('Enter');
      await orders(page).getByText('Page 1 of 2').waitFor();
      await tabTo(page, (f) => f.text === 'Next');
      await page.keyboard.press('Enter');
      await orders(page).getByText('Page 2 of 2').waitFor();
      await tabTo(page, (f) => f.part === 'order' && f.text.includes(paid.humanId));
      await page.keyboard.press('Enter');
      await orders(page).locator('[part=payments] li').first().waitFor();
      const receipt = (await orders(page).locator('[part=details]').textContent())!.replace(/\s+/g, ' ');
      assert.match(receipt, /with /);
      assert.match(receipt, /Before discounts/);
      assert.match(receipt, /VAT included/);
      assert.match(receipt, /Paid.*ending in 4242/);
      assert.doesNotMatch(receipt, /Declined/);
      assert.equal(await orders(page).locator('[part=cancel]').count(), 0, 'a paid order can not be cancelled');
      await assertAccessible(page, 'a paid order');
      await assertFits(page, 'a paid order');

      // Not you? Sign out, and sign in as a customer with no orders: the empty state.
      await tabTo(page, (f) => f.text === 'Not you? Sign out', { back: true });
      await page.keyboard.press('Enter');
      await orders(page).locator('[part=sign-in]').waitFor();
      assert.equal((await focused(page)).id, 'orders-email');
      const newcomer = await customerWithOrders(0);
      await page.keyboard.type(newcomer.email);
      await page.keyboard.press('Enter');
      await orders(page).getByText('You have no orders yet.').waitFor();
      await assertAccessible(page, 'no orders');

      // A failed load: an error with a retry that works.
      await page.route('**/orders?*', (route) => route.abort('internetdisconnected'));
      await tabTo(page, (f) => f.text === 'Find');
      await page.keyboard.press('Enter');
      await orders(page).locator('[part=error]').waitFor();
      assert.match((await orders(page).locator('[part=error]').textContent())!, /could not reach the shop/);
      await assertAccessible(page, 'an error');
      await page.unroute('**/orders?*');
      await tabTo(page, (f) => f.text === 'Try again');
      await page.keyboard.press('Enter');
      await orders(page).getByText('You have no orders yet.').waitFor();
      await page.close();
    });
  }

  it('the checkout’s confirmation links to the orders, where the paid order comes first, signed in', async () => {
    const page = await shop.browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(shop.shopUrl);
    await page.locator('till-product-list [part=product]').first().waitFor();
    await addDvdWithAddOn(page);
    const number = await checkOutWith4242(page, `orders-link-${Date.now()}@example.com`);
    await page.locator('till-checkout [part=orders]').click();
    await page.waitForURL(/orders\.html$/);
    await rows(page).first().waitFor();
    assert.equal(await orders(page).locator('[part=sign-in]').count(), 0, 'signed in with the checkout’s email');
    const first = (await rows(page).first().textContent())!.replace(/\s+/g, ' ');
    assert.match(first, new RegExp(`Order ${number}`));
    assert.match(first, /Paid/);
    await page.close();
  });
});
