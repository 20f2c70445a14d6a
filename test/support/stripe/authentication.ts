// The 3-D Secure step of a confirmation: a challenge per attempt, and the `next_action` that sends the
// customer to it. With a return_url it is Stripe's `redirect_to_url`; without one (a server-side confirm
// for Stripe.js to finish) it is `use_stripe_sdk`. Either way the challenge is a page of the stand-in.
import type Stripe from 'stripe';
import { newId, type Authentication, type Store } from './store.ts';

export type NextAction = Stripe.PaymentIntent.NextAction & Stripe.SetupIntent.NextAction;

/** Opens a challenge for `intent`, superseding any earlier one still pending. */
export function openChallenge(store: Store, intent: string, returnUrl: string | null): Authentication {
  for (const a of store.authentications.values()) {
    if (a.intent === intent && a.status === 'pending') a.status = 'superseded';
  }
  store.authenticated.delete(intent);
  const challenge: Authentication = { id: newId('src'), intent, status: 'pending', returnUrl };
  store.authentications.set(challenge.id, challenge);
  return challenge;
}

export const challengeUrl = (baseUrl: string, challenge: Authentication) =>
  `${baseUrl}/3d_secure_2/hosted/${challenge.id}`;

export function nextAction(baseUrl: string, challenge: Authentication): NextAction {
  const url = challengeUrl(baseUrl, challenge);
  if (challenge.returnUrl !== null) {
    return { type: 'redirect_to_url', redirect_to_url: { url, return_url: challenge.returnUrl } };
  }
  return {
    type: 'use_stripe_sdk',
    use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: challenge.id },
  };
}

/** The challenge still open for an intent, if any. */
export function pendingChallenge(store: Store, intent: string): Authentication | undefined {
  for (const a of store.authentications.values()) {
    if (a.intent === intent && a.status === 'pending') return a;
  }
  return undefined;
}

/** Closes every open challenge of an intent (it was canceled, or confirmed again with another card). */
export function closeChallenges(store: Store, intent: string): void {
  for (const a of store.authentications.values()) {
    if (a.intent === intent && a.status === 'pending') a.status = 'superseded';
  }
  store.authenticated.delete(intent);
}
