import { createHash, randomBytes } from 'node:crypto';
import {
  PaymentMethodError,
  cardObject,
  type AttachRequest,
  type AttachResult,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProcessor,
} from './processor.ts';

interface TestCard {
  readonly brand: string;
  readonly last4: string;
  readonly funding: 'credit' | 'debit';
  /** Set for the tokens that Stripe declines when charged (they attach fine, as in Stripe). */
  readonly decline?: { readonly code: string; readonly declineCode: string; readonly message: string };
}

const DECLINED = 'Your card was declined.';

/**
 * Stripe's documented test tokens (https://docs.stripe.com/testing) with the cards behind them and
 * the errors Stripe gives when they are charged.
 */
export const TEST_TOKENS: Readonly<Record<string, TestCard>> = {
  tok_visa: { brand: 'Visa', last4: '4242', funding: 'credit' },
  tok_visa_debit: { brand: 'Visa', last4: '5556', funding: 'debit' },
  tok_mastercard: { brand: 'MasterCard', last4: '4444', funding: 'credit' },
  tok_mastercard_debit: { brand: 'MasterCard', last4: '8210', funding: 'debit' },
  tok_amex: { brand: 'American Express', last4: '0005', funding: 'credit' },
  tok_chargeDeclined: {
    brand: 'Visa',
    last4: '0002',
    funding: 'credit',
    decline: { code: 'card_declined', declineCode: 'generic_decline', message: DECLINED },
  },
  tok_chargeDeclinedInsufficientFunds: {
    brand: 'Visa',
    last4: '9995',
    funding: 'credit',
    decline: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  },
  tok_chargeDeclinedExpiredCard: {
    brand: 'Visa',
    last4: '0069',
    funding: 'credit',
    decline: { code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.' },
  },
  tok_chargeDeclinedIncorrectCvc: {
    brand: 'Visa',
    last4: '0127',
    funding: 'credit',
    decline: {
      code: 'incorrect_cvc',
      declineCode: 'incorrect_cvc',
      message: "Your card's security code is incorrect.",
    },
  },
  tok_chargeDeclinedFraudulent: {
    brand: 'Visa',
    last4: '0019',
    funding: 'credit',
    decline: { code: 'card_declined', declineCode: 'fraudulent', message: DECLINED },
  },
  tok_chargeDeclinedProcessingError: {
    brand: 'Visa',
    last4: '0119',
    funding: 'credit',
    decline: {
      code: 'processing_error',
      declineCode: 'processing_error',
      message: 'An error occurred while processing your card. Try again in a little bit.',
    },
  },
};

const stripeLikeId = (prefix: string) => `${prefix}_test${randomBytes(10).toString('base64url')}`;

/**
 * The default processor: offline, deterministic, with Stripe's test-mode semantics. Only Stripe's test
 * tokens are accepted, so it can not be mistaken for taking real money.
 */
export class TestProcessor implements PaymentProcessor {
  readonly name = 'test';
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async attach({ token, customerId }: AttachRequest): Promise<AttachResult> {
    const card = Object.hasOwn(TEST_TOKENS, token) ? TEST_TOKENS[token] : undefined;
    if (!card) {
      throw new PaymentMethodError(
        400,
        'token-invalid',
        `No such token: '${token}'. The test processor accepts Stripe's test tokens (tok_visa, tok_mastercard, tok_amex, tok_chargeDeclined, ...)`,
      );
    }
    return {
      customerId: customerId ?? stripeLikeId('cus'),
      card: cardObject({
        id: stripeLikeId('card'),
        brand: card.brand,
        last4: card.last4,
        funding: card.funding,
        exp_month: 12,
        exp_year: new Date(this.#now()).getUTCFullYear() + 3,
        country: 'US',
        // Stripe gives one card number the same fingerprint every time; so does this.
        fingerprint: createHash('sha256')
          .update(`tillkit-test:${card.brand}:${card.last4}`)
          .digest('base64url')
          .slice(0, 16),
        cvc_check: 'unchecked',
      }),
    };
  }

  async charge({ token }: ChargeRequest): Promise<ChargeResult> {
    const card = TEST_TOKENS[token];
    if (!card) throw new Error(`test processor: unknown token ${token}`);
    if (card.decline) {
      return { outcome: 'declined', id: stripeLikeId('ch'), ...card.decline };
    }
    return { outcome: 'succeeded', id: stripeLikeId('ch') };
  }
}
