// A purchase with the keyboard alone, on a desktop and a phone: discounted films into the cart, the
// checkout from the header's cart, a declined card told at the card, another card, and a receipt
// checked to the cent against the order the server holds; then back to the shelf.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { toMinor } from '../../src/core/index.ts';
import { startShop, type Shop } from './harness.ts';
import {
  VIEWPORTS,
  addByKeyboard,
  assertAccessible,
  focused,
  openShop,
  tabUntil,
  typeFields,
  waitForFocus,
} from './shopper.ts';
import { DEMO_CONTACT } from '../support/demo-contact.ts';

interface WireOrder {
  human_id: string;
  total_amount: number;
  currency: string;
  items: { name: string; quantity: number; final_price: number }[];
}

let shop: Shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop?.close();
});

const checkout = (page: Page) => page.locator('till-checkout');
const texts = async (page: Page, selector: string) =>
  (await checkout(page).locator(selector).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

/** Replaces the test card's fields by keyboard, from wherever focus is in the payment step. */
async function typeCard(page: Page, number: string): Promise<void> {
  await checkout(page).locator('#card-number').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(number);
  for (const [id, value] of [
    ['card-expiry', '12/34'],
    ['card-cvc', '123'],
  ] as const) {
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, id);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(value);
  }
}

for (const viewport of VIEWPORTS) {
  describe(`a keyboard purchase on a ${viewport.name} (${viewport.width} px)`, () => {
    it('shows discounts in every summary, a decline at the card, and a receipt to the cent', async () => {
      const page = await openShop(shop, viewport);
      const email = `receipt-${viewport.name}-${Date.now()}@example.com`;
      // Rear Window (€9.99, −10 %) with gift wrap (€3.50); two of Jaws (€6.99, −50 %).
      await addByKeyboard(page, 'Rear Window', 1, ['Gift wrap']);
      await addByKeyboard(page, 'Jaws', 2);

      // The header's cart (the one a phone shows), then its checkout button.
      await page.locator('till-cart[compact] [part=toggle]').focus();
      await page.keyboard.press('Enter');
      await tabUntil(page, (f) => f.host === 'till-cart' && f.text === 'Go to checkout', 20);
      await page.keyboard.press('Enter');
      await checkout(page).locator('#email').waitFor();
      await waitForFocus(page, { id: 'checkout-title' });
      assert.equal(await page.locator('#checkout').isVisible(), true);

      // Every figure by the documented formula, rounded once per line:
      //   Rear Window + gift wrap: (999 + 350) × 0.9 = 1214.1 → 1214, before discount 1349
      //   Jaws × 2:                699 × 0.5 × 2   = 699,             before discount 1398
      //   discounts 135 + 699 = 834; total 1913; VAT 1214 × 0.25 / 1.25 = 242.8 → 243, 699 × 0.2 = 139.8 → 140
      const lines = ['1 × Rear Window with Gift wrap −10% €12.14', '2 × Jaws −50% €6.99'];
      const rows = (total: string) => [`Discounts −€8.34`, `${total} €19.13`, 'VAT included €3.83'];
      assert.deepEqual(await texts(page, '[part=summary] li'), lines, 'the details step’s summary');
      assert.deepEqual(await texts(page, '[part=summary] .total-row'), rows('Total'));
      await assertAccessible(page, 'the details step');

      await typeFields(page, { email, ...DEMO_CONTACT });
      await tabUntil(page, (f) => f.text === 'Continue to payment', 4);
      await page.keyboard.press('Enter');
      await checkout(page).locator('[part=pay]').waitFor();
      await waitForFocus(page, { text: 'Payment' });
      assert.deepEqual(await texts(page, '[part=summary] li'), lines, 'the payment step’s summary');
      assert.deepEqual(await texts(page, '[part=summary] .total-row'), rows('Total'));

      // A declined card: told at the card, in the error colour, with the way on; focus on it.
      await typeCard(page, '4000 0000 0000 0002');
      await tabUntil(page, (f) => f.text === 'Pay €19.13', 3);
      await page.keyboard.press('Enter');
      const error = checkout(page).locator('fieldset.card [part=error]');
      await error.waitFor();
      assert.equal(await checkout(page).locator('[part=error]').count(), 1, 'one message, at the card');
      assert.match((await error.textContent())!, /declined/i);
      assert.match((await error.textContent())!, /Try another card/);
      await waitForFocus(page, { className: 'alert' });
      const [errorColour, accent] = await Promise.all([
        error.evaluate((el) => getComputedStyle(el).color),
        checkout(page)
          .locator('[part=pay]')
          .evaluate((el) => getComputedStyle(el).backgroundColor),
      ]);
      assert.notEqual(errorColour, accent, 'an error is not in the accent colour');
      await assertAccessible(page, 'a declined card');

      await typeCard(page, '4242 4242 4242 4242');
      await tabUntil(page, (f) => f.text === 'Pay €19.13', 3);
      await page.keyboard.press('Enter');
      const number = checkout(page).locator('[part=order-number]');
      await number.waitFor();
      await waitForFocus(page, { text: 'Thank you! Your order is confirmed.' });

      // The receipt, against the order the server holds.
      const humanId = (await number.textContent())!.trim();
      const [order] = await shop.admin<WireOrder[]>(`/orders/search?query=${humanId}`);
      assert.ok(order);
      assert.equal(toMinor(order.total_amount, order.currency), 1913);
      assert.deepEqual(
        order.items.map((i) => [i.name, i.quantity, toMinor(i.final_price, order.currency)]),
        [
          ['Rear Window', 1, 1214],
          ['Jaws', 2, 699],
        ],
      );
      assert.equal((await checkout(page).locator('[part=receipt-email]').textContent())!.trim(), email);
      assert.equal((await checkout(page).locator('[part=receipt-card]').textContent())!.trim(), 'Visa ending in 4242');
      assert.equal(
        await checkout(page).locator('[part=receipt-delivery]').innerText(),
        'John McClane\nChristies gate 34A\n0557 Oslo\nNorway',
      );
      assert.equal(
        await checkout(page).locator('[part=receipt-billing]').count(),
        0,
        'billing is the delivery address',
      );
      assert.equal((await checkout(page).locator('[part=summary] h3').textContent())!.trim(), 'Receipt');
      assert.deepEqual(await texts(page, '[part=summary] li'), lines, 'the receipt’s lines');
      assert.deepEqual(await texts(page, '[part=summary] .total-row'), rows('Paid'));
      assert.equal(await page.locator('till-cart:not([compact]) [part=empty]').count(), 1, 'the cart is empty');
      await assertAccessible(page, 'the receipt');

      // A reload keeps the receipt, card included.
      await page.reload();
      await checkout(page).locator('[part=order-number]').waitFor();
      assert.equal((await checkout(page).locator('[part=order-number]').textContent())!.trim(), humanId);
      assert.equal((await checkout(page).locator('[part=receipt-card]').textContent())!.trim(), 'Visa ending in 4242');

      // "Continue shopping": back to the shelf, scrolled to it and focus on it; the checkout put away.
      await checkout(page).getByRole('button', { name: 'Continue shopping' }).focus();
      await page.keyboard.press('Enter');
      await waitForFocus(page, { id: 'catalogue-title' });
      assert.equal(await page.locator('#checkout').isVisible(), false);
      const shelf = (await page.locator('#catalogue-title').boundingBox())!;
      assert.ok(
        shelf.y >= 0 && shelf.y + shelf.height <= viewport.height,
        `the shelf's heading is on screen (${shelf.y})`,
      );
      assert.equal(new URL(page.url()).hash, '');
      await assertAccessible(page, 'back on the shelf');
      await page.close();
    });
  });
}
