import { isJsonObject } from '../../core/index.ts';
import { ApiError } from '../http.ts';
import type { NextAction, Payment, PaymentAction, PaymentMethod, SetupIntent } from '../types.ts';
import { date, id, ids, int, money, object, optId, optStr, required, str, type Json } from './wire.ts';

/** Stripe's `next_action`: its type, and the page of a `redirect_to_url`. */
function nextAction(v: unknown): NextAction | null {
  if (!isJsonObject(v) || typeof v['type'] !== 'string') return null;
  const redirect = v['redirect_to_url'];
  return { type: v['type'], url: isJsonObject(redirect) ? optStr(redirect['url']) : null };
}

function setupIntent(v: unknown): SetupIntent | null {
  if (!isJsonObject(v)) return null;
  return {
    id: required(v['id'], 'setup_intent.id'),
    clientSecret: required(v['client_secret'], 'setup_intent.client_secret'),
    status: required(v['status'], 'setup_intent.status'),
    nextAction: nextAction(v['next_action']),
  };
}

export function paymentMethod(v: unknown): PaymentMethod {
  const m = object(v, '');
  const c = m['card'];
  return {
    id: id(m['_id'] ?? m['id'], '_id'),
    method: str(m['method'], 'stripe'),
    // A card being saved has `card: {}` (no last4) until its SetupIntent succeeds.
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
    source: optStr(m['source']),
    setupIntent: setupIntent(m['setup_intent']),
  };
}

export function payment(v: unknown): Payment {
  const p = object(v, '');
  const currency = required(p['currency'], 'currency');
  const metadata: Json = isJsonObject(p['metadata']) ? p['metadata'] : {};
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
    intentId: optStr(metadata['intent_id']),
    clientSecret: optStr(metadata['intent_client_secret']),
    nextAction: nextAction(p['next_action']),
    created: date(p['created']),
  };
}

/**
 * A payment's error answer with what it says of the payment: a 422 `PaymentRequiresFurtherInformation`
 * gets its `action` (the payment, its intent and secret, the `next_action`). Others pass unchanged.
 */
export function paymentError(error: ApiError): ApiError {
  const body = isJsonObject(error.body) ? error.body : {};
  const inner = isJsonObject(body['error']) ? body['error'] : {};
  const params = inner['params'];
  if (error.status !== 422 || inner['type'] !== 'PaymentRequiresFurtherInformation' || !isJsonObject(params)) {
    return error;
  }
  let action: PaymentAction;
  try {
    action = {
      paymentId: id(params['payment_id'], 'payment_id'),
      intentId: required(params['payment_intent_id'], 'payment_intent_id'),
      clientSecret: required(params['intent_client_secret'], 'intent_client_secret'),
      nextAction: nextAction(params['next_action']),
    };
  } catch {
    return error; // not the contract's shape: an error like any other
  }
  const { kind, status, message, field, code, declineCode, errors, payment: paid, retryAfter } = error;
  return new ApiError({
    kind,
    status,
    message,
    field,
    code: code ?? 'payment-requires-action',
    declineCode,
    errors,
    action,
    payment: paid ?? action.paymentId,
    body: error.body,
    retryAfter,
    cause: error,
  });
}
