import { date, money, oid, optionalDate, type Json } from '../http/json.ts';
import type { PaymentMethodRow } from './payment-methods.ts';
import type { ChargeRow, PaymentRow } from './payments.ts';

/** Seed 000's payment object; admins also see the processor calls made for it (`charges`). */
export function paymentJson(row: PaymentRow, orders: readonly string[], charges?: readonly ChargeRow[]): Json {
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
    metadata: {},
    subject: orders[0] ?? null,
    orders: orders.map(oid),
    payment_method: row.payment_method_id,
    payment_date: optionalDate(row.payment_date),
    charge_id: row.charge_id ?? undefined,
    error_code: row.error_code ?? undefined,
    decline_code: row.decline_code ?? undefined,
    error_message: row.error_message ?? undefined,
    charges: charges?.map((ch) => ({
      _id: oid(ch.id),
      processor: ch.processor,
      amount: money(ch.amount, ch.currency),
      currency: ch.currency,
      status: ch.status,
      processor_id: ch.processor_id,
      code: ch.code,
      decline_code: ch.decline_code,
      message: ch.message,
      idempotency_key: ch.idempotency_key,
      created: date(ch.created),
    })),
    created: date(row.created),
    modified: date(row.modified),
  };
}

/** Seed 000's payment method object. */
export const paymentMethodJson = (row: PaymentMethodRow): Json => ({
  _id: oid(row.id),
  company: oid(row.company_id),
  user: oid(row.user_id),
  method: row.method,
  name: 'Stripe',
  customer_id: row.customer_id,
  token: row.token,
  card: row.card as unknown as Json,
  deleted: row.deleted,
  created: date(row.created),
  modified: date(row.modified),
});
