import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  cardBrand,
  formatCardNumber,
  luhn,
  TEST_CARDS,
  testCardErrors,
  testCardToken,
} from '../../src/payments/test-card.ts';

const NOW = new Date(2026, 5, 15); // 15 June 2026
const card = (number: string, expiry = '12/34', cvc = '123') => ({ number, expiry, cvc });

describe('testCardToken', () => {
  it("maps each of Stripe's documented test numbers to its test token", () => {
    const expected: Record<string, string> = {
      '4242424242424242': 'tok_visa',
      '5555555555554444': 'tok_mastercard',
      '378282246310005': 'tok_amex',
      '4000000000000002': 'tok_chargeDeclined',
      '4000000000009995': 'tok_chargeDeclinedInsufficientFunds',
      '4000000000000069': 'tok_chargeDeclinedExpiredCard',
    };
    for (const [number, token] of Object.entries(expected)) {
      const cvc = number.startsWith('37') ? '1234' : '123';
      assert.deepEqual(testCardToken(card(number, '12/34', cvc), NOW), { token }, number);
    }
    assert.equal(TEST_CARDS.length, 6);
  });

  it('accepts the number as typed, with spaces', () => {
    assert.deepEqual(testCardToken(card('4242 4242 4242 4242'), NOW), { token: 'tok_visa' });
    assert.deepEqual(testCardToken(card(' 3782 822463 10005 ', '12/34', '1234'), NOW), { token: 'tok_amex' });
  });

  it('refuses a valid number that is not a test card, pointing to the test cards', () => {
    const result = testCardToken(card('4012888888881881'), NOW);
    assert.equal(result.error?.code, 'unknown_test_card');
    assert.match(result.error.message, /test cards.*4242 4242 4242 4242/);
  });

  it('refuses a number failing Luhn or of the wrong length', () => {
    assert.deepEqual(testCardToken(card('4242424242424241'), NOW).error, {
      message: 'Your card number is invalid.',
      code: 'invalid_number',
    });
    assert.deepEqual(testCardToken(card('4242 4242'), NOW).error, {
      message: 'Your card number is incomplete.',
      code: 'invalid_number',
    });
    assert.equal(testCardToken(card(''), NOW).error?.message, 'Enter your card number.');
    assert.equal(testCardToken(card('4242-4242-4242-424x'), NOW).error?.code, 'invalid_number');
  });

  it('reads MM/YY and its variants, and refuses a date in the past', () => {
    for (const expiry of ['06/26', '6/26', '06 / 26', '0626', '06/2026', '01/30']) {
      assert.deepEqual(testCardToken(card('4242424242424242', expiry), NOW), { token: 'tok_visa' }, expiry);
    }
    assert.deepEqual(testCardToken(card('4242424242424242', '05/26'), NOW).error, {
      message: "Your card's expiry date is in the past.",
      code: 'invalid_expiry',
    });
    for (const expiry of ['', '13/26', '00/26', '6', 'june', '06/2']) {
      assert.equal(testCardToken(card('4242424242424242', expiry), NOW).error?.code, 'invalid_expiry', expiry);
    }
  });

  it('wants 3 CVC digits, 4 for American Express', () => {
    assert.equal(testCardToken(card('4242424242424242', '12/34', '12'), NOW).error?.code, 'invalid_cvc');
    assert.equal(testCardToken(card('4242424242424242', '12/34', '1234'), NOW).error?.code, 'invalid_cvc');
    assert.match(testCardToken(card('378282246310005', '12/34', '123'), NOW).error!.message, /4-digit/);
    assert.match(testCardToken(card('4242424242424242', '12/34', 'abc'), NOW).error!.message, /3-digit/);
  });

  it('uses the current date by default', () => {
    assert.equal(testCardToken(card('4242424242424242', '01/20')).error?.code, 'invalid_expiry');
    assert.deepEqual(testCardToken(card('4242424242424242', '12/99')), { token: 'tok_visa' });
  });
});

describe('testCardErrors', () => {
  it('reports every field at fault, in form order', () => {
    assert.deepEqual(
      testCardErrors(card('1234', '99/99', ''), NOW).map((e) => [e.field, e.code]),
      [
        ['number', 'invalid_number'],
        ['expiry', 'invalid_expiry'],
        ['cvc', 'invalid_cvc'],
      ],
    );
    assert.deepEqual(testCardErrors(card('4242424242424242'), NOW), []);
  });
});

describe('card numbers', () => {
  it('knows the brands from the first digits', () => {
    assert.equal(cardBrand('4242'), 'visa');
    assert.equal(cardBrand('5555 5555'), 'mastercard');
    assert.equal(cardBrand('2223003122003222'), 'mastercard');
    assert.equal(cardBrand('3782'), 'amex');
    assert.equal(cardBrand('34'), 'amex');
    assert.equal(cardBrand('6011'), 'unknown');
    for (const c of TEST_CARDS) assert.equal(cardBrand(c.number), c.brand, c.number);
  });

  it('groups digits in fours, American Express 4-6-5', () => {
    assert.equal(formatCardNumber('4242424242424242'), '4242 4242 4242 4242');
    assert.equal(formatCardNumber('42424'), '4242 4');
    assert.equal(formatCardNumber('378282246310005'), '3782 822463 10005');
    assert.equal(formatCardNumber('3782822'), '3782 822');
    assert.equal(formatCardNumber('37828224631000599'), '3782 822463 10005');
    assert.equal(formatCardNumber('4242-4242 abc 4242'), '4242 4242 4242');
    assert.equal(formatCardNumber(''), '');
  });

  it('formatting is stable and keeps the digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 ]{0,25}$/), (input) => {
        const once = formatCardNumber(input);
        assert.equal(formatCardNumber(once), once);
        assert.ok(input.replace(/\D/g, '').startsWith(once.replace(/ /g, '')));
      }),
    );
  });

  it('Luhn accepts every test card and refuses any single-digit change', () => {
    for (const { number } of TEST_CARDS) {
      assert.ok(luhn(number), number);
      const last = Number(number.at(-1));
      assert.equal(luhn(number.slice(0, -1) + ((last + 1) % 10)), false);
    }
    assert.equal(luhn(''), false);
  });
});
