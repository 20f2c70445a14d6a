// The order history's state without an element, against the real reference server, in Chromium's
// real session storage: signing in (the checkout's email or one typed), paging, search, one order with
// its payments and figures, cancelling after a confirmation, and the failures a customer can meet.
import { expect } from '@open-wc/testing';
import { fromMinor } from '../../src/core/index.ts';
import { resetCheckout, setContact } from '../../src/state/checkout/index.ts';
import { setCustomerToken } from '../../src/state/client.ts';
import { configure } from '../../src/state/config.ts';
import {
  $orders,
  closeOrder,
  confirmCancel,
  dismissCancel,
  findOrders,
  openOrder,
  orderFigures,
  requestCancel,
  resetOrders,
  showOrdersPage,
  signInToOrders,
  signOutOfOrders,
  startOrders,
} from '../../src/state/orders/index.ts';
import { api, resetCart, useReferenceServer } from '../support/browser.ts';
import { customerWithOrders, payOrder } from '../support/orders.ts';

const ids = () => $orders.get().orders.map((o) => o.id);

describe('the order history (state) against the reference server', () => {
  beforeEach(() => {
    resetOrders();
    resetCheckout();
    resetCart();
    useReferenceServer({ getToken: null });
  });

  it('asks for an email when the visit knows none, refuses one that is not, and lists the orders newest first', async () => {
    const customer = await customerWithOrders(3);
    await startOrders({ size: 2 });
    expect($orders.get().status).to.equal('signed-out');

    await signInToOrders('not an email');
    expect($orders.get().signInProblem).to.equal('email');
    expect($orders.get().status).to.equal('signed-out');

    await signInToOrders(`  ${customer.email} `);
    const state = $orders.get();
    expect([state.status, state.email, state.total]).to.deep.equal(['ready', customer.email, 3]);
    expect(ids()).to.deep.equal([customer.orders[2]!.id, customer.orders[1]!.id]);
    expect(JSON.parse(sessionStorage.getItem(`till:orders:${api().apiKey}`)!)).to.deep.equal({
      v: 1,
      email: customer.email,
    });
  });

  it('signs in with the email the checkout saved in this visit, without asking', async () => {
    const customer = await customerWithOrders(1);
    setContact({ email: customer.email });
    await startOrders();
    expect($orders.get().status).to.equal('ready');
    expect($orders.get().email).to.equal(customer.email);
    expect(ids()).to.deep.equal([customer.orders[0]!.id]);
  });

  it('pages and finds an order by its number; an unknown number finds nothing', async () => {
    const customer = await customerWithOrders(3);
    await startOrders({ size: 2 });
    await signInToOrders(customer.email);
    await showOrdersPage(1);
    expect(ids()).to.deep.equal([customer.orders[0]!.id]);
    expect($orders.get().query.page).to.equal(1);

    await findOrders(` ${customer.orders[1]!.humanId.toLowerCase()} `);
    expect(ids()).to.deep.equal([customer.orders[1]!.id]);
    expect($orders.get().query).to.deep.equal({ page: 0, size: 2, search: customer.orders[1]!.humanId.toLowerCase() });
    await findOrders('ZZZZZZ');
    expect([$orders.get().status, ids(), $orders.get().total]).to.deep.equal(['ready', [], 0]);
    await findOrders('');
    expect($orders.get().total).to.equal(3);
  });

  it('opens an order with its payments and cards, and its figures: discount, VAT, total', async () => {
    const customer = await customerWithOrders(1);
    const [order] = customer.orders;
    await payOrder(customer, order!, 'tok_chargeDeclined');
    await startOrders();
    await signInToOrders(customer.email);
    await openOrder(order!.id);
    const declined = $orders.get().open!;
    expect(declined.order!.status).to.equal('DECLINED');
    expect(declined.payments.map((p) => [p.payment.currentState, p.payment.amount, p.card?.last4])).to.deep.equal([
      ['declined', order!.totalAmount, '0002'],
    ]);
    // Another card pays the same payment again: one payment, paid with the Visa.
    await payOrder(customer, order!, 'tok_visa');
    await openOrder(order!.id);
    const open = $orders.get().open!;
    expect(open.status).to.equal('ready');
    expect(open.order!.status).to.equal('SUCCESS');
    expect(open.payments.map((p) => [p.payment.currentState, p.payment.amount, p.card?.last4])).to.deep.equal([
      ['succeeded', order!.totalAmount, '4242'],
    ]);

    // A discounted DVD with its add-on, twice: the figures agree with the order to the minor unit.
    const figures = orderFigures(open.order!);
    const item = open.order!.items[0]!;
    expect(item.discount).to.be.greaterThan(0);
    const before = (item.price + item.subProducts.reduce((s, p) => s + p.price, 0)) * item.quantity;
    expect(figures.subtotal).to.equal(before);
    expect(figures.discount).to.equal(before - item.finalPrice);
    expect(figures.total).to.equal(open.order!.totalAmount);
    expect(figures.subtotal - figures.discount).to.equal(figures.total);
    const vat = Math.round(fromMinor(item.finalPrice, 'EUR') * (item.vat / (1 + item.vat)) * 100);
    expect(figures.vat).to.equal(vat);
    expect($orders.get().orders[0]!.status, 'the list shows the paid status too').to.equal('SUCCESS');

    closeOrder();
    expect($orders.get().open).to.equal(null);
  });

  it('cancels an open order only after the customer confirms, and refuses a paid one', async () => {
    const customer = await customerWithOrders(2);
    const [paid, open] = customer.orders;
    await payOrder(customer, paid!);
    await startOrders();
    await signInToOrders(customer.email);

    await openOrder(paid!.id);
    requestCancel();
    expect($orders.get().open!.cancel, 'a paid order is not cancelled').to.equal('idle');

    await openOrder(open!.id);
    expect(await confirmCancel(), 'nothing happens without asking first').to.equal(null);
    requestCancel();
    expect($orders.get().open!.cancel).to.equal('confirming');
    dismissCancel();
    expect($orders.get().open!.cancel).to.equal('idle');
    expect((await customer.client.getOrder(open!.id)).status).to.equal('CREATED');

    requestCancel();
    const pending = confirmCancel();
    expect($orders.get().open!.cancel).to.equal('cancelling');
    const cancelled = await pending;
    expect(cancelled?.status).to.equal('CANCELLED');
    expect($orders.get().open!.cancel).to.equal('cancelled');
    expect($orders.get().orders.find((o) => o.id === open!.id)!.status).to.equal('CANCELLED');
    expect((await customer.client.getOrder(open!.id)).status).to.equal('CANCELLED');
  });

  it('says the order can no longer be cancelled when it was paid meanwhile, and shows it paid', async () => {
    const customer = await customerWithOrders(1);
    const [order] = customer.orders;
    await startOrders();
    await signInToOrders(customer.email);
    await openOrder(order!.id);
    requestCancel();
    await payOrder(customer, order!); // in another tab, say
    expect(await confirmCancel()).to.equal(null);
    const open = $orders.get().open!;
    expect([open.cancel, open.cancelProblem?.code, open.order!.status]).to.deep.equal(['failed', 'closed', 'SUCCESS']);
  });

  it('signs in again once when the token has expired, and forgets the customer on sign-out', async () => {
    const customer = await customerWithOrders(1);
    setContact({ email: customer.email });
    await startOrders();
    setCustomerToken('expired.or.forged');
    await showOrdersPage(0);
    expect($orders.get().status).to.equal('ready');
    expect(ids()).to.deep.equal([customer.orders[0]!.id]);

    signOutOfOrders();
    expect([$orders.get().status, $orders.get().email, ids()]).to.deep.equal(['signed-out', '', []]);
    resetOrders();
    await startOrders();
    expect($orders.get().status, 'the checkout’s email is not used again after a sign-out').to.equal('signed-out');
  });

  it('reports a failed load as a problem the element can word, and a refused sign-in', async () => {
    const customer = await customerWithOrders(1);
    await startOrders();
    await signInToOrders(customer.email);
    configure({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await showOrdersPage(0);
    expect($orders.get().status).to.equal('error');
    expect($orders.get().problem?.code).to.equal('network');

    useReferenceServer({ tokenUrl: '', getToken: () => null });
    signOutOfOrders();
    await signInToOrders(customer.email);
    expect($orders.get().status).to.equal('signed-out');
    expect($orders.get().signInProblem).to.deep.include({ code: 'sign-in' });
  });
});
