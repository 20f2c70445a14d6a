import type { PaymentMethodCard } from './processor.ts';
import { fingerprint } from './test-store.ts';

/**
 * Stripe's documented test cards (https://docs.stripe.com/testing), as the offline `test` processor knows
 * them: the tokens of seed 000's flow (`tok_…`) and the test PaymentMethods (`pm_card_…`), with what each
 * does when saved and when paid.
 */

export interface Decline {
  readonly code: string;
  readonly declineCode: string;
  readonly message: string;
}

export interface TestCard {
  readonly brand: string;
  readonly last4: string;
  readonly funding: 'credit' | 'debit';
  readonly country: string;
  /** The issuer declines every payment with this card (after any authentication). */
  readonly decline?: Decline;
  /** False for cards that simulate issuer declines: Stripe refuses to save them. */
  readonly attachable: boolean;
  /** Payments ask for 3-D Secure: never, always, or until the card was set up through a SetupIntent. */
  readonly auth: 'none' | 'always' | 'unless_set_up';
  /** Saving the card through a SetupIntent asks for 3-D Secure. */
  readonly authOnSetup: boolean;
}

const DECLINED = 'Your card was declined.';
const GENERIC: Decline = { code: 'card_declined', declineCode: 'generic_decline', message: DECLINED };
const FUNDS: Decline = {
  code: 'card_declined',
  declineCode: 'insufficient_funds',
  message: 'Your card has insufficient funds.',
};

const card = (brand: string, last4: string, more: Partial<TestCard> = {}): TestCard => ({
  brand,
  last4,
  funding: 'credit',
  country: 'US',
  attachable: true,
  auth: 'none',
  authOnSetup: false,
  ...more,
});

/**
 * Seed 000's tokens. They attach as card sources (declines happen when charged, as the old Charges API
 * flow had it), and the brand is spelled as a Card object spells it.
 */
export const TEST_TOKENS: Readonly<Record<string, TestCard>> = {
  tok_visa: card('Visa', '4242'),
  tok_visa_debit: card('Visa', '5556', { funding: 'debit' }),
  tok_mastercard: card('MasterCard', '4444'),
  tok_mastercard_debit: card('MasterCard', '8210', { funding: 'debit' }),
  tok_amex: card('American Express', '0005'),
  tok_chargeDeclined: card('Visa', '0002', { decline: GENERIC }),
  tok_chargeDeclinedInsufficientFunds: card('Visa', '9995', { decline: FUNDS }),
  tok_chargeDeclinedExpiredCard: card('Visa', '0069', {
    decline: { code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.' },
  }),
  tok_chargeDeclinedIncorrectCvc: card('Visa', '0127', {
    decline: {
      code: 'incorrect_cvc',
      declineCode: 'incorrect_cvc',
      message: "Your card's security code is incorrect.",
    },
  }),
  tok_chargeDeclinedFraudulent: card('Visa', '0019', {
    decline: { code: 'card_declined', declineCode: 'fraudulent', message: DECLINED },
  }),
  tok_chargeDeclinedProcessingError: card('Visa', '0119', {
    decline: {
      code: 'processing_error',
      declineCode: 'processing_error',
      message: 'An error occurred while processing your card. Try again in a little bit.',
    },
  }),
};

/** The test PaymentMethods, by the name after `pm_card_`. Brands as a PaymentMethod spells them. */
export const TEST_PAYMENT_METHODS: Readonly<Record<string, TestCard>> = {
  visa: card('visa', '4242'),
  visa_debit: card('visa', '5556', { funding: 'debit' }),
  mastercard: card('mastercard', '4444'),
  amex: card('amex', '0005'),
  chargeDeclined: card('visa', '0002', { decline: GENERIC, attachable: false }),
  chargeDeclinedInsufficientFunds: card('visa', '9995', { decline: FUNDS, attachable: false }),
  // 4000 0000 0000 0341: saved, then declined when paid.
  chargeCustomerFail: card('visa', '0341', { decline: GENERIC }),
  // 4000 0027 6000 3184: every payment asks for authentication.
  authenticationRequired: card('visa', '3184', { auth: 'always', authOnSetup: true }),
  // 4000 0025 0000 3155: authentication when saved; payments then go through.
  authenticationRequiredOnSetup: card('visa', '3155', { auth: 'unless_set_up', authOnSetup: true }),
  // 4000 0082 6000 3178: authenticates, then the issuer declines for insufficient funds.
  authenticationRequiredChargeDeclinedInsufficientFunds: card('visa', '3178', {
    auth: 'unless_set_up',
    authOnSetup: true,
    decline: FUNDS,
  }),
  // 4000 0000 0000 3220: 3-D Secure 2, always.
  threeDSecure2Required: card('visa', '3220', { auth: 'always', authOnSetup: true, country: 'IE' }),
};

/** `pm_card_visa` → its card; undefined for any other id. */
export function testPaymentMethod(id: string): TestCard | undefined {
  if (!id.startsWith('pm_card_')) return undefined;
  const name = id.slice('pm_card_'.length);
  return Object.hasOwn(TEST_PAYMENT_METHODS, name) ? TEST_PAYMENT_METHODS[name] : undefined;
}

export const testToken = (token: string): TestCard | undefined =>
  Object.hasOwn(TEST_TOKENS, token) ? TEST_TOKENS[token] : undefined;

/** A test PaymentMethod's card, as Stripe's PaymentMethod object writes it. */
export function cardOf(pm: { readonly card: string }, year: number): PaymentMethodCard {
  const card = TEST_PAYMENT_METHODS[pm.card]!;
  return {
    brand: card.brand,
    last4: card.last4,
    exp_month: 12,
    exp_year: year + 3,
    funding: card.funding,
    country: card.country,
    fingerprint: fingerprint(card.brand, card.last4),
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    three_d_secure_usage: { supported: true },
    wallet: null,
    generated_from: null,
  };
}
