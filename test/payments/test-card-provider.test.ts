import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CardChange } from '../../src/payments/provider.ts';
import { createTestCardProvider } from '../../src/payments/test-card-provider.ts';

const NOW = new Date(2026, 5, 15); // 15 June 2026
const now = () => NOW;

describe('the test card as a card provider', () => {
  it('offers Stripe’s test cards, grouped as printed, and fills the form from one', () => {
    const card = createTestCardProvider({ now });
    assert.equal(card.kind, 'test');
    assert.deepEqual(card.cards[0], { number: '4242 4242 4242 4242', label: 'Visa: succeeds', kind: 'visa' });
    card.choose('3782 822463 10005');
    assert.deepEqual(card.form, { number: '3782 822463 10005', expiry: '12/29', cvc: '1234', errors: {} });
  });

  it('checks the form before anything is sent: each field’s message at the field, in form order', async () => {
    const card = createTestCardProvider({ now });
    card.input('number', '4242424242424241');
    card.input('expiry', '05/26');
    assert.equal(await card.check(), false);
    assert.deepEqual(Object.keys(card.form.errors), ['number', 'expiry', 'cvc']);
    assert.match(card.form.errors.expiry!, /past/);
  });

  it('typing in a field groups the number and clears that field’s message only', async () => {
    const card = createTestCardProvider({ now });
    await card.check();
    card.input('number', '42424242 4242-4242');
    assert.equal(card.form.number, '4242 4242 4242 4242');
    assert.deepEqual(Object.keys(card.form.errors), ['expiry', 'cvc']);
  });

  it('reports each change, complete once the form is valid, until destroyed', () => {
    const card = createTestCardProvider({ now });
    const seen: CardChange[] = [];
    card.onChange((state) => seen.push(state));
    card.input('number', '4242');
    card.choose('4242424242424242');
    card.destroy();
    card.input('cvc', '');
    assert.deepEqual(seen, [
      { complete: false, error: null },
      { complete: true, error: null },
    ]);
    assert.equal(card.form.cvc, '', 'the form still keeps what is typed');
  });

  it('turns a test card into its test PaymentMethod, and refuses a valid number that is not a test card', async () => {
    const card = createTestCardProvider({ now });
    card.choose('4000000000000002');
    assert.equal(await card.check(), true);
    assert.deepEqual(await card.confirmSetup({ clientSecret: 'seti_1_secret_2', returnUrl: 'http://shop/' }), {
      paymentMethod: 'pm_card_chargeDeclined',
    });
    card.input('number', '4012 8888 8888 1881');
    assert.equal(await card.check(), true);
    const refused = await card.confirmSetup({ clientSecret: 'seti_1_secret_2', returnUrl: 'http://shop/' });
    assert.equal(refused.error?.code, 'unknown_test_card');
  });

  it('offers Stripe’s authentication test cards, each its test PaymentMethod', async () => {
    const card = createTestCardProvider({ now });
    const expected: Record<string, string> = {
      '4000 0027 6000 3184': 'pm_card_authenticationRequired',
      '4000 0025 0000 3155': 'pm_card_authenticationRequiredOnSetup',
      '4000 0082 6000 3178': 'pm_card_authenticationRequiredChargeDeclinedInsufficientFunds',
      '4000 0000 0000 3220': 'pm_card_threeDSecure2Required',
    };
    for (const [number, paymentMethod] of Object.entries(expected)) {
      assert.ok(
        card.cards.some((c) => c.number === number),
        number,
      );
      card.choose(number);
      assert.deepEqual(await card.confirmSetup({ clientSecret: 's', returnUrl: 'http://shop/' }), { paymentMethod });
    }
  });

  it('shows the bank’s test page through the checkout’s authenticate, and says error without one', async () => {
    const shown: unknown[] = [];
    const card = createTestCardProvider({
      now,
      authenticate: async (page) => {
        shown.push(page);
        return 'complete';
      },
    });
    const nextAction = { type: 'redirect_to_url', url: 'http://api/test-processor/authenticate/x' };
    assert.equal(
      await card.handleNextAction({ clientSecret: 'pi_1_secret', intentId: 'pi_1', nextAction }),
      'complete',
    );
    assert.deepEqual(shown, [{ url: nextAction.url, intentId: 'pi_1' }]);
    assert.equal(
      await card.handleNextAction({
        clientSecret: 'pi_1_secret',
        intentId: 'pi_1',
        nextAction: { type: 'use_stripe_sdk', url: null },
      }),
      'error',
    );
    assert.equal(
      await createTestCardProvider({ now }).handleNextAction({ clientSecret: 's', intentId: 'pi_1', nextAction }),
      'error',
    );
  });
});
