import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { toMinor } from '../../src/core/index.ts';
import { addDvdWithAddOn, chooseTestCard, fillDetails, minorUnits, startShop, type Shop } from './harness.ts';

interface WireOrder {
  _id: { $oid: string };
  human_id: string;
  order_status: string;
  total_amount: number;
  currency: string;
  user: { _id: { $oid: string } };
}
interface WirePayment {
  charges: { status: string }[];
}

let shop: Shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop?.close();
});

async function openShop(): Promise<Page> {
  const page = await shop.browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(shop.shopUrl);
  await page.locator('till-product-list [part=product]').first().waitFor();
  return page;
}

/** The order a confirmation shows, read back through the API as an admin. */
async function confirmedOrder(page: Page): Promise<WireOrder> {
  const humanId = (await page.locator('till-checkout [part=order-number]').textContent())!.trim();
  const [order] = await shop.admin<WireOrder[]>(`/orders/search?query=${humanId}`);
  assert.ok(order, `order ${humanId} exists`);
  return order;
}

const succeededCharges = async (orderId: string) =>
  (await shop.admin<WirePayment[]>(`/payments?order=${orderId}`))
    .flatMap((p) => p.charges)
    .filter((c) => c.status === 'succeeded').length;

const ordersOf = async (userId: string) =>
  (await shop.admin<WireOrder[]>('/orders?size=100')).filter((o) => o.user._id.$oid === userId);

describe('the demo shop, end to end in Chromium', () => {
  it('sells a DVD with an add-on: pays with 4242, is confirmed, charged once, at the total the cart showed', async () => {
    const page = await openShop();
    await addDvdWithAddOn(page);
    const cartTotal = minorUnits((await page.locator('till-cart:not([compact]) [part=total]').textContent())!);
    await page.locator('till-cart:not([compact]) [part=checkout]').click();
    await fillDetails(page, `e2e-${Date.now()}@example.com`);
    await page.locator('till-checkout button[type=submit]').click();
    await page.locator('till-checkout [part=pay]').waitFor();
    await chooseTestCard(page, '4242 4242 4242 4242');
    await page.locator('till-checkout [part=pay]').click();
    await page.locator('till-checkout [part=order-number]').waitFor();

    const order = await confirmedOrder(page);
    assert.equal(order.order_status, 'SUCCESS');
    assert.equal(toMinor(order.total_amount, order.currency), cartTotal);
    assert.equal(await succeededCharges(order._id.$oid), 1);
    assert.equal(
      await page.locator('till-cart:not([compact]) [part=empty]').count(),
      1,
      'the cart is empty after paying',
    );
    await page.close();
  });

  it('shows a decline for 4000 0000 0000 0002, and a retry with 4242 pays the same order', async () => {
    const page = await openShop();
    await addDvdWithAddOn(page);
    await page.locator('till-cart:not([compact]) [part=checkout]').click();
    await fillDetails(page, `e2e-decline-${Date.now()}@example.com`);
    await page.locator('till-checkout button[type=submit]').click();
    await page.locator('till-checkout [part=pay]').waitFor();
    await chooseTestCard(page, '4000 0000 0000 0002');
    await page.locator('till-checkout [part=pay]').click();
    const error = page.locator('till-checkout [part=error]');
    await error.waitFor();
    assert.match((await error.textContent())!, /declined/i);

    await chooseTestCard(page, '4242 4242 4242 4242');
    await page.locator('till-checkout [part=pay]').click();
    await page.locator('till-checkout [part=order-number]').waitFor();
    const order = await confirmedOrder(page);
    assert.equal(order.order_status, 'SUCCESS');
    assert.equal((await ordersOf(order.user._id.$oid)).length, 1, 'one order');
    assert.equal(await succeededCharges(order._id.$oid), 1, 'one successful charge');
    await page.close();
  });

  it('survives a double-click on Pay and reloads mid-checkout: one order, one charge', async () => {
    const page = await openShop();
    await addDvdWithAddOn(page);
    const cartTotal = minorUnits((await page.locator('till-cart:not([compact]) [part=total]').textContent())!);
    await page.locator('till-cart:not([compact]) [part=checkout]').click();
    await fillDetails(page, `e2e-reload-${Date.now()}@example.com`);
    await page.locator('till-checkout button[type=submit]').click();
    await page.locator('till-checkout [part=pay]').waitFor();

    // Reload at the payment step: the checkout resumes the same order instead of making another.
    await page.reload();
    await page.locator('till-checkout [part=pay]').waitFor();

    await chooseTestCard(page, '4242 4242 4242 4242');
    await page.locator('till-checkout [part=pay]').dblclick();
    // And reload again while the payment may still be under way.
    await page.reload();
    const confirmation = page.locator('till-checkout [part=order-number]');
    const pay = page.locator('till-checkout [part=pay]');
    await confirmation.or(pay).first().waitFor();
    if (await pay.isVisible()) {
      // The reload beat the payment to the server: pay now, as the customer would.
      await chooseTestCard(page, '4242 4242 4242 4242');
      await pay.dblclick();
    }
    await confirmation.waitFor();

    const order = await confirmedOrder(page);
    assert.equal(order.order_status, 'SUCCESS');
    assert.equal(toMinor(order.total_amount, order.currency), cartTotal);
    assert.equal((await ordersOf(order.user._id.$oid)).length, 1, 'one order');
    assert.equal(await succeededCharges(order._id.$oid), 1, 'one charge');
    await page.close();
  });
});
