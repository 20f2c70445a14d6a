// Strong customer authentication in the demo, with the keyboard alone (3184 from the shelf on, the
// others from the card on): Stripe's test cards that challenge (the test processor's authentication
// page, in the checkout's modal dialog). 3184 completed (when saved and when paid); 3184 failed, told
// at the card, then 4242 pays the same order; 3178 authenticated, then declined at the card; Escape on
// the dialog's own controls cancels. Axe (best-practice rules included) is clean with the dialog open;
// nothing is ever charged twice.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { demoAtPayment, startShop, type Shop, type WireOrder, type WirePayment } from './harness.ts';
import {
  VIEWPORTS,
  addByKeyboard,
  assertAccessible,
  focused,
  openShop,
  tabUntil,
  toCheckout,
  typeFields,
  waitForFocus,
} from './shopper.ts';
import { DEMO_CONTACT } from '../support/demo-contact.ts';

let shop: Shop;
before(async () => {
  shop = await startShop();
});
after(async () => {
  await shop?.close();
});

const checkout = (page: Page) => page.locator('till-checkout');
const dialog = (page: Page) => checkout(page).locator('dialog.authentication');
const bank = (page: Page) => page.frameLocator('till-checkout dialog.authentication iframe');

/** The shop with a DVD in the cart, at the payment step. */
const atPayment = (name: string): Promise<Page> => demoAtPayment(shop, `${name}-${Date.now()}@example.com`);

/** Types the card into the test form and presses Pay, by keyboard. */
async function payByKeyboard(page: Page, number: string): Promise<void> {
  await checkout(page).locator('#card-number').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(number);
  for (const value of ['12/34', '123']) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(value);
  }
  await tabUntil(page, (f) => f.text.startsWith('Pay '), 3);
  await page.keyboard.press('Enter');
}

/**
 * The bank's page in the dialog, by keyboard: focus is on the dialog's heading; Tab goes to its ✕, then
 * into the page (its first button, "Complete authentication"), then to "Fail authentication".
 */
async function authenticate(page: Page, outcome: 'complete' | 'fail'): Promise<void> {
  await dialog(page).waitFor();
  await bank(page).getByRole('button', { name: 'Complete authentication' }).waitFor();
  const shown = await dialog(page).locator('iframe').getAttribute('src');
  await waitForFocus(page, { id: 'authentication-title' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  if (outcome === 'fail') await page.keyboard.press('Tab');
  const label = outcome === 'complete' ? 'Complete authentication' : 'Fail authentication';
  assert.equal(
    await bank(page)
      .getByRole('button', { name: label })
      .evaluate((button) => button === document.activeElement),
    true,
    `focus on ${label}`,
  );
  await page.keyboard.press('Enter');
  // Done with this page: the dialog closes, or already shows the bank's next check (the payment's,
  // after the card's), which can open before a poll sees the dialog gone.
  await page.waitForFunction(
    (src) =>
      document
        .querySelector('till-checkout')
        ?.shadowRoot?.querySelector('dialog.authentication iframe')
        ?.getAttribute('src') !== src,
    shown,
  );
}

const orderOf = async (page: Page): Promise<WireOrder> => {
  const humanId = (await checkout(page).locator('[part=order-number]').textContent())!.trim();
  const [order] = await shop.admin<WireOrder[]>(`/orders/search?query=${humanId}`);
  return order!;
};
const paymentsOf = (orderId: string) => shop.admin<WirePayment[]>(`/payments?order=${orderId}`);
const succeeded = (payments: WirePayment[]) =>
  payments.flatMap((p) => p.charges).filter((c) => c.status === 'succeeded' && c.kind !== 'create').length;

describe('strong customer authentication in the demo, by keyboard', () => {
  it('3184, the keyboard alone from the shelf: the bank asks when the card is saved and when it pays; both completed in the dialog, axe clean, paid once', async () => {
    const page = await openShop(shop, VIEWPORTS[0]!);
    await addByKeyboard(page, 'Rear Window', 1);
    await toCheckout(page);
    await typeFields(page, { email: `sca-3184-${Date.now()}@example.com`, ...DEMO_CONTACT });
    await tabUntil(page, (f) => f.text === 'Continue to payment', 4);
    await page.keyboard.press('Enter');
    await waitForFocus(page, { text: 'Payment' });
    await payByKeyboard(page, '4000 0027 6000 3184');
    await dialog(page).waitFor();
    await bank(page).getByRole('button', { name: 'Complete authentication' }).waitFor();
    assert.equal(await dialog(page).evaluate((d: HTMLDialogElement) => d.open && d.matches(':modal')), true);
    assert.equal(await dialog(page).getAttribute('aria-labelledby'), 'authentication-title');
    assert.match((await checkout(page).locator('.waiting').textContent())!, /Your bank is asking you to confirm/);
    assert.equal(await checkout(page).locator('[part=pay]').getAttribute('aria-disabled'), 'true');
    await assertAccessible(page, 'the authentication dialog open');
    await authenticate(page, 'complete'); // saving the card
    await authenticate(page, 'complete'); // the payment
    await checkout(page).locator('[part=order-number]').waitFor();
    await waitForFocus(page, { text: 'Thank you! Your order is confirmed.' });
    const order = await orderOf(page);
    assert.equal(order.order_status, 'SUCCESS');
    const payments = await paymentsOf(order._id.$oid);
    assert.deepEqual(
      payments.map((p) => p.current_state),
      ['succeeded'],
    );
    assert.equal(await page.locator('till-cart:not([compact]) [part=empty]').count(), 1, 'the cart let go');
    assert.equal((await checkout(page).locator('[part=receipt-card]').textContent())!.trim(), 'Visa ending in 3184');
    await page.close();
  });

  it('3184 failed at the bank: said at the card, Pay available, nothing charged; then 4242 pays the same order', async () => {
    const page = await atPayment('sca-fail');
    await payByKeyboard(page, '4000 0027 6000 3184');
    await authenticate(page, 'complete'); // saved
    await authenticate(page, 'fail'); // the payment's check fails
    const error = checkout(page).locator('fieldset.card [part=error]');
    await error.waitFor();
    assert.match((await error.textContent())!, /Your bank could not confirm it was you, so nothing was charged/);
    await waitForFocus(page, { className: 'alert' });
    assert.equal(await checkout(page).locator('[part=pay]').getAttribute('aria-disabled'), 'false');
    await assertAccessible(page, 'a failed authentication');
    const orderId = await page.evaluate(() => {
      const saved = Object.entries(sessionStorage).find(([key]) => key.startsWith('till:checkout:'));
      return (JSON.parse(saved![1]) as { orderId: string }).orderId;
    });
    assert.equal(succeeded(await paymentsOf(orderId)), 0, 'nothing charged');

    await payByKeyboard(page, '4242 4242 4242 4242');
    await checkout(page).locator('[part=order-number]').waitFor();
    const order = await orderOf(page);
    assert.equal(order._id.$oid, orderId, 'the same order');
    assert.equal(order.order_status, 'SUCCESS');
    assert.equal(succeeded(await paymentsOf(orderId)), 1, 'charged once');
    const mine = (await shop.admin<WireOrder[]>('/orders?size=100')).filter(
      (o) => o.user._id.$oid === order.user._id.$oid,
    );
    assert.equal(mine.length, 1, 'one order');
    await page.close();
  });

  it('3178: authenticated, then declined for insufficient funds, told at the card', async () => {
    const page = await atPayment('sca-3178');
    await payByKeyboard(page, '4000 0082 6000 3178');
    await authenticate(page, 'complete');
    const error = checkout(page).locator('fieldset.card [part=error]');
    await error.waitFor();
    assert.match((await error.textContent())!, /insufficient funds/i);
    assert.match((await error.textContent())!, /Try another card/);
    await waitForFocus(page, { className: 'alert' });
    assert.equal(await checkout(page).locator('[part=pay]').getAttribute('aria-disabled'), 'false');
    assert.equal(await page.locator('till-cart:not([compact]) [part=line]').count(), 1, 'the cart keeps the DVD');
    await page.close();
  });

  it('Escape on the dialog’s own controls cancels: nothing charged, said at the card; focus never leaves the dialog', async () => {
    const page = await atPayment('sca-escape');
    await payByKeyboard(page, '4000 0000 0000 3220');
    await authenticate(page, 'complete'); // saved
    await dialog(page).waitFor();
    await bank(page).getByRole('button', { name: 'Complete authentication' }).waitFor();
    await waitForFocus(page, { id: 'authentication-title' });
    // Tab: the ✕, the bank's page and its two buttons, Cancel, round to the ✕; Shift+Tab back round.
    const name = async () => {
      const f = await focused(page);
      return f.tag === 'iframe' ? 'bank' : f.className === 'close' ? '✕' : f.text;
    };
    const forward: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      forward.push(await name());
    }
    assert.deepEqual(forward, ['✕', 'bank', 'bank', 'Cancel', '✕']);
    const back: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Shift+Tab');
      back.push(await name());
    }
    assert.deepEqual(back, ['Cancel', 'bank', 'bank', '✕', 'Cancel']);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    const error = checkout(page).locator('fieldset.card [part=error]');
    await error.waitFor();
    assert.match((await error.textContent())!, /You canceled the check with your bank, so nothing was charged/);
    assert.equal(await checkout(page).locator('[part=pay]').getAttribute('aria-disabled'), 'false');
    await page.close();
  });
});
