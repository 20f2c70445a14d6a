// The checkout's view waits until the customer needs it: a `<till-checkout>` a few screens down a shop
// page, with an empty cart and no checkout under way, does not fetch its view; it does when it comes
// near the screen, takes focus, or the cart has lines, and at once with a checkout under way.
import { expect, fixture, html } from '@open-wc/testing';
import { TillCheckout } from '../../src/elements/checkout/checkout.ts';
import '../../src/elements/checkout/till-checkout.ts';
import { cart } from '../../src/state/cart.ts';
import { resetCart, until } from '../support/browser.ts';
import { productA } from '../support/catalogue.ts';

/** Whether the page has asked for the checkout's view module. */
const viewRequested = () =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes('/checkout-view.ts'));

/** A checkout of a tag of its own, which counts the loads of its view (its class has none cached yet). */
let tags = 0;
function countingCheckout(): { tag: string; loads: () => number } {
  let loads = 0;
  const tag = `counting-checkout-${++tags}`;
  customElements.define(
    tag,
    class extends TillCheckout {
      protected override loadView() {
        loads++;
        return super.loadView();
      }
    },
  );
  return { tag, loads: () => loads };
}

/** A page with `tag` under a spacer (far: four screens down), the element connected and settled. */
async function place(tag: string, far = true): Promise<TillCheckout> {
  const page = await fixture<HTMLElement>(html`<div><div class="spacer"></div></div>`);
  page.querySelector<HTMLElement>('.spacer')!.style.height = far ? '400vh' : '0';
  const el = document.createElement(tag) as TillCheckout;
  page.append(el);
  await el.updateComplete;
  return el;
}

const heading = (el: TillCheckout) => el.shadowRoot!.querySelector<HTMLElement>('#checkout-title');

describe('<till-checkout> before the customer needs it', () => {
  beforeEach(() => {
    resetCart();
    scrollTo(0, 0);
  });

  it('does not request its view far down the page with an empty cart, and does once scrolled near', async () => {
    const el = await place('till-checkout');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(viewRequested()).to.equal(false);
    expect(heading(el)).to.equal(null);
    // A placeholder keeps the room and says what is there: the checkout's heading, and that it loads.
    const placeholder = el.shadowRoot!.querySelector<HTMLElement>('.reserve')!;
    expect(placeholder.offsetHeight).to.be.greaterThan(300);
    expect(placeholder.querySelector('h2')!.textContent).to.equal('Checkout');
    expect(placeholder.querySelector('[role=status]')).to.not.equal(null);
    await expect(el).to.be.accessible();

    el.scrollIntoView();
    await until(() => heading(el));
    expect(viewRequested()).to.equal(true);
  });

  it('loads its view at once when it is on screen', async () => {
    const { tag, loads } = countingCheckout();
    const el = await place(tag, false);
    expect(loads()).to.equal(1);
    expect(heading(el)).to.not.equal(null);
  });

  it('loads its view when the cart gets a line, and not before', async () => {
    const { tag, loads } = countingCheckout();
    const el = await place(tag);
    expect(loads()).to.equal(0);
    cart.add(productA, 1);
    expect(loads()).to.equal(1);
    await el.updateComplete;
    expect(heading(el)).to.not.equal(null);
  });

  it('loads its view at once when the cart has lines already', async () => {
    cart.add(productA, 1);
    const { tag, loads } = countingCheckout();
    await place(tag);
    expect(loads()).to.equal(1);
  });

  it('loads its view at once with a checkout under way in this tab (a pending order after a reload)', async () => {
    sessionStorage.setItem(
      'till:checkout:a-shop',
      JSON.stringify({ v: 1, contact: {}, orderId: 'o1', orderKey: null }),
    );
    const { tag, loads } = countingCheckout();
    await place(tag);
    expect(loads()).to.equal(1);
  });

  it("loads its view at once back from a bank's redirect (Stripe's parameters on the address)", async () => {
    const address = location.href;
    history.replaceState(history.state, '', '?payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_2');
    try {
      const { tag, loads } = countingCheckout();
      await place(tag);
      expect(loads()).to.equal(1);
    } finally {
      history.replaceState(history.state, '', address);
    }
  });

  it("loads its view when focused: focus goes to the placeholder's heading, then to the view's", async () => {
    const { tag, loads } = countingCheckout();
    const el = await place(tag);
    expect(loads()).to.equal(0);
    el.focus({ preventScroll: true });
    expect(loads()).to.equal(1);
    expect(el.shadowRoot!.activeElement?.textContent).to.equal('Checkout');
    await until(() => el.shadowRoot!.activeElement?.id === 'checkout-title');
  });

  it('stops waiting when it leaves the page, and waits again when it comes back', async () => {
    const { tag, loads } = countingCheckout();
    const el = await place(tag);
    const page = el.parentElement!;
    el.remove();
    cart.add(productA, 1);
    expect(loads()).to.equal(0);
    cart.clear();
    page.append(el);
    await el.updateComplete;
    expect(loads()).to.equal(0);
    cart.add(productA, 1);
    expect(loads()).to.equal(1);
  });
});
