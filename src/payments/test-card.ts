import type { TokenResult } from './provider.ts';

/**
 * The offline test mode: with no Stripe key, a clearly labelled form takes one of Stripe's documented
 * test card numbers and hands on the matching test token (`tok_visa`, ...), which the reference server's
 * test processor understands as Stripe does. Nothing here ever sees a real card: any other number is
 * refused, valid or not.
 */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'unknown';

export interface TestCard {
  readonly number: string;
  readonly brand: CardBrand;
  readonly label: string;
  readonly token: string;
}

/** Stripe's documented test cards and the test tokens standing for them. */
export const TEST_CARDS: readonly TestCard[] = [
  { number: '4242424242424242', brand: 'visa', label: 'Visa: succeeds', token: 'tok_visa' },
  { number: '5555555555554444', brand: 'mastercard', label: 'Mastercard: succeeds', token: 'tok_mastercard' },
  { number: '378282246310005', brand: 'amex', label: 'American Express: succeeds', token: 'tok_amex' },
  { number: '4000000000000002', brand: 'visa', label: 'Declined', token: 'tok_chargeDeclined' },
  {
    number: '4000000000009995',
    brand: 'visa',
    label: 'Declined: insufficient funds',
    token: 'tok_chargeDeclinedInsufficientFunds',
  },
  {
    number: '4000000000000069',
    brand: 'visa',
    label: 'Declined: expired card',
    token: 'tok_chargeDeclinedExpiredCard',
  },
];

export type TestCardField = 'number' | 'expiry' | 'cvc';

export type TestCardErrorCode = 'invalid_number' | 'invalid_expiry' | 'invalid_cvc' | 'unknown_test_card';

export interface TestCardDetails {
  readonly number: string;
  /** `MM/YY` (also `MM/YYYY`, `MMYY`, spaces allowed). */
  readonly expiry: string;
  readonly cvc: string;
}

/** The test-card form as typed, with each field's message. */
export interface TestCardForm extends TestCardDetails {
  readonly errors: Partial<Record<TestCardField, string>>;
}

export interface TestCardError {
  readonly field: TestCardField;
  readonly code: TestCardErrorCode;
  readonly message: string;
}

const digitsOf = (input: string): string => input.replace(/[\s-]/g, '');

/** The brand a number's first digits announce (enough for grouping and the CVC length). */
export function cardBrand(number: string): CardBrand {
  const n = digitsOf(number);
  if (/^3[47]/.test(n)) return 'amex';
  if (/^4/.test(n)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(n)) return 'mastercard';
  return 'unknown';
}

/** Groups digits as printed on the card: 4-4-4-4(-3), American Express 4-6-5. Drops anything else. */
export function formatCardNumber(input: string): string {
  const n = input.replace(/\D/g, '').slice(0, 19);
  const groups =
    cardBrand(n) === 'amex'
      ? n
          .slice(0, 15)
          .match(/^(\d{1,4})(\d{1,6})?(\d{1,5})?/)!
          .slice(1)
      : (n.match(/\d{1,4}/g) ?? []);
  return groups.filter(Boolean).join(' ');
}

/** The Luhn checksum every card number carries in its last digit. */
export function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = number.charCodeAt(number.length - 1 - i) - 48;
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return number.length > 0 && sum % 10 === 0;
}

/**
 * Every field at fault, in form order, with a message to show next to it. `now` is injectable so the
 * expiry check can be tested; a card is valid through the last day of its expiry month.
 */
export function testCardErrors({ number, expiry, cvc }: TestCardDetails, now: Date = new Date()): TestCardError[] {
  const errors: TestCardError[] = [];
  const n = digitsOf(number);
  if (!/^\d{12,19}$/.test(n)) {
    errors.push({
      field: 'number',
      code: 'invalid_number',
      message: n ? 'Your card number is incomplete.' : 'Enter your card number.',
    });
  } else if (!luhn(n)) {
    errors.push({ field: 'number', code: 'invalid_number', message: 'Your card number is invalid.' });
  }
  const m = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(expiry.trim());
  const month = m ? Number(m[1]) : 0;
  const year = m ? Number(m[2]!.length === 2 ? '20' + m[2] : m[2]) : 0;
  if (!m || month < 1 || month > 12) {
    errors.push({ field: 'expiry', code: 'invalid_expiry', message: 'Enter the expiry date as MM/YY.' });
  } else if (year * 12 + month < now.getFullYear() * 12 + now.getMonth() + 1) {
    errors.push({ field: 'expiry', code: 'invalid_expiry', message: "Your card's expiry date is in the past." });
  }
  const amex = cardBrand(n) === 'amex';
  if (!(amex ? /^\d{4}$/ : /^\d{3}$/).test(cvc.trim())) {
    errors.push({
      field: 'cvc',
      code: 'invalid_cvc',
      message: amex
        ? 'Enter the 4-digit security code on the front of your card.'
        : 'Enter the 3-digit security code on the back of your card.',
    });
  }
  return errors;
}

/** A test card's token, or the first error; a valid number that is not a test card is refused. */
export function testCardToken(details: TestCardDetails, now?: Date): TokenResult {
  const [error] = testCardErrors(details, now);
  if (error) return { error: { message: error.message, code: error.code } };
  const card = TEST_CARDS.find((c) => c.number === digitsOf(details.number));
  if (!card) {
    return {
      error: {
        message:
          "This is test mode: use one of Stripe's test cards, such as 4242 4242 4242 4242. No real card is charged.",
        code: 'unknown_test_card',
      },
    };
  }
  return { token: card.token };
}
