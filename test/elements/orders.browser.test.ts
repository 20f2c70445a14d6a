import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/orders/till-orders.ts';
import type { TillOrders } from '../../src/elements/orders/orders.ts';
import { resetCheckout, setContact } from '../../src/state/checkout/index.ts';
import { configure } from '../../src/state/config.ts';
import { $orders, resetOrders } from '../../src/state/orders/index.ts';
import { resetCart, until, useReferenceServer } from '../support/browser.ts';
import { customerWithOrders, payOrder } from '../support/orders.ts';

const $ = <T extends Element = HTMLElement>(el: TillOrders, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;
const $$ = (el: TillOrders, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (el: TillOrders, selector: string) => $(el, selector).textContent.replace(/\s+/g, ' ').trim();

/** Waits for the store to settle, then for the element to render it. */
async function settled(el: TillOrders): Promise<void> {
  await until(() => {
    const { status, open } = $orders.get();
    return (
      status !== 'idle' &&
      status !== 'loading' &&
      status !== 'signing-in' &&
      open?.status !== 'loading' &&
      open?.cancel !== 'cancelling'
    );
  });
  await el.updateComplete;
}

async function signIn(el: TillOrders, email: string): Promise<void> {
  $<HTMLInputElement>(el, '#orders-email').value = email;
  $<HTMLFormElement>(el, 'form').requestSubmit();
  await settled(el);
}

const rows = (el: TillOrders) => $$(el, '[part=order]').map((row) => row.dataset['id']);

describe('<till-orders> against the reference server', () => {
  beforeEach(() => {
    resetOrders();
    resetCheckout();
    resetCart();
    useReferenceServer({ getToken: null, strings: {} });
  });

  it('asks for the email when nobody is signed in, says what is wrong at the field, then lists the orders', async () => {
    const customer = await customerWithOrders(2);
    const el = await fixture<TillOrders>(html`<till-orders></till-orders>`);
    await settled(el);
    expect(text(el, 'h2')).to.equal('Your orders');
    expect($(el, '[part=sign-in]')).to.exist;
    await expect(el).to.be.accessible();

    await signIn(el, 'no-email');
    expect($(el, '#orders-email').getAttribute('aria-invalid')).to.equal('true');
    expect(text(el, '#orders-email-error')).to.contain('email address like');
    expect(el.shadowRoot!.activeElement?.id).to.equal('orders-email');
    await expect(el).to.be.accessible();

    await signIn(el, customer.email);
    expect(rows(el)).to.deep.equal([customer.orders[1]!.id, customer.orders[0]!.id]);
    expect(text(el, '.who')).to.contain(`Signed in as ${customer.email}.`);
    expect(el.shadowRoot!.activeElement?.tagName, 'focus on the heading once signed in').to.equal('H2');
    const first = $(el, '[part=order]');
    expect(first.textContent).to.contain(`Order ${customer.orders[1]!.humanId}`);
    expect(first.querySelector('[part=status]')!.textContent).to.equal('Awaiting payment');
    expect(first.textContent).to.contain('1 item');
    expect($$(el, '[part=order]')[1]!.textContent).to.contain('2 items');
    await expect(el).to.be.accessible();
  });

  it('signs in with the checkout’s email, pages with the pager, and finds an order by number', async () => {
    const customer = await customerWithOrders(3);
    setContact({ email: customer.email });
    const el = await fixture<TillOrders>(html`<till-orders page-size="2"></till-orders>`);
    await settled(el);
    expect(rows(el)).to.have.length(2);
    expect(text(el, '[part=pager]')).to.contain('Page 1 of 2');
    expect($(el, '[part=pager] button').getAttribute('aria-disabled')).to.equal('true');
    const next = $$(el, '[part=pager] button')[1]!;
    next.focus();
    next.click();
    await settled(el);
    expect(rows(el)).to.deep.equal([customer.orders[0]!.id]);
    expect(text(el, '[part=pager]')).to.contain('Page 2 of 2');
    expect(el.shadowRoot!.activeElement, 'focus stays on Next').to.equal(next);
    expect(next.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();

    $<HTMLInputElement>(el, '#orders-search').value = customer.orders[1]!.humanId;
    $<HTMLFormElement>(el, '[part=search]').requestSubmit();
    await settled(el);
    expect(rows(el)).to.deep.equal([customer.orders[1]!.id]);
    $<HTMLInputElement>(el, '#orders-search').value = 'ZZZZZZ';
    $<HTMLFormElement>(el, '[part=search]').requestSubmit();
    await settled(el);
    expect(text(el, '[role=status]')).to.equal('No order has the number “ZZZZZZ”.');
    await expect(el).to.be.accessible();
    $(el, '[part=search] .link').click();
    await settled(el);
    expect(rows(el)).to.have.length(2);
  });

  it('says so when the customer has no orders yet', async () => {
    const customer = await customerWithOrders(0);
    setContact({ email: customer.email });
    const el = await fixture<TillOrders>(html`<till-orders></till-orders>`);
    await settled(el);
    expect(text(el, '[role=status]')).to.equal('You have no orders yet.');
    expect($(el, '[part=pager]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('opens an order as a receipt, with its heading focused, and goes back to its row', async () => {
    const customer = await customerWithOrders(2);
    const [withAddOn] = customer.orders;
    await payOrder(customer, withAddOn!, 'tok_chargeDeclined');
    await payOrder(customer, withAddOn!);
    setContact({ email: customer.email });
    const el = await fixture<TillOrders>(html`<till-orders></till-orders>`);
    await settled(el);
    $(el, `[data-id="${withAddOn!.id}"]`).click();
    await settled(el);
    expect(text(el, 'h3')).to.equal(`Order ${withAddOn!.humanId}`);
    expect(el.shadowRoot!.activeElement?.id).to.equal('order-title');
    const item = withAddOn!.items[0]!;
    expect(text(el, '.items li')).to.contain(`2 × ${item.name}`);
    expect(text(el, '.items li')).to.contain(`with ${item.subProducts[0]!.name}`);
    expect(text(el, '.items li')).to.match(/−\d+%/);
    expect(text(el, '[part=details] [part=status]')).to.equal('Paid');
    expect(text(el, '.totals')).to.contain('Before discounts');
    expect(text(el, '.totals')).to.contain('Discounts');
    expect(text(el, '[part=total]')).to.equal(el.money(withAddOn!.totalAmount, 'EUR'));
    expect(text(el, '.totals')).to.contain('VAT included');
    const payments = $$(el, '[part=payments] li').map((li) => li.textContent.replace(/\s+/g, ' '));
    // Declined with one card, then paid with another: the same payment, now paid with the Visa.
    expect(payments).to.have.length(1);
    expect(payments[0]).to.contain('Paid').and.contain('ending in 4242');
    expect($(el, '[part=cancel]'), 'a paid order can not be cancelled').to.equal(null);
    await expect(el).to.be.accessible();

    $(el, '.back').click();
    await el.updateComplete;
    expect((el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['id']).to.equal(withAddOn!.id);
  });

  it('cancels an unpaid order after a confirmation in a modal dialog; Escape keeps it', async () => {
    const customer = await customerWithOrders(1);
    const [order] = customer.orders;
    setContact({ email: customer.email });
    const el = await fixture<TillOrders>(html`<till-orders></till-orders>`);
    await settled(el);
    $(el, '[part=order]').click();
    await settled(el);
    $(el, '[part=cancel]').click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(text(el, '#cancel-question')).to.equal(`Cancel order ${order!.humanId}? This can’t be undone.`);
    expect(el.shadowRoot!.activeElement?.textContent.trim(), 'focus on the safe choice').to.equal('Keep the order');
    await expect(el).to.be.accessible();

    dialog.dispatchEvent(new Event('cancel', { cancelable: true })); // what Escape does
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
    expect((await customer.client.getOrder(order!.id)).status).to.equal('CREATED');

    $(el, '[part=cancel]').click();
    await el.updateComplete;
    const cancelled = oneEvent(el, 'till-order-cancel');
    $(el, 'dialog .danger').click();
    const event = await cancelled;
    await settled(el);
    expect(event.detail.order.status).to.equal('CANCELLED');
    expect(dialog.open).to.equal(false);
    expect(text(el, '.notice')).to.equal(`Order ${order!.humanId} is cancelled.`);
    expect(el.shadowRoot!.activeElement?.className).to.equal('notice');
    expect(text(el, '[part=details] [part=status]')).to.equal('Cancelled');
    expect($(el, '[part=cancel]')).to.equal(null);
    expect((await customer.client.getOrder(order!.id)).status).to.equal('CANCELLED');
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry when the orders can not be loaded', async () => {
    const customer = await customerWithOrders(1);
    setContact({ email: customer.email });
    const el = await fixture<TillOrders>(html`<till-orders></till-orders>`);
    await settled(el);
    configure({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    $$(el, '[part=search] button')[0]!.click();
    await settled(el);
    expect(text(el, '[part=error]')).to.contain('We could not reach the shop.');
    await expect(el).to.be.accessible();
    configure({ fetch: null });
    $(el, '[part=error] button').click();
    await settled(el);
    expect(rows(el)).to.deep.equal([customer.orders[0]!.id]);
  });

  it('takes its heading and any text from the page', async () => {
    const customer = await customerWithOrders(1);
    setContact({ email: customer.email });
    configure({ strings: { 'orders.status.CREATED': 'Unpaid' } });
    const el = await fixture<TillOrders>(
      html`<till-orders heading="Order history" .strings=${{ 'orders.signOut': 'Log out' }}></till-orders>`,
    );
    await settled(el);
    expect(text(el, 'h2')).to.equal('Order history');
    expect(text(el, '[part=status]')).to.equal('Unpaid');
    expect(text(el, '.who button')).to.equal('Log out');
    $(el, '.who button').click();
    await el.updateComplete;
    expect($(el, '[part=sign-in]')).to.exist;
    expect(el.shadowRoot!.activeElement?.id).to.equal('orders-email');
  });
});
