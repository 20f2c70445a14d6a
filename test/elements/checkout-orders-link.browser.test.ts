// The checkout's confirmation links to the customer's orders when the page says where they are.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/checkout/till-checkout.ts';
import type { TillCheckout } from '../../src/elements/checkout/checkout.ts';
import { $checkout, placeOrder, pay } from '../../src/state/checkout/index.ts';
import { until } from '../support/browser.ts';
import { checkoutWithOneDvd } from '../support/checkout-ready.ts';

describe('<till-checkout orders-href>', () => {
  before(async () => {
    await checkoutWithOneDvd('link');
    await placeOrder();
    await pay(async () => ({ token: 'tok_visa' }));
    await until(() => $checkout.get().step === 'complete');
  });

  it('links the confirmation to the orders page', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout orders-href="/account/orders"></till-checkout>`);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part=confirmation] a[part=orders]')!;
    expect(link.getAttribute('href')).to.equal('/account/orders');
    expect(link.textContent).to.equal('See your orders');
    await expect(el).to.be.accessible();
  });

  it('has no such link without orders-href', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    expect(el.shadowRoot!.querySelector('[part=confirmation]')).to.exist;
    expect(el.shadowRoot!.querySelector('[part=orders]')).to.equal(null);
  });
});
