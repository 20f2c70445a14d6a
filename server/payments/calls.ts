import type { NewCall } from '../model/payment-calls.ts';
import type { OrderRow } from '../model/orders.ts';
import type { PaymentMethodRow } from '../model/payment-methods.ts';
import type { PaymentRow } from '../model/payments.ts';
import { PAYMENT_METHOD_TYPES, type CancelParams, type ConfirmParams, type IntentParams } from './processor.ts';

/**
 * The calls a payment makes, each with its idempotency key and its exact parameters, built here and
 * written (`charges`) before they are sent. Keys are derived from the payment and the call's place in its
 * history (`seq`), and a call is written once: so a key is only ever sent with one set of parameters, and
 * resending a call after a lost answer is the identical request Stripe answers from its memory.
 *
 *   tillkit-pi-<payment>-<seq>-create    a PaymentIntent, unconfirmed, manual confirmation (no money moves)
 *   tillkit-pi-<payment>-<seq>-confirm   one attempt: confirm it with a PaymentMethod
 *   tillkit-pi-<payment>-<seq>-cancel    give it up
 *   tillkit-charge-<payment>[-<seq>]     seed 000's cards: one Charge per attempt
 */

/** What a payment's calls tell the processor about it (Stripe's dashboard shows it as metadata). */
export function metadataOf(payment: Pick<PaymentRow, 'id' | 'company_id' | 'order_key'>): Record<string, string> {
  return { tillkit_payment: payment.id, tillkit_orders: payment.order_key, tillkit_company: payment.company_id };
}

export const descriptionOf = (orders: readonly Pick<OrderRow, 'human_id'>[]) =>
  `Tillkit order${orders.length > 1 ? 's' : ''} ${orders.map((o) => o.human_id).join(', ')}`;

type Base = Pick<PaymentRow, 'id' | 'company_id' | 'order_key' | 'amount' | 'currency' | 'processor' | 'return_url'>;

const common = (payment: Base, seq: number) => ({
  payment_id: payment.id,
  processor: payment.processor ?? 'test',
  seq,
  amount: payment.amount,
  currency: payment.currency,
});

export function createCall(payment: Base, seq: number, customer: string, description: string): NewCall {
  const params: IntentParams = {
    amount: payment.amount,
    currency: payment.currency.toLowerCase(),
    customer,
    confirmation_method: 'manual',
    allowed_payment_method_types: [...PAYMENT_METHOD_TYPES],
    description,
    metadata: metadataOf(payment),
  };
  return {
    ...common(payment, seq),
    kind: 'create',
    idempotency_key: `tillkit-pi-${payment.id}-${seq}-create`,
    params: { ...params },
    payment_method_id: null,
  };
}

/** An attempt with `method`; `authenticated`: the confirm of what the customer authenticated (its card stays). */
export function confirmCall(payment: Base, seq: number, method: PaymentMethodRow, authenticated = false): NewCall {
  const params: ConfirmParams = {
    ...(authenticated ? {} : { payment_method: method.source! }),
    ...(payment.return_url ? { return_url: payment.return_url } : {}),
  };
  return {
    ...common(payment, seq),
    kind: 'confirm',
    idempotency_key: `tillkit-pi-${payment.id}-${seq}-confirm`,
    params: { ...params },
    payment_method_id: method.id,
  };
}

export function cancelCall(payment: Base, seq: number, reason: CancelParams['cancellation_reason']): NewCall {
  const params: CancelParams = { cancellation_reason: reason };
  return {
    ...common(payment, seq),
    kind: 'cancel',
    idempotency_key: `tillkit-pi-${payment.id}-${seq}-cancel`,
    params: { ...params },
    payment_method_id: null,
  };
}

/** Seed 000's cards: a Charge of the card source, its key in its metadata (so a lost one can be found). */
export function chargeCall(payment: Base, seq: number, method: PaymentMethodRow, description: string): NewCall {
  const key = seq === 1 ? `tillkit-charge-${payment.id}` : `tillkit-charge-${payment.id}-${seq}`;
  return {
    ...common(payment, seq),
    kind: 'charge',
    idempotency_key: key,
    params: {
      amount: payment.amount,
      currency: payment.currency.toLowerCase(),
      customer: method.customer_id,
      source: method.card.id,
      description,
      metadata: { ...metadataOf(payment), tillkit_call: key },
    },
    payment_method_id: method.id,
  };
}
