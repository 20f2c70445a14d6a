import { randomUUID } from 'node:crypto';
import type { SetupIntentJson, PaymentMethodRow } from '../model/payment-methods.ts';
import type { UserRow } from '../model/users.ts';
import { PaymentMethodError } from './legacy-types.ts';
import type { PaymentMethodState, PaymentProcessor, SetupState } from './processor.ts';

/**
 * Cards saved as BuiltOn's SDK saves them: `POST /payment_methods` without a token makes the user's
 * customer (once) and a SetupIntent, which the browser confirms with Stripe.js (`confirmSetup`) — or, in
 * test mode, which the server confirms with one of Stripe's test PaymentMethods — and `PUT
 * /payment_methods/:id {payment_method_id}` takes the result: a card that is set up, belonging to the
 * user's customer, or the authentication the bank asks for first, or a refusal (402).
 */

/** The SetupIntent as a payment method row keeps and answers it. */
export const setupJson = (s: SetupState, requested: string | null): SetupIntentJson => ({
  id: s.id,
  client_secret: s.client_secret,
  status: s.status,
  next_action: s.next_action,
  payment_method: s.payment_method,
  requested,
});

export interface NewSetup {
  readonly customerId: string;
  readonly setup: SetupIntentJson;
}

/** The user's customer and a new SetupIntent for the payment method `id` about to be stored. */
export async function startSetup(processor: PaymentProcessor, user: UserRow, id: string): Promise<NewSetup> {
  const customerId = await processor.ensureCustomer({
    customerId: user.stripe_customer_id,
    email: user.email,
    userId: user.id,
  });
  const setup = await processor.createSetupIntent(
    customerId,
    { tillkit_payment_method: id, tillkit_user: user.id, tillkit_company: user.company_id },
    `tillkit-seti-${id}-create`,
  );
  return { customerId, setup: setupJson(setup, null) };
}

export interface SetupResult {
  readonly setup: SetupIntentJson;
  /** The PaymentMethod and its card (or Link's brand), once set up. */
  readonly saved: { readonly source: string; readonly card: PaymentMethodState['card'] } | null;
}

/** The card once set up, if it is the user's customer's (else 403, saving nothing). */
async function savedCard(processor: PaymentProcessor, row: PaymentMethodRow, setup: SetupState) {
  const pm = await processor.retrievePaymentMethod(setup.payment_method!);
  if (pm.customer !== row.customer_id) {
    throw new PaymentMethodError(
      403,
      'payment-method-foreign',
      'This PaymentMethod does not belong to your customer at the processor',
    );
  }
  return { source: pm.id, card: pm.card };
}

const CONFIRMABLE = new Set(['requires_payment_method', 'requires_confirmation', 'requires_action']);

/**
 * Takes the PaymentMethod `given` for the row's SetupIntent: when the browser confirmed the SetupIntent
 * with it, checks and saves it; otherwise confirms it here (Stripe's test PaymentMethods, `pm_card_…`).
 * The same id sent again (a retry, or after the customer authenticated) reads the SetupIntent anew.
 */
export async function completeSetup(
  processor: PaymentProcessor,
  row: PaymentMethodRow,
  given: string,
  returnUrl: string | null,
): Promise<SetupResult> {
  const id = row.setup_intent!.id;
  let setup = await processor.retrieveSetupIntent(id);
  const same =
    setup.payment_method !== null && (setup.payment_method === given || row.setup_intent?.requested === given);
  if (setup.status === 'succeeded') {
    if (!same) {
      throw new PaymentMethodError(
        400,
        'setup-intent-used',
        `This payment method is set up with ${setup.payment_method ?? 'another card'} already; make a new one for another card`,
      );
    }
    return { setup: setupJson(setup, given), saved: await savedCard(processor, row, setup) };
  }
  if (setup.status === 'requires_action' && same) return { setup: setupJson(setup, given), saved: null };
  if (!CONFIRMABLE.has(setup.status)) {
    throw new PaymentMethodError(
      400,
      'setup-intent-unusable',
      `This payment method's SetupIntent is ${setup.status}; make a new one`,
    );
  }
  setup = await processor.confirmSetupIntent(
    id,
    { payment_method: given, ...(returnUrl ? { return_url: returnUrl } : {}) },
    `tillkit-seti-${row.id}-confirm-${randomUUID()}`,
  );
  const saved = setup.status === 'succeeded' ? await savedCard(processor, row, setup) : null;
  return { setup: setupJson(setup, given), saved };
}

/** Reads a pending SetupIntent again (the customer may have authenticated since); null when nothing changed. */
export async function refreshSetup(processor: PaymentProcessor, row: PaymentMethodRow): Promise<SetupResult | null> {
  if (!row.setup_intent || row.setup_intent.status === 'succeeded') return null;
  const setup = await processor.retrieveSetupIntent(row.setup_intent.id);
  if (setup.status === row.setup_intent.status) return null;
  const saved = setup.status === 'succeeded' && setup.payment_method ? await savedCard(processor, row, setup) : null;
  return { setup: setupJson(setup, row.setup_intent.requested ?? null), saved };
}
