import { isJsonObject } from '../core/index.ts';

/**
 * Button attribution: a publisher sends the customer to the merchant with `?btn_ref=<token>`. The
 * token is kept first-party (this origin's localStorage) for the attribution window and goes with
 * the order, so the merchant's server can report the sale. A newer token replaces an older one.
 * The caller hands in the storage (the state layer passes `localStorage`, or null where there is none).
 */
export const ATTRIBUTION_KEY = 'till:btn_ref';
/** How long a landing keeps its attribution: 30 days. */
export const ATTRIBUTION_TTL = 30 * 24 * 60 * 60 * 1000;
/** Button's tokens are URL-safe strings of at most 255 characters. */
const TOKEN = /^[\w-]{1,255}$/;

/** Where the token is kept: `localStorage` or anything shaped like it. */
export type AttributionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Reads `btn_ref` from a landing URL and keeps it; returns the token kept, if any. */
export function captureAttribution(url: string, storage: AttributionStorage | null, now = Date.now()): string | null {
  let token: string | null;
  try {
    token = new URL(url).searchParams.get('btn_ref');
  } catch {
    return null;
  }
  if (!token || !TOKEN.test(token)) return null;
  try {
    storage?.setItem(ATTRIBUTION_KEY, JSON.stringify({ token, expires: now + ATTRIBUTION_TTL }));
  } catch {
    // without storage the token still goes with an order placed from this page
  }
  return token;
}

/** The token within its window, or null; an expired one is removed. */
export function storedAttribution(storage: AttributionStorage | null, now = Date.now()): string | null {
  try {
    const saved: unknown = JSON.parse(storage?.getItem(ATTRIBUTION_KEY) ?? 'null');
    if (!isJsonObject(saved)) return null;
    const { token, expires } = saved;
    if (typeof token === 'string' && TOKEN.test(token) && typeof expires === 'number') {
      if (expires > now) return token;
      storage?.removeItem(ATTRIBUTION_KEY);
    }
  } catch {
    // unreadable: no attribution
  }
  return null;
}
