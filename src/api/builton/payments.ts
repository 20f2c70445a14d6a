import { isJsonObject } from '../../core/index.ts';
import type { Payment, PaymentMethod } from '../types.ts';
import { date, id, ids, int, money, object, optId, optStr, required, str } from './wire.ts';

export function paymentMethod(v: unknown): PaymentMethod {
  const m = object(v, '');
  const c = m['card'];
  return {
    id: id(m['_id'] ?? m['id'], '_id'),
    method: str(m['method'], 'stripe'),
    card: isJsonObject(c)
      ? {
          brand: str(c['brand']),
          last4: str(c['last4']),
          expMonth: int(c['exp_month'], 0),
          expYear: int(c['exp_year'], 0),
          funding: str(c['funding']),
          country: optStr(c['country']),
        }
      : null,
  };
}

export function payment(v: unknown): Payment {
  const p = object(v, '');
  const currency = required(p['currency'], 'currency');
  // `orders` when the API lists them; the Sell-a-Thing example names the one order as `subject`.
  const orders =
    p['orders'] != null ? ids(p['orders'], 'orders') : p['subject'] != null ? [id(p['subject'], 'subject')] : [];
  return {
    id: id(p['_id'] ?? p['id'], '_id'),
    humanId: str(p['human_id']),
    amount: money(p['amount'], currency, 'amount'),
    currency,
    currentState: str(p['current_state']),
    orders,
    paymentMethod: optId(p['payment_method'], 'payment_method') ?? '',
    paymentDate: date(p['payment_date']),
    errorCode: optStr(p['decline_code']) ?? optStr(p['error_code']),
    errorMessage: optStr(p['error_message']),
    created: date(p['created']),
  };
}
