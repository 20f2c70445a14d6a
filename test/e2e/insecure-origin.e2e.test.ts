// A merchant page on plain http under a real host name is not a secure context: browsers leave
// `crypto.randomUUID` undefined there. The checkout must still place and pay the order. Chromium maps
// shop.test to 127.0.0.1 (`--host-resolver-rules`), so the demo shop is served as http://shop.test:<port>/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toMinor } from '../../src/core/index.ts';
import { addDvdWithAddOn, chooseTestCard, fillDetails, minorUnits, startShop, type Shop } from './harness.ts';

interface WireOrder {
  order_status: string;
  total_amount: number;
  currency: string;
}

let shop: Shop;
before(async () => {
  shop = await startShop({ host: 'shop.test' });
});
after(async () => {
  await shop?.close();
});

describe('the demo shop on a plain-http origin (not a secure context), in Chromium', () => {
  it('places and pays an order although crypto.randomUUID does not exist there', async () => {
    const page = await shop.browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(shop.shopUrl);
    const context = await page.evaluate(() => ({
      origin: location.origin,
      secure: window.isSecureContext,
      randomUUID: typeof (crypto as Partial<Crypto>).randomUUID,
    }));
    assert.match(context.origin, /^http:\/\/shop\.test:\d+$/);
    assert.equal(context.secure, false, 'the page is not a secure context');
    assert.equal(context.randomUUID, 'undefined', 'crypto.randomUUID is not there');

    await page.locator('till-product-list [part=product]').first().waitFor();
    await addDvdWithAddOn(page);
    const cartTotal = minorUnits((await page.locator('till-cart:not([compact]) [part=total]').textContent())!);
    await page.locator('till-cart:not([compact]) [part=checkout]').click();
    await fillDetails(page, `insecure-${Date.now()}@example.com`);
    await page.locator('till-checkout button[type=submit]').click();

    // Either the payment step or an error: wait for whichever comes, then say which.
    const error = page.locator('till-checkout [part=error]');
    const pay = page.locator('till-checkout [part=pay]');
    await pay.or(error).first().waitFor();
    assert.equal(await error.count(), 0, `placing the order failed: ${(await error.allTextContents()).join(' ')}`);

    await chooseTestCard(page, '4242 4242 4242 4242');
    await pay.click();
    const number = page.locator('till-checkout [part=order-number]');
    await number.or(error).first().waitFor();
    assert.equal(await error.count(), 0, `paying failed: ${(await error.allTextContents()).join(' ')}`);

    const humanId = (await number.textContent())!.trim();
    const [order] = await shop.admin<WireOrder[]>(`/orders/search?query=${humanId}`);
    assert.ok(order, `order ${humanId} exists on the server`);
    assert.equal(order.order_status, 'SUCCESS');
    assert.equal(toMinor(String(order.total_amount), order.currency), cartTotal);
    await page.close();
  });
});
