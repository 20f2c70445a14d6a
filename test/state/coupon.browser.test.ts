// The checkout's discount code, in state, against the real reference server: a code checked with the
// shop and priced into the cart's summary by core, each refusal by its code (the shop's and core's),
// the code kept in the session, sent with the order, set and removed on an order made before, a code
// the shop refuses when ordering, and one used up by another order at the payment's claim: nothing
// charged, the code taken off the order and the new total confirmed before paying.
import { expect } from '@open-wc/testing';
import { createBuiltOnClient } from '../../src/api/builton.ts';
import { cart } from '../../src/state/cart.ts';
import {
  $checkout,
  applyCouponCode,
  cartReceipt,
  confirmTotal,
  initialCheckout,
  pay,
  placeOrder,
  removeCoupon,
  resetCheckout,
  restartCheckout,
} from '../../src/state/checkout/index.ts';
import { orderReceipt } from '../../src/state/checkout/order-receipt.ts';
import { restoreSession } from '../../src/state/checkout/session.ts';
import { orderFigures } from '../../src/state/orders/index.ts';
import { configure } from '../../src/state/config.ts';
import { api, film, resetCart, useReferenceServer } from '../support/browser.ts';
import { fillDemoContact } from '../support/checkout-ready.ts';

const DAY = 24 * 60 * 60 * 1000;
let serial = 0;
/** A code no other test (or run against the same server) has made. */
const fresh = (prefix: string) => `${prefix}${Date.now().toString(36)}${serial++}`.toUpperCase();

/** An admin request to the reference server (the service key); fails the test on anything but 200. */
async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const { url, apiKey, serviceKey } = api();
  const response = await fetch(url + path, {
    method,
    headers: {
      'X-Builton-Api-Key': apiKey,
      Authorization: `Bearer ${serviceKey}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Creates a coupon with a fresh code; answers the code and the coupon's id. */
async function coupon(prefix: string, terms: Record<string, unknown>): Promise<{ code: string; id: string }> {
  const code = fresh(prefix);
  const made = await admin<{ _id: { $oid: string } }>('POST', '/coupons', { code, ...terms });
  return { code, id: made._id.$oid };
}

/** Two of Rear Window (€9.99, −10 %): €17.98, VAT €3.60. */
async function twoRearWindows(): Promise<void> {
  cart.add(await film('Rear Window'), 2);
}

const fillContact = () => fillDemoContact('coupon');

/** Another customer pays an order with `code` (through the API, as another browser would). */
async function someoneElseRedeems(code: string): Promise<void> {
  const { url, apiKey } = api();
  const response = await fetch(`${url}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Builton-Api-Key': apiKey },
    body: JSON.stringify({ email: `other${Date.now()}@example.com` }),
  });
  const { token } = (await response.json()) as { token: string };
  const client = createBuiltOnClient({ baseUrl: url, apiKey, getToken: () => token });
  const order = await client.createOrder({ items: [{ product: (await film('Jaws')).id, quantity: 1 }], coupon: code });
  const method = await client.createPaymentMethod('tok_visa');
  await client.createPayment({ orders: [order.id], paymentMethod: method.id });
}

const problem = () => {
  const p = $checkout.get().couponProblem;
  return p && [p.code, p.coupon, p.stage];
};

interface WireOrder {
  total_amount: number;
  discount_amount: number;
  coupon: { code: string } | null;
  order_status: string;
}

beforeEach(() => {
  resetCheckout();
  resetCart();
  useReferenceServer();
  configure({ backend: 'builton', shopId: '' });
});

describe('a discount code, checked with the shop', () => {
  it('is applied in any case: its terms in the store and the session, the cart priced with it by core', async () => {
    const { code } = await coupon('TEN', { percent_off: 10, name: 'Ten off' });
    await twoRearWindows();
    await applyCouponCode(`  ${code.toLowerCase()} `);
    expect($checkout.get().coupon).to.deep.equal({
      code,
      name: 'Ten off',
      percentOff: 10,
      amountOff: null,
      currency: null,
      minOrderAmount: null,
    });
    expect($checkout.get().couponProblem).to.equal(null);
    expect($checkout.get().busy).to.equal(null);
    // 2 × 999 × 0.9 = 1798.2 → 1798 (VAT 359.6 → 360); 10 % of 1798 = 179.8 → 180; 1618, VAT 360 × 1618 / 1798 → 324.
    const receipt = cartReceipt(cart.$lines.get(), cart.$summary.get(), $checkout.get().coupon);
    expect([receipt.discount, receipt.coupon, receipt.total, receipt.vat]).to.deep.equal([
      200,
      { code, amount: 180 },
      1618,
      324,
    ]);
    // Without it, the cart's own figures.
    const plain = cartReceipt(cart.$lines.get(), cart.$summary.get(), null);
    expect([plain.coupon, plain.total, plain.vat]).to.deep.equal([null, 1798, 360]);
    const saved = JSON.parse(sessionStorage.getItem(`till:checkout:${api().apiKey}`)!);
    expect(saved.coupon.code).to.equal(code);
  });

  it('is kept over a reload, as the contact is', async () => {
    const { code } = await coupon('KEEP', { amount_off: 2.5, currency: 'EUR' });
    await twoRearWindows();
    await applyCouponCode(code);
    $checkout.set({ ...initialCheckout });
    restoreSession();
    expect($checkout.get().coupon).to.deep.include({ code, amountOff: 250, currency: 'EUR' });
    const receipt = cartReceipt(cart.$lines.get(), cart.$summary.get(), $checkout.get().coupon);
    expect([receipt.coupon?.amount, receipt.total]).to.deep.equal([250, 1548]);
  });

  it('refuses what the shop refuses, by code: unknown, retired, expired, not yet valid, used up', async () => {
    await twoRearWindows();
    const expired = await coupon('OLD', { percent_off: 10, redeem_by: Date.now() - DAY });
    const soon = await coupon('SOON', { percent_off: 10, valid_from: Date.now() + DAY });
    const once = await coupon('ONCE', { percent_off: 10, max_redemptions: 1 });
    const retired = await coupon('GONE', { percent_off: 10 });
    await admin('DELETE', `/coupons/${retired.id}`);
    await someoneElseRedeems(once.code);
    const cases: [string, string][] = [
      ['NOSUCHCODE', 'coupon-unknown'],
      [retired.code, 'coupon-unknown'],
      [expired.code, 'coupon-expired'],
      [soon.code, 'coupon-not-yet-valid'],
      [once.code, 'coupon-exhausted'],
    ];
    for (const [code, refusal] of cases) {
      await applyCouponCode(code);
      expect(problem(), code).to.deep.equal([refusal, code, 'check']);
      expect($checkout.get().coupon, code).to.equal(null);
    }
  });

  it('refuses locally what core refuses: below the minimum (with it), another currency; nothing typed', async () => {
    await twoRearWindows();
    const min = await coupon('MIN', { percent_off: 10, min_order_amount: 30, currency: 'EUR' });
    const nok = await coupon('NOK', { amount_off: 50, currency: 'NOK' });
    await applyCouponCode(min.code);
    expect($checkout.get().couponProblem).to.deep.equal({
      code: 'coupon-minimum',
      coupon: min.code,
      stage: 'check',
      minimum: 3000,
      currency: 'EUR',
    });
    await applyCouponCode(nok.code);
    expect($checkout.get().couponProblem).to.deep.equal({
      code: 'coupon-currency',
      coupon: nok.code,
      stage: 'check',
      currency: 'NOK',
    });
    await applyCouponCode('   ');
    expect(problem()).to.deep.equal(['coupon-required', '', 'check']);
    // Not a code at all: refused without asking.
    await applyCouponCode('ten off!');
    expect(problem()).to.deep.equal(['coupon-unknown', 'ten off!', 'check']);
    expect($checkout.get().coupon).to.equal(null);
    // Enough in the cart, and it applies.
    cart.add(await film('Seven Samurai'), 1);
    await applyCouponCode(min.code);
    expect([problem(), $checkout.get().coupon?.code]).to.deep.equal([null, min.code]);
  });

  it('no longer applies when the cart goes below its minimum: the total without it, and it is not sent', async () => {
    const min = await coupon('MIN', { amount_off: 5, currency: 'EUR', min_order_amount: 30 });
    await twoRearWindows();
    cart.add(await film('Seven Samurai'), 1);
    await applyCouponCode(min.code);
    const receipt = () => cartReceipt(cart.$lines.get(), cart.$summary.get(), $checkout.get().coupon);
    expect([receipt().coupon?.amount, receipt().total]).to.deep.equal([500, 1798 + 1499 - 500]);
    cart.remove(cart.$lines.get().find((l) => l.name === 'Seven Samurai')!.key);
    expect([receipt().coupon, receipt().total]).to.deep.equal([null, 1798]);
    fillContact();
    await placeOrder();
    const { order, totalToConfirm, step } = $checkout.get();
    expect([step, order!.coupon, order!.totalAmount, totalToConfirm]).to.deep.equal(['payment', null, 1798, null]);
  });
});

describe('a discount code on the order', () => {
  it('goes with the order, whose total is the discounted one the summary showed: nothing to confirm', async () => {
    const { code } = await coupon('ORDER', { percent_off: 10 });
    await twoRearWindows();
    await applyCouponCode(code);
    fillContact();
    await placeOrder();
    const { order, totalToConfirm, step, error } = $checkout.get();
    expect([step, error, totalToConfirm]).to.deep.equal(['payment', null, null]);
    expect([order!.coupon?.code, order!.subtotalAmount, order!.discountAmount, order!.totalAmount]).to.deep.equal([
      code,
      1798,
      180,
      1618,
    ]);
    const wire = await admin<WireOrder>('GET', `/orders/${order!.id}`);
    expect([wire.coupon?.code, wire.discount_amount, wire.total_amount]).to.deep.equal([code, 1.8, 16.18]);
    // The payment step's summary: the code's line and the VAT scaled with it, as the cart's showed.
    const receipt = orderReceipt(order!);
    expect([receipt.coupon, receipt.total, receipt.vat]).to.deep.equal([{ code, amount: 180 }, 1618, 324]);
  });

  it('shows in the order history’s figures: before discounts, discounts, the code, total and VAT adding up', async () => {
    const { code } = await coupon('HISTORY', { percent_off: 10 });
    const rearWindow = await film('Rear Window');
    const client = createBuiltOnClient({ baseUrl: api().url, apiKey: api().apiKey });
    const addOns = await Promise.all(rearWindow.subProducts.map((id) => client.getProduct(id)));
    cart.add(rearWindow, 1, [addOns.find((p) => p.name === 'Gift wrap')!]);
    cart.add(await film('Jaws'), 2);
    await applyCouponCode(code);
    fillContact();
    await placeOrder();
    // (999 + 350) × 0.9 = 1214, 2 × 699 × 0.5 = 699: 1913 (before discounts 2747, VAT 243 + 140 = 383);
    // 10 % of 1913 = 191 → 1722; VAT 383 × 1722 / 1913 → 345.
    const figures = orderFigures($checkout.get().order!);
    expect([figures.subtotal, figures.discount, figures.coupon, figures.total, figures.vat]).to.deep.equal([
      2747,
      834,
      { code, amount: 191 },
      1722,
      345,
    ]);
    expect(figures.subtotal - figures.discount - figures.coupon!.amount).to.equal(figures.total);
    const wire = await admin<{ total_vat: number }>('GET', `/orders/${$checkout.get().order!.id}`);
    expect(wire.total_vat).to.equal(3.45);
  });

  it('comes off an order made before when removed at the details, and goes back on when applied again', async () => {
    const { code } = await coupon('BACK', { amount_off: 3, currency: 'EUR' });
    await twoRearWindows();
    await applyCouponCode(code);
    fillContact();
    await placeOrder();
    const id = $checkout.get().order!.id;
    expect($checkout.get().order!.totalAmount).to.equal(1498);
    restartCheckout();
    await removeCoupon();
    expect([$checkout.get().coupon, $checkout.get().step]).to.deep.equal([null, 'details']);
    await placeOrder();
    expect([
      $checkout.get().order!.id,
      $checkout.get().order!.coupon,
      $checkout.get().order!.totalAmount,
    ]).to.deep.equal([id, null, 1798]);
    restartCheckout();
    await applyCouponCode(code);
    await placeOrder();
    const order = $checkout.get().order!;
    expect([order.id, order.coupon?.code, order.totalAmount, $checkout.get().totalToConfirm]).to.deep.equal([
      id,
      code,
      1498,
      null,
    ]);
    expect((await admin<WireOrder>('GET', `/orders/${id}`)).coupon?.code).to.equal(code);
  });

  it('refused by the shop when ordering (retired since it was checked): told at the code, the order made without it next', async () => {
    const { code, id } = await coupon('LATE', { percent_off: 10 });
    await twoRearWindows();
    await applyCouponCode(code);
    await admin('DELETE', `/coupons/${id}`);
    fillContact();
    await placeOrder();
    const state = $checkout.get();
    expect([state.step, state.error, state.coupon, state.order, problem()]).to.deep.equal([
      'details',
      null,
      null,
      null,
      ['coupon-unknown', code, 'order'],
    ]);
    expect(JSON.parse(sessionStorage.getItem(`till:checkout:${api().apiKey}`)!).coupon).to.equal(null);
    await placeOrder();
    expect([$checkout.get().step, $checkout.get().order!.totalAmount, problem()]).to.deep.equal([
      'payment',
      1798,
      null,
    ]);
  });

  it('used up by another order at payment: nothing charged, told at the code; without it, the new total is confirmed first', async () => {
    const { code } = await coupon('LAST', { percent_off: 10, max_redemptions: 1 });
    await twoRearWindows();
    await applyCouponCode(code);
    fillContact();
    await placeOrder();
    const id = $checkout.get().order!.id;
    await someoneElseRedeems(code);

    await pay(async () => ({ token: 'tok_visa' }));
    let state = $checkout.get();
    // Not an error of the card: the code's, at the summary.
    expect([state.step, state.busy, state.error, state.coupon, problem()]).to.deep.equal([
      'payment',
      null,
      null,
      null,
      ['coupon-exhausted', code, 'payment'],
    ]);
    expect([state.order!.status, state.order!.coupon?.code, state.order!.totalAmount]).to.deep.equal([
      'CREATED',
      code,
      1618,
    ]);
    const payments = await admin<{ current_state: string }[]>('GET', `/payments?order=${id}`);
    expect(payments.filter((p) => p.current_state === 'succeeded')).to.have.length(0);

    await removeCoupon();
    state = $checkout.get();
    expect([state.order!.id, state.order!.coupon, state.order!.totalAmount]).to.deep.equal([id, null, 1798]);
    expect(state.totalToConfirm).to.deep.equal({ local: 1618, server: 1798, currency: 'EUR' });
    expect($checkout.get().couponProblem).to.deep.include({
      code: 'coupon-exhausted',
      stage: 'payment',
      removed: true,
    });

    // Nothing is paid until the customer confirms the new total.
    await pay(async () => ({ token: 'tok_visa' }));
    expect([$checkout.get().step, $checkout.get().order!.status]).to.deep.equal(['payment', 'CREATED']);
    confirmTotal();
    await pay(async () => ({ token: 'tok_visa' }));
    expect($checkout.get().step).to.equal('complete');
    const paid = await admin<WireOrder>('GET', `/orders/${id}`);
    expect([paid.order_status, paid.total_amount, paid.coupon]).to.deep.equal(['SUCCESS', 17.98, null]);
  });
});
