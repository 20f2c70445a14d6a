import { isApiError } from '../../api/http.ts';
import { isEmail } from '../../core/index.ts';
import { savedEmail } from '../checkout/session.ts';
import { requestToken, setCustomerToken } from '../client.ts';
import { $config } from '../config.ts';
import { sessionStore } from '../storage.ts';
import type { OrdersProblem } from './store.ts';

// Who the order history is for. The customer signs in as the checkout does: the merchant's `getToken`
// or `tokenUrl` turns an email into a JWT, and every call after carries it (one customer per page: the
// checkout and the orders share the token). The email is the one the checkout saved in this visit, or
// the one typed into the orders' own sign-in, kept in session storage until the visit ends or the
// customer signs out.

interface Saved {
  v: 1;
  /** '' after a sign-out: the checkout's email is then not used again in this visit. */
  email: string;
}

const key = (): string => `till:orders:${$config.get().apiKey || 'default'}`;

function load(): Saved | null {
  try {
    const saved = JSON.parse(sessionStore()?.getItem(key()) ?? 'null') as Saved | null;
    return saved?.v === 1 && typeof saved.email === 'string' ? saved : null;
  } catch {
    return null;
  }
}

function save(email: string): void {
  try {
    sessionStore()?.setItem(key(), JSON.stringify({ v: 1, email } satisfies Saved));
  } catch {
    // a full or blocked storage only costs signing in again after a reload
  }
}

/** The email to sign in with without asking: the orders' own, else the checkout's; '' for none. */
export function knownEmail(): string {
  const saved = load();
  return saved ? saved.email : savedEmail();
}

/** A problem signing in: the merchant gave no token, or could not be reached. */
export const SIGN_IN_REFUSED: OrdersProblem = { code: 'sign-in', message: 'No token for this email' };

/**
 * Asks the merchant for the customer's JWT; the email is remembered for this visit when one comes.
 * Resolves to null when signed in, else to why not. An email that is not one is refused unasked.
 */
export async function signInCustomer(email: string): Promise<OrdersProblem | 'email' | null> {
  const address = email.trim();
  if (!isEmail(address)) return 'email';
  try {
    const token = await requestToken(address);
    setCustomerToken(token);
    if (token === null) return SIGN_IN_REFUSED;
  } catch (error) {
    setCustomerToken(null);
    return { code: 'network', message: error instanceof Error ? error.message : String(error) };
  }
  save(address);
  return null;
}

/** Forgets the customer for this visit: the token, and the email (the checkout's too, for the orders). */
export function signOutCustomer(): void {
  setCustomerToken(null);
  save('');
}

/** Thrown by `authorized` when the customer's token expired and no new one came. */
export class SignedOut extends Error {}

/**
 * Runs a call for the signed-in customer; when the API says the token is no longer good (401), asks
 * for a new one for the same email once and runs the call again.
 */
export async function authorized<T>(email: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isApiError(error) || error.status !== 401) throw error;
    if ((await signInCustomer(email)) !== null) throw new SignedOut('The sign-in expired');
    return call();
  }
}

/** A failure as a problem the element can word. */
export function problemOf(error: unknown): OrdersProblem {
  if (isApiError(error)) {
    const code =
      error.kind === 'network' || error.kind === 'timeout'
        ? 'network'
        : error.status === 404
          ? 'not-found'
          : error.status === 409
            ? 'closed'
            : 'failed';
    return { code, message: error.message };
  }
  console.error('[tillkit] the order history failed unexpectedly', error);
  return { code: 'failed', message: String(error) };
}
