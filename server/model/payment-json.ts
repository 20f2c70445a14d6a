import { absoluteUrl, date, money, oid, optionalDate, type Json } from '../http/json.ts';
import type { NextAction } from '../payments/processor.ts';
import type { CallRow } from './payment-calls.ts';
import type { PaymentMethodRow } from './payment-methods.ts';
import type { PaymentRow } from './payments.ts';

/**
 * A `next_action` whose page is this server's (the test processor's authentication page, stored as a
 * path) with the page's URL on the request's origin; Stripe's own are absolute already.
 */
export function nextActionJson(action: NextAction | null | undefined, origin: string): Json {
  if (!action) return null;
  const redirect = action.redirect_to_url as { url?: string; return_url?: string | null } | undefined;
  if (!redirect?.url) return action as Json;
  return { ...action, redirect_to_url: { ...redirect, url: absoluteUrl(redirect.url, origin) } };
}

/**
 * Seed 000's payment object, with what the SDK's fixtures show of a PaymentIntent: `metadata.charge_id`,
 * `intent_id` and `intent_client_secret`; `next_action` while the customer must authenticate. Admins also
 * see the processor calls made for it (`charges`).
 */
export function paymentJson(
  row: PaymentRow,
  orders: readonly string[],
  origin: string,
  calls?: readonly CallRow[],
): Json {
  return {
    _id: oid(row.id),
    company: oid(row.company_id),
    user: oid(row.user_id),
    human_id: row.human_id,
    amount: money(row.amount, row.currency),
    currency: row.currency,
    current_state: row.current_state,
    active: true,
    deleted: false,
    description: '',
    metadata: {
      charge_id: row.charge_id ?? undefined,
      intent_id: row.intent_id ?? undefined,
      intent_client_secret: row.client_secret ?? undefined,
    },
    subject: orders[0] ?? null,
    orders: orders.map(oid),
    payment_method: row.payment_method_id,
    payment_date: optionalDate(row.payment_date),
    charge_id: row.charge_id ?? undefined,
    error_code: row.error_code ?? undefined,
    decline_code: row.decline_code ?? undefined,
    error_message: row.error_message ?? undefined,
    next_action: row.current_state === 'requires_action' ? nextActionJson(row.next_action, origin) : undefined,
    charges: calls?.map(callJson),
    created: date(row.created),
    modified: date(row.modified),
  };
}

/** A processor call as an admin sees it: what was sent under which key, and what came back. */
const callJson = (ch: CallRow): Json => ({
  _id: oid(ch.id),
  processor: ch.processor,
  amount: money(ch.amount, ch.currency),
  currency: ch.currency,
  kind: ch.kind,
  seq: ch.seq,
  status: ch.status,
  processor_id: ch.processor_id,
  code: ch.code,
  decline_code: ch.decline_code,
  message: ch.message,
  idempotency_key: ch.idempotency_key,
  params: ch.params as Json,
  created: date(ch.created),
  modified: date(ch.modified),
});

/**
 * Seed 000's payment method object, as the SDK's fixtures show it (`_cls`, `active`, `is_sca_compatible`).
 * A token's card keeps `token` and the Card object; one saved through a SetupIntent has `setup_intent`
 * (`id`, `client_secret`, `status`, and `next_action` while the bank asks to authenticate) and, once set
 * up, `source` (the PaymentMethod) and `card` in the PaymentMethod's shape.
 */
export function paymentMethodJson(row: PaymentMethodRow, origin: string): Json {
  const setup = row.setup_intent;
  return {
    _id: oid(row.id),
    _cls: 'PaymentMethod.StripePaymentMethod',
    company: oid(row.company_id),
    user: oid(row.user_id),
    method: row.method,
    name: 'Stripe',
    customer_id: row.customer_id,
    token: row.token ?? undefined,
    source: row.source ?? undefined,
    card: row.card as unknown as Json,
    setup_intent: setup
      ? {
          id: setup.id,
          client_secret: setup.client_secret,
          status: setup.status,
          next_action: setup.status === 'requires_action' ? nextActionJson(setup.next_action, origin) : undefined,
        }
      : undefined,
    is_sca_compatible: true,
    active: !row.deleted,
    deleted: row.deleted,
    created: date(row.created),
    modified: date(row.modified),
  };
}
