import { uuid } from '../../api/http.ts';
import type { PaymentMethod } from '../../api/types.ts';
import type { AuthenticationOutcome, CardProvider } from '../../payments/provider.ts';
import { apiClient } from '../client.ts';
import { authenticationError } from './payment-errors.ts';
import { returnUrl } from './return-url.ts';
import { saveSession } from './session.ts';
import { update } from './store.ts';

/** A card saved, or why not (for the card's message). */
export type Saved = { readonly method: PaymentMethod } | { readonly error: unknown };

/**
 * Saves the card through a SetupIntent, as Stripe's Payment Element does: `POST /payment_methods`
 * (the SetupIntent), the card confirms it in the browser (Stripe.js, or the test card's PaymentMethod),
 * `PUT /payment_methods/:id` with the `pm_…`. When the bank wants the customer to authenticate before the
 * card is saved (a test card's SetupIntent the server confirmed), they do, and the card is read again.
 * The payment method's id is kept in the session first: a redirect-based confirmation comes back to it.
 */
export async function saveCard(card: CardProvider): Promise<Saved> {
  const client = apiClient();
  try {
    const made = await client.setUpPaymentMethod({ idempotencyKey: uuid() });
    const setup = made.setupIntent;
    if (!setup) return { error: new Error('POST /payment_methods answered no setup_intent') };
    update({ pendingMethodId: made.id });
    saveSession();
    const confirmed = await card.confirmSetup({ clientSecret: setup.clientSecret, returnUrl: returnUrl() });
    if (confirmed.error) return { error: confirmed.error };
    return await saveConfirmed(card, made.id, confirmed.paymentMethod);
  } catch (error) {
    return { error };
  }
}

/**
 * `PUT /payment_methods/:id` with the PaymentMethod the SetupIntent was confirmed with (also back from
 * a redirect), then the bank's authentication if it asks for one before saving.
 */
export async function saveConfirmed(card: CardProvider | null, id: string, paymentMethod: string): Promise<Saved> {
  const client = apiClient();
  try {
    let method = await client.savePaymentMethod(id, paymentMethod, { idempotencyKey: uuid() });
    const setup = method.setupIntent;
    if (setup?.status === 'requires_action') {
      update({ paying: 'authenticating' });
      const outcome: AuthenticationOutcome = card
        ? await card.handleNextAction({
            clientSecret: setup.clientSecret,
            intentId: setup.id,
            nextAction: setup.nextAction,
          })
        : 'error';
      update({ paying: 'confirming' });
      method = await client.getPaymentMethod(id);
      if (method.setupIntent?.status !== 'succeeded') return { error: authenticationError(outcome) };
    }
    return { method };
  } catch (error) {
    // A card Stripe refuses to save is a 402: declined at the card, as a charge would be.
    return { error };
  }
}
