// The checkout's first render is its details step: the payment and confirmation steps (with the card
// form and Stripe's loader) are a chunk of their own, fetched while the order is placed.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/checkout/till-checkout.ts';
import type { TillCheckout } from '../../src/elements/checkout/checkout.ts';
import { $checkout } from '../../src/state/checkout/index.ts';
import { until } from '../support/browser.ts';
import { checkoutWithOneDvd } from '../support/checkout-ready.ts';

/** Whether the page has fetched this module of the checkout (the test server serves each one alone). */
const fetched = (file: string) =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes(`/src/elements/checkout/${file}`));

const LATER = ['later-steps.ts', 'payment-step.ts', 'card-controller.ts', 'confirmation-step.ts', 'bootic-step.ts'];

describe('<till-checkout> steps after the details', () => {
  before(() => checkoutWithOneDvd('steps'));

  it('renders the details step without fetching the steps after it', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    expect(el.shadowRoot!.querySelector('form #email')).to.exist;
    for (const file of LATER) expect(fetched(file), file).to.equal(false);
  });

  it('fetches them while the order is placed, and shows the payment step', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await el.updateComplete;
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await until(() => $checkout.get().step === 'payment' && !$checkout.get().busy);
    await el.updateComplete;
    expect(fetched('later-steps.ts')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part=pay]')).to.exist;
    await expect(el).to.be.accessible();
  });
});
