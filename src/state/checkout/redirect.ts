import type { Order } from '../../api/types.ts';
import { cart } from '../cart.ts';
import { cardProvider, cardSetup } from './card.ts';
import { charge, confirmReturned } from './charge.ts';
import { fail, report } from './errors.ts';
import { authenticationError } from './payment-errors.ts';
import { saveConfirmed } from './save-card.ts';
import type { StripeReturn } from './return-url.ts';
import { saveSession } from './session.ts';
import { $checkout, update, type CheckoutError } from './store.ts';

/**
 * Goes on with the payment a redirect interrupted, the checkout at its payment step with `order`:
 *
 * - back from saving the card (`setup_intent`): Stripe.js reads the SetupIntent; confirmed, its
 *   PaymentMethod is saved (`PUT /payment_methods/:id`, the id the session kept) and pays the order;
 * - back from authenticating the payment (`payment_intent`): it is confirmed (`POST /payments/:id/confirm`).
 *
 * Told at the card when the redirect did not end well; nothing is charged then.
 */
export async function resumeRedirect(back: StripeReturn, order: Order, locale: string | undefined): Promise<void> {
  const { pendingMethodId, pendingPaymentId, busy } = $checkout.get();
  const id = back.kind === 'setup' ? pendingMethodId : pendingPaymentId;
  if (busy || !id) return;
  const provider = cardProvider(cardSetup(locale));
  update({ busy: 'payment', paying: 'confirming', error: null });
  cart.freeze();
  if (back.kind === 'payment') {
    return confirmReturned(provider, order, id, { intentId: back.intentId, clientSecret: back.clientSecret });
  }
  const intent = provider.kind === 'stripe' ? await provider.retrieveIntent('setup', back.clientSecret) : null;
  const paymentMethod = intent?.status === 'succeeded' || intent?.status === 'processing' ? intent.paymentMethod : null;
  if (!paymentMethod) return stopped(authenticationError(back.status === 'failed' ? 'fail' : 'error'));
  const saved = await saveConfirmed(provider, id, paymentMethod);
  if (!('method' in saved)) return stopped(saved.error);
  await charge(provider, order, saved.method);
}

function stopped(error: unknown): void {
  cart.release({ paid: false });
  update({ paying: null, pendingMethodId: null });
  saveSession();
  if (typeof error === 'object' && error !== null && 'stage' in error) return report(error as CheckoutError);
  fail(error, 'payment');
}
