// The customer's side of 3-D Secure: a test page (GET shows Complete and Fail buttons, POST with
// `outcome=complete|fail` settles it and redirects to the return_url with Stripe's query parameters), and
// the same settlement as a function for tests.
import { pendingChallenge } from './authentication.ts';
import { settlePaymentAuthentication } from './payment-intents.ts';
import { settleSetupAuthentication } from './setup-intents.ts';
import type { Authentication, Store } from './store.ts';

export type Outcome = 'complete' | 'fail';

/** Completes or fails the pending challenge of a PaymentIntent or SetupIntent. */
export function authenticate(store: Store, intentId: string, outcome: Outcome): void {
  const challenge = pendingChallenge(store, intentId);
  if (!challenge) throw new Error(`${intentId} has no authentication pending`);
  settle(store, challenge, outcome);
}

function settle(store: Store, challenge: Authentication, outcome: Outcome): void {
  challenge.status = outcome === 'complete' ? 'completed' : 'failed';
  if (challenge.intent.startsWith('seti_')) {
    settleSetupAuthentication(store, store.setupIntents.get(challenge.intent)!, outcome);
  } else {
    settlePaymentAuthentication(store, store.paymentIntents.get(challenge.intent)!, outcome);
  }
}

export interface PageAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const page = (title: string, inner: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><h1>${title}</h1>${inner}</body></html>`;

export function challengePage(store: Store, method: string, id: string, form: URLSearchParams): PageAnswer {
  const challenge = store.authentications.get(id);
  const html = { 'Content-Type': 'text/html; charset=utf-8' };
  if (!challenge) return { status: 404, headers: html, body: page('Unknown authentication', '') };
  if (challenge.status !== 'pending') {
    return { status: 410, headers: html, body: page(`This authentication is ${challenge.status}`, '') };
  }
  if (method === 'GET') {
    const button = (outcome: Outcome, label: string) =>
      `<form method="post"><input type="hidden" name="outcome" value="${outcome}"><button>${label}</button></form>`;
    return {
      status: 200,
      headers: html,
      body: page('3D Secure 2 test authentication', button('complete', 'Complete') + button('fail', 'Fail')),
    };
  }
  const outcome = form.get('outcome');
  if (outcome !== 'complete' && outcome !== 'fail') {
    return { status: 400, headers: html, body: page('outcome must be complete or fail', '') };
  }
  settle(store, challenge, outcome);
  if (challenge.returnUrl === null) {
    return { status: 200, headers: html, body: page(`Authentication ${challenge.status}`, '') };
  }
  return { status: 303, headers: { Location: returnLocation(store, challenge) }, body: '' };
}

/** The return_url with the parameters Stripe adds: the intent, its client secret and redirect_status. */
function returnLocation(store: Store, challenge: Authentication): string {
  const url = new URL(challenge.returnUrl!);
  const setup = challenge.intent.startsWith('seti_');
  const intent = setup ? store.setupIntents.get(challenge.intent)! : store.paymentIntents.get(challenge.intent)!;
  const kind = setup ? 'setup_intent' : 'payment_intent';
  url.searchParams.set(kind, intent.id);
  url.searchParams.set(`${kind}_client_secret`, intent.client_secret ?? '');
  url.searchParams.set('redirect_status', intent.status === 'requires_payment_method' ? 'failed' : 'succeeded');
  return url.href;
}
