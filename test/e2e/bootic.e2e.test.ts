import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addDvdWithAddOn, startShop, type Shop } from './harness.ts';
import { VIEWPORTS, assertAccessible, openShop, tabUntil } from './shopper.ts';

// The demo shop on a Bootic backend (`?shop=bootic`: backend="bootic", shop 29 of the reference
// server, its DVDs in CLP): the checkout creates the order in the shop and sends the customer on to
// its btc:web_checkout link, the reference server's Bootic checkout stand-in.
interface LineItem {
  variant_id: number;
  units: number;
  product_title: string;
  total: number;
}
interface BooticOrder {
  code: string;
  status: string;
  total: number;
  _embedded: { contact: { name: string; email: string; phone_number: string } | null; line_items: LineItem[] };
}

let shop: Shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop?.close();
});

async function openBooticShop(): Promise<Page> {
  const page = await shop.browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${shop.shopUrl}?shop=bootic`);
  await page.locator('till-product-list [part=product]').first().waitFor();
  return page;
}

/** Whole pesos as the cart shows them ("$11.980" in es-CL): CLP has no minor unit below the peso. */
const pesos = (text: string): number => Number(text.replace(/\D/g, ''));

async function fillContact(
  page: Page,
  contact: Record<'email' | 'firstName' | 'lastName' | 'phone', string>,
): Promise<void> {
  for (const [id, value] of Object.entries(contact)) await page.locator(`till-checkout #${id}`).fill(value);
}

const booticOrder = (code: string) =>
  shop.admin<BooticOrder>(`/v1/shops/29/orders/${code}`, { apiKey: shop.booticApiKey });

/** Goes to checkout, fills the contact, submits; resolves on the Bootic checkout page. */
async function checkOut(page: Page, contact: Parameters<typeof fillContact>[1]): Promise<string> {
  await page.locator('till-cart:not([compact]) [part=checkout]').click();
  await fillContact(page, contact);
  await Promise.all([
    page.waitForURL(/\/bootic\/checkout\/R[1-9][A-Z]\d{4}$/),
    page.locator('till-checkout button[type=submit]').click(),
  ]);
  return (await page.locator('#order-code').textContent())!.trim();
}

describe('the demo shop on Bootic, end to end in Chromium', () => {
  it('orders a discounted DVD with an add-on and lands on the shop’s Bootic checkout with the code and the CLP total the cart showed', async () => {
    const page = await openBooticShop();
    // The page is in Chilean Spanish: pesos as Chile writes them.
    assert.match(
      (await page.locator('till-product-list [part=product]').first().textContent())!,
      /\$\d{1,3}(\.\d{3})+/,
    );
    // A discounted film: Bootic prices the add-on as its own line, without the film's discount, and
    // the cart prices it the same way on this backend.
    const card = page
      .locator('till-product-list [part=product]')
      .filter({ has: page.locator('.add-ons') })
      .filter({ has: page.locator('s') })
      .first();
    const addOn = (await card.locator('.add-ons label span').first().textContent())!.trim();
    await card.locator('.add-ons input[type=checkbox]').first().check();
    const film = (await card.locator('[part=name]').textContent())!.trim();
    await card.locator('[part=add]').click();
    await page.locator('till-cart:not([compact]) [part=line]').first().waitFor();
    const cartTotal = pesos((await page.locator('till-cart:not([compact]) [part=total]').textContent())!);
    assert.ok(cartTotal > 1000, `a CLP total (${cartTotal})`);
    const email = `bootic-${Date.now()}@example.cl`;

    const code = await checkOut(page, { email, firstName: 'Violeta', lastName: 'Parra', phone: '+56 9 1234 5678' });
    assert.ok(page.url().startsWith(`${shop.apiUrl}/bootic/checkout/`), page.url());
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(
      Number(await page.locator('#order-total').getAttribute('value')),
      cartTotal,
      'the checkout page shows the cart’s total',
    );
    assert.equal(pesos((await page.locator('#order-total').textContent())!), cartTotal);

    // The order exists in the shop with the cart's lines: the film and its add-on, one unit each.
    const order = await booticOrder(code);
    assert.equal(order.status, 'checkout');
    assert.equal(order.total, cartTotal);
    assert.deepEqual(
      order._embedded.line_items.map((l) => [l.product_title, l.units]),
      [
        [film, 1],
        [addOn, 1],
      ],
    );
    assert.ok(order._embedded.line_items.every((l) => Number.isSafeInteger(l.variant_id) && l.variant_id > 0));
    assert.deepEqual(order._embedded.contact, { name: 'Violeta Parra', email, phone_number: '+56 9 1234 5678' });

    // The same email again with another name: Bootic updates the contact, on the first order too.
    await page.goto(`${shop.shopUrl}?shop=bootic`);
    await page.locator('till-product-list [part=product]').first().waitFor();
    await addDvdWithAddOn(page);
    const second = await checkOut(page, {
      email,
      firstName: 'Violeta',
      lastName: 'Parra Sandoval',
      phone: '+56 9 1234 5678',
    });
    assert.notEqual(second, code);
    assert.equal((await booticOrder(code))._embedded.contact?.name, 'Violeta Parra Sandoval');
    await page.close();
  });

  it('shows Bootic’s 422 messages: at the phone field, and as an alert for a variant the shop no longer has', async () => {
    const page = await openBooticShop();
    // The second film, without add-ons.
    const card = page.locator('till-product-list [part=product]').nth(1);
    const name = (await card.locator('[part=name]').textContent())!.trim();
    await card.locator('[part=add]').click();
    await page.locator('till-cart:not([compact]) [part=line]').first().waitFor();
    await page.locator('till-cart:not([compact]) [part=checkout]').click();

    // A contact field the shop refuses for a reason of its own (the widget checks what it can before
    // sending, so a rule only the shop knows is played here): seed 003's 422 shape, shown at the field.
    await page.route('**/v1/shops/29/orders', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({
          _class: ['errors'],
          _embedded: {
            errors: [
              { _class: ['error'], field: 'contact.phone_number', messages: ['is not a number this shop can call'] },
            ],
          },
        }),
      }),
    );
    await fillContact(page, {
      email: `bootic-422-${Date.now()}@example.cl`,
      firstName: 'Rodrigo',
      lastName: 'Díaz',
      phone: '+56 2 2345 6789',
    });
    await page.locator('till-checkout button[type=submit]').click();
    const phoneError = page.locator('till-checkout #phone-error');
    await phoneError.waitFor();
    assert.equal((await phoneError.textContent())!.trim(), 'is not a number this shop can call');
    assert.equal(await page.locator('till-checkout #phone').getAttribute('aria-invalid'), 'true');
    assert.equal(
      await page
        .locator('till-checkout #phone')
        .evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
      true,
      'focus is on the field',
    );
    await page.unroute('**/v1/shops/29/orders');

    // Meanwhile the shop stops selling the film: its variant is gone.
    const [product] = await shop.admin<{ _id: { $oid: string }; external_reference: string }[]>(
      `/products/search?query=${encodeURIComponent(name)}`,
      { apiKey: shop.booticApiKey },
    );
    await shop.admin(`/products/${product!._id.$oid}`, {
      apiKey: shop.booticApiKey,
      method: 'PUT',
      body: { deleted: true },
    });
    await page.locator('till-checkout #phone').fill('+56 2 2345 6788');
    await page.locator('till-checkout button[type=submit]').click();
    const alert = page.locator('till-checkout [part=error][role=alert]');
    await alert.waitFor();
    assert.equal(
      (await alert.textContent())!.trim(),
      `Variant ${product!.external_reference} does not exist in this shop`,
    );
    assert.equal(await page.locator('till-checkout #phone-error').count(), 0);
    assert.ok(page.url().startsWith(shop.shopUrl), 'the customer stays on the shop');
    await page.close();
  });
});

for (const viewport of VIEWPORTS) {
  describe(`back from Bootic's checkout, on a ${viewport.name} (${viewport.width} px)`, () => {
    it('keeps the cart until the order is paid, offers the way back to the unpaid order, and names the step', async () => {
      const page = await openShop(shop, viewport, '?shop=bootic');
      const cart = page.locator('till-cart:not([compact])');
      await page.locator('till-product-list [part=product]').nth(2).locator('[part=add]').click();
      await cart.locator('[part=line]').waitFor({ state: 'attached' });
      const cartLines = await cart.locator('[part=line]').count();
      const code = await checkOut(page, {
        email: `bootic-back-${viewport.name}-${Date.now()}@example.cl`,
        firstName: 'Gabriela',
        lastName: 'Mistral',
        phone: '+56 9 8765 4321',
      });
      const booticCheckout = page.url();

      // Back: the cart as it was, and the unpaid order with the way to pay it.
      await page.goBack();
      const pay = page.locator('till-checkout a[part=pay]');
      await pay.waitFor();
      assert.equal(await cart.locator('[part=line]').count(), cartLines, 'the cart keeps its lines');
      assert.equal((await page.locator('till-checkout [part=order-number]').textContent())!.trim(), code);
      assert.equal(await pay.getAttribute('href'), booticCheckout);
      const current = page.locator('till-checkout [part=steps] [aria-current=step]');
      // The Bootic demo shop is Chilean: its page, and so the checkout, speak Spanish.
      assert.equal((await current.textContent())!.trim(), 'Pago', 'an unpaid order is at the payment step');
      assert.equal((await page.locator('till-checkout').textContent())!.includes('¡Gracias!'), false);
      await assertAccessible(page, 'an unpaid Bootic order');

      // Keyboard: the link goes back to the same order on Bootic's checkout.
      await page.locator('till-checkout [part=order-number]').click();
      await tabUntil(page, (f) => f.host === 'till-checkout' && f.text === 'Pagar en la tienda', 8);
      await Promise.all([page.waitForURL(booticCheckout), page.keyboard.press('Enter')]);
      assert.equal((await page.locator('#order-code').textContent())!.trim(), code);

      // Paid there (the shop says "closed"): back on the shop, the order is confirmed and leaves the cart.
      await page.route(`**/v1/shops/29/orders/${code}`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), status: 'closed' } });
      });
      await page.goBack();
      await page.locator('till-checkout [part=confirmation]').waitFor();
      assert.equal((await current.textContent())!.trim(), 'Confirmación');
      assert.equal((await page.locator('till-checkout [part=order-number]').textContent())!.trim(), code);
      await cart.locator('[part=empty]').waitFor({ state: 'attached' });
      await assertAccessible(page, 'a paid Bootic order');
      await page.close();
    });
  });
}
