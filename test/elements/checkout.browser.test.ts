import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/checkout/till-checkout.ts';
import '../../src/elements/product-list/till-product-list.ts';
import type { TillCheckout } from '../../src/elements/checkout/checkout.ts';
import { createBuiltOnClient } from '../../src/api/builton.ts';
import type { ApiProduct } from '../../src/api/types.ts';
import { fromMinor, toMinor } from '../../src/core/index.ts';
import { cart } from '../../src/state/cart.ts';
import { $checkout, resetCheckout } from '../../src/state/checkout/index.ts';
import { admin, api, resetCart, until, useReferenceServer } from '../support/browser.ts';
import { changeInUpdateWarnings } from '../support/lit-warnings.ts';
import { typeDetails } from '../support/checkout-ready.ts';
import { DEMO_CONTACT } from '../support/demo-contact.ts';

const $ = <T extends Element = HTMLElement>(el: TillCheckout, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;
const $$ = (el: TillCheckout, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

let catalogue: ApiProduct[] = [];
let addOn: ApiProduct;

/** Puts a real DVD with a real add-on, and two of another DVD, into the cart. */
async function seedCart(): Promise<void> {
  const client = createBuiltOnClient({ baseUrl: api().url, apiKey: api().apiKey });
  if (!catalogue.length) {
    catalogue = [...(await client.listProducts({ size: 100 })).items];
    addOn = await client.getProduct(catalogue.find((p) => p.subProducts.length)!.subProducts[0]!);
  }
  const withAddOn = catalogue.find((p) => p.subProducts.includes(addOn.id))!;
  const other =
    catalogue.find((p) => p.id !== withAddOn.id && p.discount > 0) ?? catalogue.find((p) => p.id !== withAddOn.id)!;
  cart.add(withAddOn, 1, [addOn]);
  cart.add(other, 2);
}

function type(el: TillCheckout, id: string, value: string): void {
  const input = $<HTMLInputElement>(el, `#${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

let customer = 0;
async function fillDetails(el: TillCheckout): Promise<string> {
  const email = `customer${Date.now()}${customer++}@example.com`;
  await typeDetails(el, { email, ...DEMO_CONTACT });
  return email;
}

/** The URL a `fetch` was called with, whichever form it took. */
const urlOf = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

const submit = (el: TillCheckout) => $<HTMLFormElement>(el, 'form').requestSubmit();
const atStep = (step: string) => until(() => $checkout.get().step === step && !$checkout.get().busy);

async function useCard(el: TillCheckout, number: string): Promise<void> {
  $$(el, '.test-cards button')
    .find((b) => b.textContent.replace(/\s/g, '') === number)!
    .click();
  await el.updateComplete;
}

interface WireOrder {
  order_status: string;
  total_amount: number;
  currency: string;
  payments?: unknown[];
}

describe('<till-checkout> against the reference server', () => {
  beforeEach(async () => {
    resetCheckout();
    resetCart();
    useReferenceServer();
    await seedCart();
  });

  it('is accessible in its first step, and says what is wrong at each field', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await expect(el).to.be.accessible();
    type(el, 'email', 'not-an-email');
    type(el, 'phone', '-- () --');
    submit(el);
    await el.updateComplete;
    expect($(el, '#email').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#email-error').textContent).to.contain('email address like');
    expect($(el, '#firstName-error').textContent).to.contain('Please fill in first name');
    expect($(el, '#phone-error').textContent).to.contain('Enter a phone number');
    expect(el.shadowRoot!.activeElement?.id).to.equal('email');
    await expect(el).to.be.accessible();
    expect($checkout.get().step).to.equal('details');
  });

  it('renders the order summary again only when the cart changes, not on every key typed', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    const formatted: string[] = [];
    const money = el.money.bind(el);
    el.money = (amount, currency) => {
      const text = money(amount, currency);
      formatted.push(text);
      return text;
    };
    await fillDetails(el);
    expect(formatted, 'typing formats no figure of the summary').to.deep.equal([]);
    const [first] = cart.$lines.get();
    cart.setQuantity(first!.key, first!.quantity + 1);
    await el.updateComplete;
    expect(formatted.length, 'a changed cart is shown again').to.be.greaterThan(0);
    expect($(el, '[part=total]').textContent).to.equal(money(cart.$summary.get().total, cart.$summary.get().currency!));
  });

  it('places the order, pays with 4242, and confirms it; the server agrees', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    const localTotal = cart.$summary.get().total;
    await fillDetails(el);
    const created = oneEvent(el, 'till-order-created');
    submit(el);
    const { detail } = await created;
    await atStep('payment');
    await el.updateComplete;
    expect(detail.order.totalAmount).to.equal(localTotal);
    expect($(el, '[part=total]').textContent).to.equal($(el, '.summary .order-total').textContent);
    await expect(el).to.be.accessible();

    await useCard(el, '4242424242424242');
    const completed = oneEvent(el, 'till-checkout-complete');
    submit(el);
    const done = await completed;
    await el.updateComplete;
    expect(done.detail.order.status).to.equal('SUCCESS');
    expect($(el, '[part=order-number]').textContent).to.match(/^[A-Z0-9]{6}$/);
    expect(cart.$lines.get()).to.deep.equal([]);
    await expect(el).to.be.accessible();

    const order = await admin<WireOrder>(`/orders/${done.detail.order.id}`);
    expect(order.order_status).to.equal('SUCCESS');
    expect(toMinor(order.total_amount, order.currency)).to.equal(localTotal);
  });

  it('"Continue shopping" starts afresh and by default takes the customer to the page’s product list', async () => {
    const page = await fixture<HTMLElement>(
      html`<div><till-product-list page-size="2"></till-product-list><till-checkout></till-checkout></div>`,
    );
    const el = page.querySelector('till-checkout')!;
    const list = page.querySelector('till-product-list')!;
    await list.updateComplete;
    await fillDetails(el);
    submit(el);
    await atStep('payment');
    await el.updateComplete;
    await useCard(el, '4242424242424242');
    submit(el);
    await atStep('complete');
    await el.updateComplete;
    const receipt = $$(el, '[part=summary] .total-row').map((row) => row.textContent.replace(/\s+/g, ' ').trim());
    expect(receipt[0]).to.match(/^Discounts\s*−€\d+\.\d\d$/, 'the seeded cart has a discounted film');
    const asked = oneEvent(el, 'till-continue-shopping');
    $$(el, 'button')
      .find((b) => b.textContent.trim() === 'Continue shopping')!
      .click();
    const event = await asked;
    expect(event.cancelable).to.equal(true);
    await el.updateComplete;
    expect($checkout.get().step).to.equal('details');
    expect(document.activeElement).to.equal(list);
    expect(list.shadowRoot!.activeElement?.id).to.equal('products', 'focus is on the list itself');
  });

  it('shows a decline, keeps the cart, and a retry with another card pays the same order', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await fillDetails(el);
    submit(el);
    await atStep('payment');
    const orderId = $checkout.get().order!.id;

    await useCard(el, '4000000000000002');
    const failed = oneEvent(el, 'till-checkout-error');
    submit(el);
    const error = await failed;
    await el.updateComplete;
    expect(error.detail.stage).to.equal('payment');
    expect($(el, '[part=error]').textContent).to.match(/declined/i);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part=error]'));
    expect(cart.$lines.get().length).to.equal(2);
    expect(cart.$locked.get()).to.equal(false);
    await expect(el).to.be.accessible();

    await useCard(el, '5555555555554444');
    const completed = oneEvent(el, 'till-checkout-complete');
    submit(el);
    const done = await completed;
    expect(done.detail.order.id).to.equal(orderId);
    expect((await admin<WireOrder>(`/orders/${orderId}`)).order_status).to.equal('SUCCESS');
  });

  it('cannot pay twice: a double submit sends one payment', async () => {
    const payments: string[] = [];
    useReferenceServer({
      fetch: (input, init) => {
        if (urlOf(input).endsWith('/payments') && init?.method === 'POST') payments.push(init.body as string);
        return fetch(input, init);
      },
    });
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await fillDetails(el);
    submit(el);
    await atStep('payment');
    await useCard(el, '4242424242424242');
    submit(el);
    submit(el);
    $<HTMLButtonElement>(el, '[part=pay]').click();
    await atStep('complete');
    expect(payments).to.have.length(1);
  });

  it('shows the server total and asks the customer to confirm it when it differs', async () => {
    // A merchant backend that adds a fee the widget does not know about.
    useReferenceServer({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!(urlOf(input).endsWith('/orders') && init?.method === 'POST')) return response;
        const body = await response.json();
        body.total_amount = fromMinor(toMinor(body.total_amount, body.currency) + 250, body.currency);
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      },
    });
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    const local = cart.$summary.get().total;
    await fillDetails(el);
    const mismatch = oneEvent(el, 'till-total-mismatch');
    submit(el);
    const event = await mismatch;
    expect(event.detail.server - event.detail.local).to.equal(250);
    expect(event.detail.local).to.equal(local);
    await atStep('payment');
    await el.updateComplete;
    expect($(el, '.notice').textContent).to.contain('not');
    expect($(el, '[part=pay]').getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    $(el, '.notice button').click();
    await el.updateComplete;
    expect($(el, '[part=pay]').getAttribute('aria-disabled')).to.equal('false');
  });

  it('is accessible while the order is being placed, and says so', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    useReferenceServer({
      fetch: async (input, init) => {
        if (urlOf(input).endsWith('/orders') && init?.method === 'POST') await held;
        return fetch(input, init);
      },
    });
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await fillDetails(el);
    submit(el);
    await until(() => $checkout.get().busy === 'order');
    await el.updateComplete;
    expect($(el, 'button[type=submit]').textContent).to.contain('Placing your order');
    expect($(el, 'section').getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    await atStep('payment');
  });

  it('tells the customer when the shop cannot be reached, and keeps what they typed', async () => {
    useReferenceServer({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await fillDetails(el);
    submit(el);
    await until(() => $checkout.get().error, 15000);
    await el.updateComplete;
    expect($(el, '[part=error]').textContent).to.not.equal('');
    expect($<HTMLInputElement>(el, '#city').value).to.equal('Oslo');
    expect($checkout.get().step).to.equal('details');
    await expect(el).to.be.accessible();
  });

  it('checks the test card at its fields before anything is sent', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await fillDetails(el);
    submit(el);
    await atStep('payment');
    await el.updateComplete;
    type(el, 'card-number', '4242 4242 4242 4241');
    submit(el);
    await el.updateComplete;
    expect($(el, '#card-number').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#card-number-error').textContent).to.not.equal('');
    expect($checkout.get().step).to.equal('payment');
  });

  it('sends the kept Button attribution token with the order', async () => {
    localStorage.setItem(
      'till:btn_ref',
      JSON.stringify({ token: 'fakesrctok-0123456789abcdef', expires: Date.now() + 60_000 }),
    );
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await fillDetails(el);
    const created = oneEvent(el, 'till-order-created');
    submit(el);
    const { detail } = await created;
    const order = await admin<{ btn_ref?: string }>(`/orders/${detail.order.id}`);
    expect(order.btn_ref).to.equal('fakesrctok-0123456789abcdef');
  });

  it('makes one order when the answer to creating it is lost and the request is sent again', async () => {
    let lost = 0;
    useReferenceServer({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (urlOf(input).endsWith('/orders') && init?.method === 'POST' && lost++ === 0) {
          throw new TypeError('Failed to fetch'); // the server made the order; the answer never arrived
        }
        return response;
      },
    });
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await fillDetails(el);
    submit(el);
    await atStep('payment');
    const { order } = $checkout.get();
    const mine = (await admin<{ _id: { $oid: string }; user: { _id: { $oid: string } } }[]>('/orders?size=500')).filter(
      (o) => o.user._id.$oid === order!.user,
    );
    expect(lost).to.equal(2);
    expect(mine.map((o) => o._id.$oid)).to.deep.equal([order!.id]);
  });
  it('picks up a pending order when it connects, without updating from inside an update', async () => {
    const first = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await fillDetails(first);
    submit(first);
    await atStep('payment');
    const orderId = $checkout.get().order!.id;
    const saved = Object.entries(sessionStorage);
    first.remove();
    // A reload: nothing in memory, the session's copy still there.
    resetCheckout();
    for (const [key, value] of saved) sessionStorage.setItem(key, value);

    const warnings = await changeInUpdateWarnings(async () => {
      const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
      await atStep('payment');
      await el.updateComplete;
    });
    expect($checkout.get().order!.id).to.equal(orderId);
    expect(warnings).to.deep.equal([]);
  });
});
