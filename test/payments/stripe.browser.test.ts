import { expect } from '@open-wc/testing';
import { createStripeProvider, STRIPE_UNAVAILABLE } from '../../src/payments/stripe.ts';
import { countingLoader, fakeStripe } from '../support/fake-stripe.ts';

/** Runs `run` with console.warn silenced (the provider warns when Stripe.js fails, as it should). */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => container.remove());

describe('createStripeProvider', () => {
  it('touches nothing of Stripe on creation: no script, no loader', () => {
    const provider = createStripeProvider({ publishableKey: 'pk_test_1' });
    expect(provider.kind).to.equal('stripe');
    expect(document.querySelector('script[src*="stripe.com"]')).to.equal(null);
  });

  it('does not load Stripe.js until mount, then loads it once with the key and locale', async () => {
    const { stripe } = fakeStripe();
    const loader = countingLoader(async () => stripe);
    const provider = createStripeProvider({ publishableKey: 'pk_test_1', locale: 'nb', loadStripe: loader.load });
    expect(provider.kind).to.equal('stripe');
    expect(loader.calls).to.have.length(0);
    await provider.mount(container);
    await provider.mount(container);
    expect(loader.calls).to.deep.equal([{ key: 'pk_test_1', options: { locale: 'nb' } }]);
  });

  it('mounts the card element into the light-DOM container, without a postal code', async () => {
    const { stripe, log } = fakeStripe();
    const provider = createStripeProvider({ publishableKey: 'pk_test_1', loadStripe: async () => stripe });
    container.style.color = 'rgb(1, 2, 3)';
    await provider.mount(container);
    expect(container.querySelector('.__PrivateStripeElement')).to.equal(log.cards[0]!.frame);
    expect(log.elementsOptions).to.deep.equal([{ locale: 'auto' }]);
    const options = log.createOptions[0] as { hidePostalCode: boolean; style: { base: { color: string } } };
    expect(options.hidePostalCode).to.equal(true);
    expect(options.style.base.color).to.equal('rgb(1, 2, 3)');
  });

  it('uses a style given to it', async () => {
    const { stripe, log } = fakeStripe();
    const style = { base: { color: 'red' } };
    await createStripeProvider({ publishableKey: 'pk', style, loadStripe: async () => stripe }).mount(container);
    expect((log.createOptions[0] as { style: unknown }).style).to.equal(style);
  });

  it('passes change events on as {complete, error}', async () => {
    const { stripe, log } = fakeStripe();
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: async () => stripe });
    const seen: unknown[] = [];
    provider.onChange((state) => seen.push(state));
    await provider.mount(container);
    log.cards[0]!.change!({ complete: false, error: { message: 'Your card number is incomplete.' } });
    log.cards[0]!.change!({ complete: true });
    expect(seen).to.deep.equal([
      { complete: false, error: 'Your card number is incomplete.' },
      { complete: true, error: null },
    ]);
  });

  it('turns the card into a token, passing the cardholder name', async () => {
    const { stripe, log } = fakeStripe({ token: { id: 'tok_visa' } });
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: async () => stripe });
    await provider.mount(container);
    expect(await provider.createToken({ name: 'John McClane' })).to.deep.equal({ token: 'tok_visa' });
    expect(log.tokenCalls[0]!.data).to.deep.equal({ name: 'John McClane' });
    expect(log.tokenCalls[0]!.card).to.be.an('object');
  });

  it("maps Stripe's error result to {error: {message, code}}", async () => {
    const { stripe } = fakeStripe({
      error: { type: 'card_error', code: 'incorrect_number', message: 'Your card number is incorrect.' },
    });
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: async () => stripe });
    await provider.mount(container);
    expect(await provider.createToken()).to.deep.equal({
      error: { message: 'Your card number is incorrect.', code: 'incorrect_number' },
    });
  });

  it('gives an error result, not a throw, when createToken rejects', async () => {
    const { stripe } = fakeStripe(() => Promise.reject(new Error('api.stripe.com unreachable')));
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: async () => stripe });
    await provider.mount(container);
    const result = await quietly(() => provider.createToken());
    expect(result.error?.code).to.equal('stripe_error');
    expect(result.error?.message).to.be.a('string').and.not.empty;
  });

  it('says the form is not ready when asked for a token before mount', async () => {
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: async () => fakeStripe().stripe });
    expect((await provider.createToken()).error?.code).to.equal('not_ready');
  });

  it('reports a loader failure as an error result, and loads again on the next mount', async () => {
    const { stripe } = fakeStripe();
    let fail = true;
    const loader = countingLoader(() =>
      fail ? Promise.reject(new Error('js.stripe.com unreachable')) : Promise.resolve(stripe),
    );
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: loader.load });
    const seen: unknown[] = [];
    provider.onChange((state) => seen.push(state));
    await quietly(() => provider.mount(container));
    expect(seen).to.deep.equal([{ complete: false, error: STRIPE_UNAVAILABLE }]);
    expect(await provider.createToken()).to.deep.equal({
      error: { message: STRIPE_UNAVAILABLE, code: 'stripe_unavailable' },
    });
    fail = false;
    await provider.mount(container);
    expect(loader.calls).to.have.length(2);
    expect(await provider.createToken()).to.deep.equal({ token: 'tok_fake' });
  });

  it('treats a loader resolving null (no window) as unavailable', async () => {
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: async () => null });
    await quietly(() => provider.mount(container));
    expect((await provider.createToken()).error?.code).to.equal('stripe_unavailable');
  });

  it('destroy removes the card element and stops events; a new mount reuses the loaded Stripe.js', async () => {
    const { stripe, log } = fakeStripe();
    const loader = countingLoader(async () => stripe);
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: loader.load });
    const seen: unknown[] = [];
    provider.onChange((state) => seen.push(state));
    await provider.mount(container);
    provider.destroy();
    expect(log.cards[0]!.destroyed).to.equal(true);
    expect(container.childElementCount).to.equal(0);
    log.cards[0]!.change!({ complete: true });
    expect(seen).to.deep.equal([]);
    expect((await provider.createToken()).error?.code).to.equal('not_ready');
    await provider.mount(container);
    expect(container.childElementCount).to.equal(1);
    expect(loader.calls).to.have.length(1);
  });

  it('mounting again replaces the card element instead of adding a second', async () => {
    const { stripe, log } = fakeStripe();
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: async () => stripe });
    await provider.mount(container);
    const other = document.createElement('div');
    document.body.append(other);
    await provider.mount(other);
    expect(log.cards[0]!.destroyed).to.equal(true);
    expect(container.childElementCount).to.equal(0);
    expect(other.childElementCount).to.equal(1);
    other.remove();
  });
});
