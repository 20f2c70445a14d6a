import type { PaymentSource } from './pay.ts';
import { reportUnexpected } from './report.ts';

// What the checkout fetches when it first needs it, so that its details step renders without it:
//
// - ordering.ts: placing an order in BuiltOn, picking a pending one up again, checking a discount code;
//   with them the API client (fetched when the details are submitted, or a checkout resumes);
// - bootic-order.ts: the same for a Bootic shop, with Bootic's client (only with backend="bootic");
// - payment-path.ts: paying (saving the card, charging, the bank's authentication, lost answers, a
//   redirect's return) and the card forms (fetched with the checkout's later steps, or by `pay`).
//
// Each action sets `busy` before it waits for its module, so nothing starts twice meanwhile.

export const loadOrdering = () => import('./ordering.ts');
export const loadBootic = () => import('./bootic-order.ts');
export const loadPaymentPath = () => import('./payment-path.ts');

/**
 * Step two: pays the pending order (see payment-path.ts: `pay`). Never rejects: a payment path that
 * could not be fetched is told as a failure of the payment, with nothing sent.
 */
export async function pay(source: PaymentSource): Promise<void> {
  try {
    await (await loadPaymentPath()).pay(source);
  } catch (error) {
    reportUnexpected(error, 'payment');
  }
}

/** The customer closes the authentication dialog (Cancel, or Escape) without authenticating. */
export function cancelAuthentication(): void {
  loadPaymentPath().then(
    (path) => path.cancelAuthentication(),
    () => undefined, // not fetched: no authentication is shown
  );
}
