// A payment whose answer never comes back: the server charged, the browser heard nothing. The checkout
// must find the order paid, show its confirmation, and let go of the paid lines at once (no reload), so
// "Continue shopping", checkout and Pay can not buy the same film again as a new order.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Route } from 'playwright-core';
import { chooseTestCard, demoAtPayment, startShop, type Shop, type WireOrder, type WirePayment } from './harness.ts';

let shop: Shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop?.close();
});

describe('a lost answer to POST /payments', () => {
  it('shows the confirmation and the cart no longer holds the paid lines, without a reload', async () => {
    const page = await demoAtPayment(shop, `lost-answer-${Date.now()}@example.com`);

    // Every POST /payments reaches the server, which pays; its answer is then dropped on the way back.
    let dropped = 0;
    await page.route(
      (url) => url.pathname === '/payments',
      async (route: Route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        await route.fetch();
        dropped++;
        await route.abort('connectionreset');
      },
    );
    await chooseTestCard(page, '4242 4242 4242 4242');
    await page.locator('till-checkout [part=pay]').click();
    await page.locator('till-checkout [part=order-number]').waitFor();
    assert.ok(dropped >= 1, 'the answer was dropped');
    assert.equal(await page.locator('till-checkout [part=error]').count(), 0, 'no error shown');

    // The cart let go of the paid DVD, now, without a reload.
    await page.locator('till-cart:not([compact]) [part=empty]').waitFor({ timeout: 2000 });
    assert.equal(await page.locator('till-cart:not([compact]) [part=line]').count(), 0);

    // One order, paid once; "Continue shopping" leaves nothing to pay again.
    const humanId = (await page.locator('till-checkout [part=order-number]').textContent())!.trim();
    const [order] = await shop.admin<WireOrder[]>(`/orders/search?query=${humanId}`);
    assert.equal(order!.order_status, 'SUCCESS');
    const charges = (await shop.admin<WirePayment[]>(`/payments?order=${order!._id.$oid}`))
      .flatMap((p) => p.charges)
      .filter((c) => c.status === 'succeeded');
    assert.equal(charges.length, 1, 'charged once');
    await page.locator('till-checkout').getByRole('button', { name: 'Continue shopping' }).click();
    assert.equal(await page.locator('till-cart:not([compact]) [part=line]').count(), 0, 'nothing to buy twice');
    const mine = (await shop.admin<WireOrder[]>('/orders?size=100')).filter(
      (o) => o.user._id.$oid === order!.user._id.$oid,
    );
    assert.equal(mine.length, 1, 'one order');
    await page.close();
  });
});
