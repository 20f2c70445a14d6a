import type { SetupResult, TokenResult } from './provider.ts';

/**
 * The offline test mode: with no Stripe key, a clearly labelled form takes one of Stripe's documented
 * test card numbers and hands on the matching test PaymentMethod (`pm_card_visa`, ...), which the
 * reference server's test processor saves through a SetupIntent as Stripe does (or, for seed 000's
 * flow, the matching test token `tok_visa`, ...). Nothing here ever sees a real card: any other number
 * is refused, valid or not.
 */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'unknown';

export interface TestCard {
  readonly number: string;
  readonly brand: CardBrand;
  readonly label: string;
  readonly token: string;
}

/** Seed 000's flow: Stripe's documented test cards and the test tokens standing for them. */
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

/** What a test card does, by name (the checkout's text for it is `checkout.testCard.<kind>`). */
export type TestCardKind =
  | 'visa'
  | 'mastercard'
  | 'amex'
  | 'declined'
  | 'insufficientFunds'
  | 'declinedWhenPaid'
  | 'authentication'
  | 'authenticationOnSetup'
  | 'authenticationThenDeclined'
  | 'threeDSecure2';

export interface TestPaymentCard {
  readonly number: string;
  readonly kind: TestCardKind;
  readonly label: string;
  /** Stripe's test PaymentMethod for the number, as the reference server's test processor knows it. */
  readonly paymentMethod: string;
}

/**
 * The cards the test form offers, saved through a SetupIntent as Stripe.js saves a card: Stripe's test
 * PaymentMethods, among them those whose bank asks the customer to authenticate (3-D Secure).
 */
export const TEST_PAYMENT_CARDS: readonly TestPaymentCard[] = [
  { number: '4242424242424242', kind: 'visa', label: 'Visa: succeeds', paymentMethod: 'pm_card_visa' },
  {
    number: '5555555555554444',
    kind: 'mastercard',
    label: 'Mastercard: succeeds',
    paymentMethod: 'pm_card_mastercard',
  },
  { number: '378282246310005', kind: 'amex', label: 'American Express: succeeds', paymentMethod: 'pm_card_amex' },
  { number: '4000000000000002', kind: 'declined', label: 'Declined', paymentMethod: 'pm_card_chargeDeclined' },
  {
    number: '4000000000009995',
    kind: 'insufficientFunds',
    label: 'Declined: insufficient funds',
    paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds',
  },
  {
    number: '4000000000000341',
    kind: 'declinedWhenPaid',
    label: 'Saved, then declined when paid',
    paymentMethod: 'pm_card_chargeCustomerFail',
  },
  {
    number: '4000002760003184',
    kind: 'authentication',
    label: 'Your bank asks you to authenticate every payment',
    paymentMethod: 'pm_card_authenticationRequired',
  },
  {
    number: '4000002500003155',
    kind: 'authenticationOnSetup',
    label: 'Your bank asks you to authenticate once, when the card is saved',
    paymentMethod: 'pm_card_authenticationRequiredOnSetup',
  },
  {
    number: '4000008260003178',
    kind: 'authenticationThenDeclined',
    label: 'Authenticated, then declined: insufficient funds',
    paymentMethod: 'pm_card_authenticationRequiredChargeDeclinedInsufficientFunds',
  },
  {
    number: '4000000000003220',
    kind: 'threeDSecure2',
    label: '3-D Secure 2: your bank asks every time',
    paymentMethod: 'pm_card_threeDSecure2Required',
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

const UNKNOWN_TEST_CARD = {
  message: "This is test mode: use one of Stripe's test cards, such as 4242 4242 4242 4242. No real card is charged.",
  code: 'unknown_test_card',
};

/** A test card's token, or the first error; a valid number that is not a test card is refused. */
export function testCardToken(details: TestCardDetails, now?: Date): TokenResult {
  const [error] = testCardErrors(details, now);
  if (error) return { error: { message: error.message, code: error.code } };
  const card = TEST_CARDS.find((c) => c.number === digitsOf(details.number));
  return card ? { token: card.token } : { error: UNKNOWN_TEST_CARD };
}

/** A test card's PaymentMethod (`pm_card_…`), or the first error; any other number is refused. */
export function testCardPaymentMethod(details: TestCardDetails, now?: Date): SetupResult {
  const [error] = testCardErrors(details, now);
  if (error) return { error: { message: error.message, code: error.code } };
  const card = TEST_PAYMENT_CARDS.find((c) => c.number === digitsOf(details.number));
  return card ? { paymentMethod: card.paymentMethod } : { error: UNKNOWN_TEST_CARD };
}
