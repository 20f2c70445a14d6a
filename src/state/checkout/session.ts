import { onMount } from 'nanostores';
import { isJsonObject } from '../../core/index.ts';
import { $config } from '../config.ts';
import { sessionStore } from '../storage.ts';
import {
  $checkout,
  emptyContact,
  update,
  type AppliedCoupon,
  type CheckoutState,
  type Contact,
  type OrderKey,
  type PaidCard,
} from './store.ts';
import { SESSION_PREFIX } from './under-way.ts';

// Session persistence: the contact, the discount code applied, the order the checkout shows and the
// key that makes creating an order idempotent. Session storage, not local: it survives a reload but not the end of the visit.
// What is saved is read from the store and what is read goes into it: nothing is kept beside them.

interface Saved {
  v: 1;
  contact: Contact;
  orderId: string | null;
  orderKey: OrderKey | null;
  /** The card that paid the order shown, for its receipt after a reload. */
  card?: PaidCard | null;
  /** Bootic: the shop's order awaiting payment on its checkout (or paid), to come back to. */
  booticOrder?: CheckoutState['booticOrder'];
  /** The discount code applied, with its terms. */
  coupon?: AppliedCoupon | null;
  /** The card being saved and the payment being authenticated, to go on with after a redirect. */
  methodId?: string | null;
  paymentId?: string | null;
}

/** A saved code, if it is one core can price (one of percent_off and amount_off, amounts whole). */
function savedCoupon(v: unknown): AppliedCoupon | null {
  if (!isJsonObject(v) || typeof v.code !== 'string' || typeof v.name !== 'string') return null;
  const { percentOff, amountOff, currency, minOrderAmount } = v;
  const percent = typeof percentOff === 'number' && percentOff > 0 && percentOff <= 100 && amountOff === null;
  const fixed = percentOff === null && Number.isSafeInteger(amountOff);
  const money =
    (minOrderAmount === null || Number.isSafeInteger(minOrderAmount)) &&
    (currency === null || typeof currency === 'string');
  return (percent || fixed) && money ? (v as unknown as AppliedCoupon) : null;
}

const sessionKey = (): string => `${SESSION_PREFIX}${$config.get().apiKey || 'default'}`;

/** Saves the contact, the code applied, the id of the order shown (pending, or just paid) and the order key. */
export function saveSession(): void {
  const { contact, order, orderKey, card, booticOrder, coupon, pendingMethodId, pendingPaymentId } = $checkout.get();
  const saved: Saved = {
    v: 1,
    contact,
    orderId: order?.id ?? null,
    orderKey,
    card,
    booticOrder,
    coupon,
    methodId: pendingMethodId,
    paymentId: pendingPaymentId,
  };
  try {
    sessionStore()?.setItem(sessionKey(), JSON.stringify(saved));
  } catch {
    // a full or blocked storage only costs the resume-after-reload convenience
  }
}

function load(key: string): Saved | null {
  try {
    const saved = JSON.parse(sessionStore()?.getItem(key) ?? 'null') as Saved | null;
    if (saved?.v !== 1 || !isJsonObject(saved.contact)) return null;
    const card = isJsonObject(saved.card) && typeof saved.card.last4 === 'string' ? saved.card : null;
    const booticOrder =
      isJsonObject(saved.booticOrder) && typeof saved.booticOrder.code === 'string' ? saved.booticOrder : null;
    return {
      ...saved,
      contact: { ...emptyContact, ...saved.contact },
      card,
      booticOrder,
      coupon: savedCoupon(saved.coupon),
      methodId: typeof saved.methodId === 'string' ? saved.methodId : null,
      paymentId: typeof saved.paymentId === 'string' ? saved.paymentId : null,
    };
  } catch {
    return null;
  }
}

/** The customer's email as the checkout saved it in this visit ('' when none): the orders sign in with it. */
export const savedEmail = (): string => load(sessionKey())?.contact.email.trim() ?? '';

/** Picks up what this visit saved under the current merchant key (once per key). */
export function restoreSession(): void {
  const key = sessionKey();
  if ($checkout.get().restoredFrom === key) return;
  const saved = load(key);
  update(
    saved
      ? {
          restoredFrom: key,
          contact: saved.contact,
          pendingOrderId: saved.orderId,
          orderKey: saved.orderKey,
          card: saved.card ?? null,
          booticOrder: saved.booticOrder ?? null,
          coupon: saved.coupon ?? null,
          pendingMethodId: saved.methodId ?? null,
          pendingPaymentId: saved.paymentId ?? null,
        }
      : { restoredFrom: key },
  );
}

/** Drops the saved copy (the state itself is the caller's to reset). */
export function forgetSession(): void {
  try {
    sessionStore()?.removeItem(sessionKey());
  } catch {
    // nothing saved, or nothing to do
  }
}

onMount($checkout, restoreSession);
