/** Where this visit's checkout is saved in session storage: the prefix of session.ts's key, by merchant. */
export const SESSION_PREFIX = 'till:checkout:';

/**
 * Whether a checkout is under way in this tab, read without the checkout's code: one this visit saved
 * (an order placed, a code applied, a payment waiting for the bank or Bootic), or the page just came
 * back from a redirect (Stripe's parameters on its address). The checkout's view then loads at once to
 * take it up again, wherever the element is on the page.
 */
export function checkoutUnderWay(): boolean {
  try {
    if (Object.keys(sessionStorage).some((key) => key.startsWith(SESSION_PREFIX))) return true;
  } catch {
    // no storage (Node, a sandboxed frame): nothing saved
  }
  return typeof location === 'object' && /[?&](setup|payment)_intent=/.test(location.search);
}
