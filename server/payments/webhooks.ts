import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { paymentMethodBySetup, updateSetup } from '../model/payment-methods.ts';
import { tryLease } from '../model/payment-state.ts';
import { TERMINAL_STATES, paymentById } from '../model/payments.ts';
import { check, resolve } from './drive.ts';
import { refreshSetup } from './setup.ts';
import type { PaymentDeps } from './steps.ts';

/** The events that settle something; any other is acknowledged and ignored. */
export const HANDLED = new Set([
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'setup_intent.succeeded',
]);

/**
 * A verified Stripe event. It is a hint, not the truth: the intent is read again from Stripe and the
 * payment settled as it now is, through the same path as the reconciler's (so a duplicated, late or
 * reordered event changes nothing twice, and never moves a payment back). A payment a request or the
 * reconciler is working on (leased) is left to them. Returns what was done, for the log.
 */
export async function handleEvent(deps: PaymentDeps, event: Stripe.Event): Promise<string> {
  if (!HANDLED.has(event.type)) return 'ignored';
  if (event.type === 'setup_intent.succeeded') {
    const setup = event.data.object;
    const row = await paymentMethodBySetup(deps.db, setup.id);
    if (!row) return 'unknown setup intent';
    const result = await refreshSetup(deps.processor, row);
    if (result) await updateSetup(deps.db, row.id, result.setup, result.saved, deps.now());
    return result ? 'payment method set up' : 'nothing new';
  }
  const intent = event.data.object as Stripe.PaymentIntent;
  const company = intent.metadata?.tillkit_company;
  const id = intent.metadata?.tillkit_payment;
  if (!company || !id) return 'not ours';
  const payment = await paymentById(deps.db, company, id);
  if (!payment || payment.intent_id !== intent.id) return 'unknown payment';
  if (TERMINAL_STATES.has(payment.current_state)) return 'settled already';
  const at = deps.now();
  const lease = { token: `webhook-${randomUUID()}`, until: at + deps.config.paymentLeaseMs };
  const leased = await tryLease(deps.db, payment.id, lease.token, lease.until, at);
  if (!leased) return 'being settled';
  const settled =
    leased.current_state === 'processing' ? await resolve(deps, leased, lease) : await check(deps, leased, lease);
  return `payment ${settled.current_state}`;
}
