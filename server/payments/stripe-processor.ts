import type { AttachRequest, AttachResult, ChargeRequest, ChargeResult } from './legacy-types.ts';
import type {
  CancelParams,
  ConfirmParams,
  CustomerRequest,
  IntentAnswer,
  IntentParams,
  IntentState,
  PaymentMethodState,
  PaymentProcessor,
  SetupState,
} from './processor.ts';
import * as intents from './stripe-intents.ts';
import { attachToken, chargeCard, findCharge } from './stripe-legacy.ts';
import {
  SPECIAL_CURRENCIES,
  intentState,
  stripeClient,
  unknownOutcome,
  type Stripe,
  type StripeProcessorOptions,
} from './stripe-sdk.ts';

export type { StripeProcessorOptions } from './stripe-sdk.ts';

/** Runs a call whose failure to get an answer must read as `ProcessorUnavailable`. */
async function asked<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw unknownOutcome(error) ?? error;
  }
}

/**
 * Stripe through the official SDK: SetupIntents, PaymentMethods and PaymentIntents for cards saved with
 * Stripe.js (or, in test mode, Stripe's test PaymentMethods), and Tokens, Sources and Charges only for
 * seed 000's `tok_…` flow. Amounts are ISO 4217 minor units, which are Stripe's "smallest currency unit"
 * except for ISK, HUF, TWD and UGX, which it refuses rather than charge a wrong amount.
 */
export class StripeProcessor implements PaymentProcessor {
  readonly name = 'stripe';
  readonly #stripe: Stripe;

  constructor(options: StripeProcessorOptions) {
    this.#stripe = stripeClient(options);
  }

  currencyProblem(currency: string): string | null {
    return SPECIAL_CURRENCIES.has(currency.toUpperCase())
      ? `Payments in ${currency.toUpperCase()} are not supported with Stripe: Stripe's unit for it differs from ISO 4217's, so the amount would be wrong`
      : null;
  }

  attach(request: AttachRequest): Promise<AttachResult> {
    return attachToken(this.#stripe, request);
  }

  charge(request: ChargeRequest): Promise<ChargeResult> {
    return chargeCard(this.#stripe, request);
  }

  findCharge(customerId: string, key: string): Promise<ChargeResult | null> {
    return asked(() => findCharge(this.#stripe, customerId, key));
  }

  ensureCustomer(request: CustomerRequest): Promise<string> {
    return asked(() => intents.ensureCustomer(this.#stripe, request));
  }

  createSetupIntent(customer: string, metadata: Readonly<Record<string, string>>, key: string): Promise<SetupState> {
    return asked(() => intents.createSetupIntent(this.#stripe, customer, metadata, key));
  }

  confirmSetupIntent(id: string, params: ConfirmParams, key: string): Promise<SetupState> {
    return asked(() => intents.confirmSetupIntent(this.#stripe, id, params, key));
  }

  retrieveSetupIntent(id: string): Promise<SetupState> {
    return asked(() => intents.retrieveSetupIntent(this.#stripe, id));
  }

  retrievePaymentMethod(id: string): Promise<PaymentMethodState> {
    return asked(() => intents.retrievePaymentMethod(this.#stripe, id));
  }

  createIntent(params: IntentParams, key: string): Promise<IntentAnswer> {
    return intents.createIntent(this.#stripe, params, key);
  }

  confirmIntent(id: string, params: ConfirmParams, key: string): Promise<IntentAnswer> {
    return intents.confirmIntent(this.#stripe, id, params, key);
  }

  cancelIntent(id: string, params: CancelParams, key: string): Promise<IntentAnswer> {
    return intents.cancelIntent(this.#stripe, id, params, key);
  }

  async retrieveIntent(id: string): Promise<IntentState> {
    return asked(async () => intentState(await this.#stripe.paymentIntents.retrieve(id)));
  }
}
