/** The query parameters Stripe adds to the `return_url` after a redirect. */
const PARAMS = [
  'setup_intent',
  'setup_intent_client_secret',
  'payment_intent',
  'payment_intent_client_secret',
  'redirect_status',
] as const;

/** Back from a redirect: the intent Stripe names, its client secret and how the redirect ended. */
export interface StripeReturn {
  readonly kind: 'setup' | 'payment';
  readonly intentId: string;
  readonly clientSecret: string;
  /** `succeeded`, `failed`, `pending`, … (Stripe's `redirect_status`); null when absent. */
  readonly status: string | null;
}

/** The page as it is, without Stripe's return parameters: where a redirect comes back to. */
export function returnUrl(): string {
  const url = new URL(location.href);
  for (const name of PARAMS) url.searchParams.delete(name);
  return url.href;
}

/**
 * Stripe's parameters on the page's address, when it was just come back to from a redirect, taken off
 * the address (`history.replaceState`), so a reload or a shared link does not carry them again.
 */
export function takeStripeReturn(): StripeReturn | null {
  if (typeof location === 'undefined') return null;
  const url = new URL(location.href);
  const q = url.searchParams;
  if (!PARAMS.some((name) => q.has(name))) return null;
  const kind = q.has('setup_intent') ? 'setup' : 'payment';
  const intentId = q.get(`${kind}_intent`);
  const clientSecret = q.get(`${kind}_intent_client_secret`);
  const status = q.get('redirect_status');
  for (const name of PARAMS) q.delete(name);
  history.replaceState(history.state, '', url.href);
  return intentId && clientSecret ? { kind, intentId, clientSecret, status } : null;
}
