// The checkout's first render is its details step: the payment and confirmation steps (with the card
// form and Stripe's loader), the payment path of the state (paying, the card forms), the code that
// places an order (with the API client) and Bootic's are chunks of their own, fetched when needed.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/checkout/till-checkout.ts';
import type { TillCheckout } from '../../src/elements/checkout/checkout.ts';
import { $checkout } from '../../src/state/checkout/index.ts';
import { until } from '../support/browser.ts';
import { checkoutWithOneDvd } from '../support/checkout-ready.ts';

/** Whether the page has fetched this module (the test server serves each one alone). */
const fetched = (file: string) =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes(`/src/${file}`));

const LATER = [
  'later-steps.ts',
  'later-steps.styles.ts',
  'order-summary.ts',
  'payment-step.ts',
  'card-controller.ts',
  'confirmation-step.ts',
  'bootic-step.ts',
].map((file) => `elements/checkout/${file}`);
/** The state's payment path, an order's receipt and the card forms: with the later steps, never for the details. */
const PAYMENT_PATH = [
  'state/checkout/order-receipt.ts',
  'state/checkout/payment-path.ts',
  'state/checkout/pay.ts',
  'state/checkout/charge.ts',
  'state/checkout/save-card.ts',
  'state/checkout/redirect.ts',
  'state/checkout/answers.ts',
  'state/checkout/authentication.ts',
  'payments/stripe.ts',
  'payments/test-card.ts',
];
/** Placing an order (BuiltOn's, Bootic's): once the details are submitted. */
const ORDERING = ['state/checkout/ordering.ts', 'state/checkout/builton.ts', 'state/checkout/bootic-order.ts'];

describe('<till-checkout> steps after the details', () => {
  before(() => checkoutWithOneDvd('steps'));

  it('renders the details step without fetching the steps after it, the payment path or the ordering code', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    expect(el.shadowRoot!.querySelector('form #email')).to.exist;
    for (const file of [...LATER, ...PAYMENT_PATH, ...ORDERING]) expect(fetched(file), file).to.equal(false);
  });

  it('fetches the ordering code once a field takes focus, before the submit (the later steps not yet)', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    el.shadowRoot!.querySelector<HTMLInputElement>('#email')!.focus();
    await until(() => fetched(ORDERING[0]!));
    for (const file of [...LATER, ...PAYMENT_PATH, ORDERING[2]!]) expect(fetched(file), file).to.equal(false);
  });

  it('fetches them while the order is placed, and shows the payment step', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await el.updateComplete;
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await until(() => $checkout.get().step === 'payment' && !$checkout.get().busy);
    await el.updateComplete;
    for (const file of ['elements/checkout/later-steps.ts', 'state/checkout/payment-path.ts', ORDERING[0]!])
      expect(fetched(file), file).to.equal(true);
    expect(fetched('state/checkout/bootic-order.ts'), 'Bootic, with BuiltOn').to.equal(false);
    expect(el.shadowRoot!.querySelector('[part=pay]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('pays with the card once they have arrived, and confirms the order', async () => {
    // The order placed above, at its payment step.
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await until(() => !!el.shadowRoot!.querySelector('.test-cards button'));
    const visa = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.test-cards button')].find(
      (b) => b.textContent.replace(/\s/g, '') === '4242424242424242',
    )!;
    // Their styles came with them.
    expect(getComputedStyle(visa).fontFamily).to.contain('monospace');
    visa.click();
    await el.updateComplete;
    const completed = oneEvent(el, 'till-checkout-complete');
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    const done = await completed;
    expect(done.detail.order.status).to.equal('SUCCESS');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=order-number]')).to.exist;
  });
});
