import type { AuthenticationOutcome } from '../../payments/provider.ts';
import type { CheckoutError } from './store.ts';

/**
 * The payment's own messages, by code (the checkout shows its translation of each code; these English
 * words are for the page's `till-checkout-error` and the state's users). None says "failed" while a
 * charge may still go through.
 */
export const PAYMENT_MESSAGES = {
  'authentication-failed':
    'Your bank could not confirm it was you, so nothing was charged. Try again, or use another card.',
  'authentication-canceled': 'You canceled the check with your bank, so nothing was charged. Pay when you are ready.',
  'authentication-expired':
    'The check with your bank took too long, so the payment was canceled and nothing was charged. You can pay again.',
  'authentication-unavailable': 'We could not show your bank’s check, so nothing was charged. Please try again.',
  'payment-pending':
    'Your payment is still being confirmed. You will not be charged twice: look at your orders in a moment before paying again.',
} as const;

export type PaymentMessageCode = keyof typeof PAYMENT_MESSAGES;

export const paymentError = (code: PaymentMessageCode): CheckoutError => ({
  message: PAYMENT_MESSAGES[code],
  code,
  stage: 'payment',
});

/** An authentication that did not let the payment (or the card's saving) go on, as the customer left it. */
export function authenticationError(outcome: AuthenticationOutcome | null): CheckoutError {
  if (outcome === 'cancel') return paymentError('authentication-canceled');
  if (outcome === 'error') return paymentError('authentication-unavailable');
  return paymentError('authentication-failed');
}

/** Stripe's codes for an authentication the customer failed or abandoned. */
export const isAuthenticationFailure = (code: string | undefined): boolean =>
  code === 'payment_intent_authentication_failure' || code === 'setup_intent_authentication_failure';
