// The discount-code field, with the keyboard alone, on a desktop and a phone, axe clean in every state:
// collapsed, open, each refusal (unknown, expired, used up, below the minimum, another currency, told
// in the customer's words at the field), applied (the code's line, the total and VAT to the cent,
// then against the server's order and on the receipt), removed; and a code whose last use another
// order takes while the customer pays: nothing charged, told at the summary, paid without it after the
// new total is confirmed; the order history shows the code too. The coupons are made through the
// server's admin API; REWIND10 is the demo's.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createBuiltOnClient } from '../../src/api/index.ts';
import { toMinor } from '../../src/core/index.ts';
import { TEST_API_KEY } from '../support/spawn-server.mjs';
import { DEMO_CONTACT } from '../support/demo-contact.ts';
import { startShop, type Shop } from './harness.ts';
import {
  VIEWPORTS,
  addByKeyboard,
  assertAccessible,
  focused,
  openShop,
  tabUntil,
  toCheckout,
  waitForFocus,
} from './shopper.ts';

interface WireOrder {
  _id: { $oid: string };
  human_id: string;
  order_status: string;
  total_amount: number;
  discount_amount: number;
  total_vat: number;
  currency: string;
  coupon: { code: string } | null;
}

let shop: Shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop?.close();
});

const DAY = 24 * 60 * 60 * 1000;
const checkout = (page: Page) => page.locator('till-checkout');
const texts = async (page: Page, selector: string) =>
  (await checkout(page).locator(selector).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
const rows = (page: Page) => texts(page, '[part=summary] .total-row');
const attribute = (page: Page, selector: string, name: string) => checkout(page).locator(selector).getAttribute(name);

const coupon = (body: Record<string, unknown>) => shop.admin('/coupons', { method: 'POST', body });

/** Another customer pays an order of Jaws with `code`, through the API (another browser, say). */
async function someoneElseRedeems(code: string): Promise<void> {
  const response = await fetch(`${shop.apiUrl}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Builton-Api-Key': TEST_API_KEY },
    body: JSON.stringify({ email: `elsewhere-${Date.now()}@example.com` }),
  });
  const { token } = (await response.json()) as { token: string };
  const client = createBuiltOnClient({ baseUrl: shop.apiUrl, apiKey: TEST_API_KEY, getToken: () => token });
  const [jaws] = (await client.searchProducts('Jaws')).items;
  const order = await client.createOrder({ items: [{ product: jaws!.id, quantity: 1 }], coupon: code });
  const method = await client.createPaymentMethod('tok_visa');
  await client.createPayment({ orders: [order.id], paymentMethod: method.id });
}

/** The contact and address, typed into the fields Tab reaches from the email. */
async function typeDetails(page: Page, email: string): Promise<void> {
  await checkout(page).locator('#email').focus();
  await page.keyboard.type(email);
  for (const [id, value] of Object.entries(DEMO_CONTACT)) {
    await tabUntil(page, (f) => f.id === id, 3);
    await page.keyboard.type(value);
  }
}

/** Types a code into the (open, focused) field and presses Enter, or Tab to Apply and Space. */
async function tryCode(page: Page, code: string, via: 'enter' | 'apply' = 'enter'): Promise<void> {
  assert.equal((await focused(page)).id, 'coupon-code');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(code);
  if (via === 'apply') {
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'Apply');
  }
  await page.keyboard.press(via === 'apply' ? 'Space' : 'Enter');
}

/** The refusal `message` at the field, the field marked invalid and described by it, and focus on it. */
async function assertRefused(page: Page, message: string, state: string): Promise<void> {
  await checkout(page).locator('#coupon-message', { hasText: message }).waitFor();
  assert.equal((await checkout(page).locator('#coupon-message').innerText()).trim(), message, state);
  await waitForFocus(page, { id: 'coupon-code' });
  assert.equal(await attribute(page, '#coupon-code', 'aria-invalid'), 'true');
  assert.equal(await attribute(page, '#coupon-code', 'aria-describedby'), 'coupon-message');
}

/** The test card's fields, by keyboard, from wherever focus is in the payment step. */
async function typeCard(page: Page): Promise<void> {
  await checkout(page).locator('#card-number').focus();
  await page.keyboard.type('4242 4242 4242 4242');
  for (const [id, value] of [
    ['card-expiry', '12/34'],
    ['card-cvc', '123'],
  ] as const) {
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, id);
    await page.keyboard.type(value);
  }
}

const newestOrder = async (): Promise<WireOrder> => (await shop.admin<WireOrder[]>('/orders?size=1'))[0]!;
const orderById = (id: string): Promise<WireOrder> => shop.admin<WireOrder>(`/orders/${id}`);

for (const viewport of VIEWPORTS) {
  describe(`the discount-code field on a ${viewport.name} (${viewport.width} px), keyboard only`, () => {
    it('is collapsed, opens, says why each code is refused, applies, removes, and the receipt shows the code', async () => {
      const tag = viewport.name.toUpperCase();
      await coupon({ code: `OLD-${tag}`, percent_off: 10, redeem_by: Date.now() - DAY });
      await coupon({ code: `ONCE-${tag}`, percent_off: 10, max_redemptions: 1 });
      await coupon({ code: `MIN50-${tag}`, percent_off: 10, min_order_amount: 50, currency: 'EUR' });
      await coupon({ code: `NOK-${tag}`, amount_off: 20, currency: 'NOK' });
      await someoneElseRedeems(`ONCE-${tag}`);

      const page = await openShop(shop, viewport);
      // Rear Window (€9.99, −10 %) with gift wrap (€3.50): 1214; two of Jaws (€6.99, −50 %): 699. 1913, VAT 383.
      await addByKeyboard(page, 'Rear Window', 1, ['Gift wrap']);
      await addByKeyboard(page, 'Jaws', 2);
      await toCheckout(page);
      const plain = ['Discounts −€8.34', 'Total €19.13', 'VAT included €3.83'];
      assert.deepEqual(await rows(page), plain);

      // Collapsed: the disclosure only, after the details form in Tab order.
      await typeDetails(page, `coupon-${viewport.name}-${Date.now()}@example.com`);
      await tabUntil(page, (f) => f.id === 'coupon-toggle', 6);
      assert.equal((await focused(page)).text, 'Have a discount code?');
      assert.equal(await attribute(page, '#coupon-toggle', 'aria-expanded'), 'false');
      assert.equal(await attribute(page, '#coupon-toggle', 'aria-controls'), 'coupon-panel');
      assert.equal(await checkout(page).locator('#coupon-code').isVisible(), false);
      await assertAccessible(page, 'the code field, collapsed');

      // Open: focus in the labelled field.
      await page.keyboard.press('Enter');
      await waitForFocus(page, { id: 'coupon-code' });
      assert.equal(await attribute(page, '#coupon-toggle', 'aria-expanded'), 'true');
      assert.equal(await checkout(page).locator('label[for=coupon-code]').innerText(), 'Discount code');
      assert.equal(await attribute(page, '#coupon-code', 'aria-invalid'), 'false');
      await assertAccessible(page, 'the code field, open');

      const refusals: [string, string, string][] = [
        ['nosuch', 'There is no code nosuch. Check how it is spelled.', 'unknown'],
        [`old-${tag}`, `The code OLD-${tag} has expired.`, 'expired'],
        [`ONCE-${tag}`, `The code ONCE-${tag} has been used up.`, 'used up'],
        [`MIN50-${tag}`, `The code MIN50-${tag} is for orders of €50.00 or more: add €30.87 to use it.`, 'minimum'],
        [`NOK-${tag}`, `The code NOK-${tag} is for orders in NOK.`, 'another currency'],
      ];
      for (const [code, message, state] of refusals) {
        await tryCode(page, code, state === 'expired' ? 'apply' : 'enter');
        await assertRefused(page, message, state);
        assert.deepEqual(await rows(page), plain, `${state}: no discount`);
        await assertAccessible(page, `a code refused: ${state}`);
      }

      // Applied: REWIND10, the demo's 10 %: 10 % of 1913 = 191.3 → 191; 1722; VAT 383 × 1722 / 1913 = 344.8 → 345.
      await tryCode(page, 'rewind10');
      await waitForFocus(page, { id: 'coupon-remove' });
      const applied = ['Discounts −€8.34', 'Code REWIND10 −€1.91', 'Total €17.22', 'VAT included €3.45'];
      assert.deepEqual(await rows(page), applied);
      assert.equal(
        (await checkout(page).locator('.coupon-applied p').innerText()).trim(),
        'Code REWIND10 applied: 10% off.',
      );
      assert.equal(await attribute(page, '#coupon-remove', 'aria-label'), 'Remove the code REWIND10');
      await assertAccessible(page, 'a code applied');

      // Removed: the disclosure again, focus on it, the totals without the code.
      await page.keyboard.press('Enter');
      await waitForFocus(page, { id: 'coupon-toggle' });
      assert.equal(await attribute(page, '#coupon-toggle', 'aria-expanded'), 'false');
      assert.equal((await checkout(page).locator('.coupon-status').innerText()).trim(), 'Code REWIND10 removed.');
      assert.deepEqual(await rows(page), plain);
      await assertAccessible(page, 'a code removed');

      // Applied again, kept over a reload, and sent with the order.
      await page.keyboard.press('Enter');
      await waitForFocus(page, { id: 'coupon-code' });
      await tryCode(page, 'REWIND10');
      await waitForFocus(page, { id: 'coupon-remove' });
      await page.reload();
      await checkout(page).locator('#coupon-remove').waitFor();
      assert.deepEqual(await rows(page), applied, 'after a reload');
      await checkout(page).locator('#coupon-remove').focus();
      await tabUntil(page, (f) => f.text === 'Continue to payment', 8, 'Shift+Tab');
      await page.keyboard.press('Enter');
      await checkout(page).locator('[part=pay]').waitFor();
      await waitForFocus(page, { text: 'Payment' });
      assert.deepEqual(await rows(page), [
        'Discounts −€8.34',
        'Code REWIND10 −€1.91',
        'Total €17.22',
        'VAT included €3.45',
      ]);
      assert.equal((await checkout(page).locator('.to-pay [part=total]').innerText()).trim(), '€17.22');
      const order = await newestOrder();
      assert.match(order.human_id, /\S/);
      assert.deepEqual(
        [
          order.coupon?.code,
          ...[order.discount_amount, order.total_amount, order.total_vat].map((a) => toMinor(a, 'EUR')),
        ],
        ['REWIND10', 191, 1722, 345],
        'the server’s order, to the cent',
      );
      await assertAccessible(page, 'the payment step with a code');

      await typeCard(page);
      await tabUntil(page, (f) => f.text === 'Pay €17.22', 3);
      await page.keyboard.press('Enter');
      await checkout(page).locator('[part=order-number]').waitFor();
      const number = (await checkout(page).locator('[part=order-number]').innerText()).trim();
      assert.equal(number, order.human_id);
      const paid = await orderById(order._id.$oid);
      assert.deepEqual(
        [paid.order_status, ...[paid.discount_amount, paid.total_amount, paid.total_vat].map((a) => toMinor(a, 'EUR'))],
        ['SUCCESS', 191, 1722, 345],
      );
      assert.deepEqual(await rows(page), [
        'Discounts −€8.34',
        'Code REWIND10 −€1.91',
        'Paid €17.22',
        'VAT included €3.45',
      ]);
      await assertAccessible(page, 'the receipt with a code');

      // The order history, from the receipt's link, shows the code's line too, and figures that add up.
      await checkout(page).locator('[part=orders]').focus();
      await page.keyboard.press('Enter');
      const row = page.locator('till-orders [part=order]');
      await row.first().waitFor();
      assert.equal(await row.count(), 1);
      await row.first().focus();
      await page.keyboard.press('Enter');
      await page.locator('till-orders .totals').waitFor();
      const history = (await page.locator('till-orders .totals > div').allInnerTexts()).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      );
      assert.deepEqual(history, [
        'Before discounts €27.47',
        'Discounts −€8.34',
        'Code REWIND10 −€1.91',
        'Total €17.22',
        'VAT included €3.45',
      ]);
      await assertAccessible(page, 'the order history with a code');
      await page.close();
    });

    it('a code used up by another order while paying: nothing charged, paid without it once the new total is confirmed', async () => {
      const code = `LAST-${viewport.name.toUpperCase()}`;
      await coupon({ code, percent_off: 10, max_redemptions: 1 });
      const page = await openShop(shop, viewport);
      // Rear Window: 999 × 0.9 = 899 (VAT 180); with the code 899 − 90 = 809 (VAT 162).
      await addByKeyboard(page, 'Rear Window', 1);
      await toCheckout(page);
      await typeDetails(page, `last-${viewport.name}-${Date.now()}@example.com`);
      await tabUntil(page, (f) => f.id === 'coupon-toggle', 6);
      await page.keyboard.press('Enter');
      await waitForFocus(page, { id: 'coupon-code' });
      await tryCode(page, code);
      await waitForFocus(page, { id: 'coupon-remove' });
      await tabUntil(page, (f) => f.text === 'Continue to payment', 8, 'Shift+Tab');
      await page.keyboard.press('Enter');
      await checkout(page).locator('[part=pay]').waitFor();
      assert.deepEqual(await rows(page), [
        'Discounts −€1.00',
        `Code ${code} −€0.90`,
        'Total €8.09',
        'VAT included €1.62',
      ]);
      const order = await newestOrder();

      // Meanwhile, someone else takes its one use.
      await someoneElseRedeems(code);
      await typeCard(page);
      await tabUntil(page, (f) => f.text === 'Pay €8.09', 3);
      await page.keyboard.press('Enter');
      const notice = checkout(page).locator('[part=summary] .coupon-notice');
      await notice.waitFor();
      await waitForFocus(page, { className: 'coupon-notice alert' });
      assert.deepEqual((await notice.innerText()).split('\n').filter(Boolean), [
        `The code ${code} was used up by another order just now.`,
        'Nothing was charged. You can pay without the code: you see the new total first.',
        'Continue without the code',
      ]);
      assert.equal(
        await checkout(page).locator('[part=error]').count(),
        0,
        'nothing told at the card: it is not at fault',
      );
      const payments = await shop.admin<{ current_state: string }[]>(`/payments?order=${order._id.$oid}`);
      assert.equal(payments.filter((p) => p.current_state === 'succeeded').length, 0, 'nothing charged');
      assert.equal((await orderById(order._id.$oid)).order_status, 'CREATED');
      await assertAccessible(page, 'a code used up at payment');

      // Without the code: off the order, the new total to confirm before anything is charged.
      await tabUntil(page, (f) => f.text === 'Continue without the code', 3);
      await page.keyboard.press('Enter');
      await waitForFocus(page, { text: 'Continue with €8.99' });
      assert.equal(
        (await checkout(page).locator('.notice p').innerText()).trim(),
        'The shop’s total for this order is €8.99, not €8.09 as the cart showed.',
      );
      assert.equal(
        (await notice.innerText()).trim(),
        `Code ${code} removed from your order. Confirm the new total to pay.`,
      );
      assert.deepEqual(await rows(page), ['Discounts −€1.00', 'Total €8.99', 'VAT included €1.80']);
      assert.equal(await attribute(page, '[part=pay]', 'aria-disabled'), 'true');
      const without = await orderById(order._id.$oid);
      assert.deepEqual([without.coupon, toMinor(without.total_amount, 'EUR')], [null, 899]);
      await assertAccessible(page, 'the code removed at payment');

      // Confirmed: focus on Pay, which pays the full price.
      await page.keyboard.press('Enter');
      await waitForFocus(page, { text: 'Pay €8.99' });
      assert.equal(await attribute(page, '[part=pay]', 'aria-disabled'), 'false');
      await page.keyboard.press('Enter');
      await checkout(page).locator('[part=order-number]').waitFor();
      assert.deepEqual(await rows(page), ['Discounts −€1.00', 'Paid €8.99', 'VAT included €1.80']);
      const paid = await orderById(order._id.$oid);
      assert.deepEqual(
        [paid._id.$oid, paid.order_status, toMinor(paid.total_amount, 'EUR'), paid.coupon],
        [order._id.$oid, 'SUCCESS', 899, null],
      );
      await assertAccessible(page, 'the receipt without the code');
      await page.close();
    });
  });
}
