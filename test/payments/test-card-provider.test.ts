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
    assert.deepEqual(card.cards[0], { number: '4242 4242 4242 4242', label: 'Visa: succeeds' });
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

  it('turns a test card into its token, and refuses a valid number that is not a test card', async () => {
    const card = createTestCardProvider({ now });
    card.choose('4000000000000002');
    assert.equal(await card.check(), true);
    assert.deepEqual(await card.createToken(), { token: 'tok_chargeDeclined' });
    card.input('number', '4012 8888 8888 1881');
    assert.equal(await card.check(), true);
    assert.equal((await card.createToken()).error?.code, 'unknown_test_card');
  });
});
