// Stripe's documented test cards (docs.stripe.com/testing), by number, with the PaymentMethod
// (`pm_card_…`) and Token (`tok_…`) names test mode accepts for them, and how each behaves.
import { createHash } from 'node:crypto';
import type { Decline } from './errors.ts';

export type Brand = 'visa' | 'mastercard' | 'amex';

export interface TestCard {
  readonly number: string;
  readonly brand: Brand;
  readonly funding: 'credit' | 'debit' | 'prepaid';
  readonly country: string;
  /** The issuer declines every payment with this card (after any authentication). */
  readonly decline?: Decline;
  /**
   * False for the cards that simulate issuer declines: "You can’t attach cards that simulate issuer
   * declines to a Customer object" (attach, customer sources, and SetupIntents refuse them).
   */
  readonly attachable: boolean;
  /**
   * Payments: `none`; `always` (every payment asks for 3-D Secure, however the card was set up);
   * `unless_set_up` (every payment asks until the card has been set up through a SetupIntent or a payment
   * with setup_future_usage); `on_session` (already set up: on-session payments ask, off-session ones don't).
   */
  readonly auth: 'none' | 'always' | 'unless_set_up' | 'on_session';
  /** A SetupIntent confirmed with this card asks for authentication. */
  readonly authOnSetup: boolean;
  readonly threeDSecureSupported: boolean;
}

const GENERIC: Decline = { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
const FUNDS: Decline = {
  code: 'card_declined',
  decline_code: 'insufficient_funds',
  message: 'Your card has insufficient funds.',
};
export const AUTHENTICATION_REQUIRED: Decline = {
  code: 'authentication_required',
  decline_code: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

const card = (number: string, brand: Brand, more: Partial<TestCard> = {}): TestCard => ({
  number,
  brand,
  funding: 'credit',
  country: 'US',
  attachable: true,
  auth: 'none',
  authOnSetup: false,
  threeDSecureSupported: brand !== 'amex',
  ...more,
});
const declining = (number: string, decline: Decline): TestCard => card(number, 'visa', { decline, attachable: false });

/** By card number. */
export const CARDS: Readonly<Record<string, TestCard>> = Object.fromEntries(
  [
    card('4242424242424242', 'visa'),
    card('4000056655665556', 'visa', { funding: 'debit' }),
    card('5555555555554444', 'mastercard'),
    card('5200828282828210', 'mastercard', { funding: 'debit' }),
    card('378282246310005', 'amex'),
    declining('4000000000000002', GENERIC),
    declining('4000000000009995', FUNDS),
    declining('4000000000009987', { ...GENERIC, decline_code: 'lost_card' }),
    declining('4000000000009979', { ...GENERIC, decline_code: 'stolen_card' }),
    declining('4000000000000069', { code: 'expired_card', message: 'Your card has expired.' }),
    declining('4000000000000127', { code: 'incorrect_cvc', message: 'Your card’s security code is incorrect.' }),
    declining('4000000000000119', {
      code: 'processing_error',
      message: 'An error occurred while processing your card. Try again in a little bit.',
    }),
    card('4000000000000341', 'visa', { decline: GENERIC }),
    card('4000002760003184', 'visa', { auth: 'always', authOnSetup: true }),
    card('4000002500003155', 'visa', { auth: 'unless_set_up', authOnSetup: true }),
    card('4000003800000446', 'visa', { auth: 'on_session' }),
    card('4000008260003178', 'visa', { auth: 'unless_set_up', authOnSetup: true, decline: FUNDS }),
    card('4000000000003220', 'visa', { auth: 'always', authOnSetup: true, country: 'IE' }),
  ].map((c) => [c.number, c]),
);

// Test-mode names. Each name works as `pm_card_<name>` and as `tok_<name>`.
const NAMES: Readonly<Record<string, string>> = {
  visa: '4242424242424242',
  visa_debit: '4000056655665556',
  mastercard: '5555555555554444',
  mastercard_debit: '5200828282828210',
  amex: '378282246310005',
  chargeDeclined: '4000000000000002',
  visa_chargeDeclined: '4000000000000002',
  chargeDeclinedInsufficientFunds: '4000000000009995',
  visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  chargeDeclinedLostCard: '4000000000009987',
  visa_chargeDeclinedLostCard: '4000000000009987',
  chargeDeclinedStolenCard: '4000000000009979',
  visa_chargeDeclinedStolenCard: '4000000000009979',
  chargeDeclinedExpiredCard: '4000000000000069',
  chargeDeclinedIncorrectCvc: '4000000000000127',
  chargeDeclinedProcessingError: '4000000000000119',
  chargeCustomerFail: '4000000000000341',
  visa_chargeCustomerFail: '4000000000000341',
  authenticationRequired: '4000002760003184',
  authenticationRequiredOnSetup: '4000002500003155',
  authenticationRequiredSetupForOffSession: '4000003800000446',
  authenticationRequiredChargeDeclinedInsufficientFunds: '4000008260003178',
  threeDSecure2Required: '4000000000003220',
};

/** The card behind the stand-in's Link PaymentMethods (a Link account pays with a card it keeps). */
export const LINK_CARD: TestCard = CARDS['4242424242424242']!;

/** `pm_card_visa` → the Visa test card; undefined for any other id. */
export const testPaymentMethod = (id: string): TestCard | undefined =>
  id.startsWith('pm_card_') ? byName(id.slice('pm_card_'.length)) : undefined;

/** `tok_visa` → the Visa test card; undefined for any other id (tokens made through the API are state). */
export const testToken = (id: string): TestCard | undefined =>
  id.startsWith('tok_') ? byName(id.slice('tok_'.length)) : undefined;

const byName = (name: string): TestCard | undefined => {
  const number = Object.hasOwn(NAMES, name) ? NAMES[name] : undefined;
  return number ? CARDS[number] : undefined;
};

/** Stripe's fingerprint is the same for every object made from one card number. */
export const fingerprint = (number: string) =>
  createHash('sha256').update(`tillkit-stand-in:${number}`).digest('base64url').slice(0, 16);

export const last4 = (c: TestCard) => c.number.slice(-4);

/** The brand as a Card (source) object spells it. */
export const sourceBrand = (brand: Brand) =>
  ({ visa: 'Visa', mastercard: 'MasterCard', amex: 'American Express' })[brand];

/**
 * Test cards expire in the future; the stand-in fixes one date so assertions can name it (Stripe's own
 * test objects carry a date a few years ahead).
 */
export const EXPIRY = { exp_month: 8, exp_year: 2031 } as const;
