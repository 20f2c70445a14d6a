import { map } from 'nanostores';
import type { BooticOrder } from '../../api/bootic.ts';
import type { CouponInfo, Order, Payment } from '../../api/types.ts';

/** What the customer types in the first step. Kept in session storage so a reload loses nothing. */
export interface Contact {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  street: string;
  zip: string;
  city: string;
  country: string;
  billingSame: boolean;
  billingStreet: string;
  billingZip: string;
  billingCity: string;
  billingCountry: string;
  note: string;
}

export type ContactField = Exclude<keyof Contact, 'billingSame'>;
/** Why a field was refused; the element shows the matching string (`error.required`, ...). */
export type FieldErrorCode = 'required' | 'email' | 'phone' | 'too-long';
/** A field's problem: one of ours by code, or the server's own words. */
export type FieldProblem = FieldErrorCode | { readonly message: string };

export type CheckoutStep = 'details' | 'payment' | 'complete';

export interface CheckoutError {
  readonly message: string;
  readonly code?: string | undefined;
  /** Where it happened: placing the order, paying, or resuming after a reload. */
  readonly stage: 'order' | 'payment' | 'resume';
  /** The card was declined (or refused when saved): another card may pay the same order. */
  readonly declined?: boolean | undefined;
}

/** The card an order was paid with, as a receipt names it. */
export interface PaidCard {
  readonly brand: string;
  readonly last4: string;
}

/**
 * A discount code the customer applied: the code as the shop writes it, its name, and the terms core's
 * `applyCoupon` prices the cart with (amounts in minor units of `currency`). Kept in the session.
 */
export type AppliedCoupon = Pick<
  CouponInfo,
  'code' | 'name' | 'percentOff' | 'amountOff' | 'currency' | 'minOrderAmount'
>;

/**
 * Why a discount code is not taken, by the server's code (the element shows its own text for each,
 * never the server's English): unknown (or retired), not yet valid, expired, used up, no longer
 * offered; core's refusals for this cart (below the minimum, another currency); and ours: nothing
 * typed, or the shop could not be asked.
 */
export type CouponRefusalCode =
  | 'coupon-unknown'
  | 'coupon-not-yet-valid'
  | 'coupon-expired'
  | 'coupon-exhausted'
  | 'coupon-retired'
  | 'coupon-minimum'
  | 'coupon-currency'
  | 'coupon-required'
  | 'coupon-unavailable';

export interface CouponProblem {
  readonly code: CouponRefusalCode;
  /** The code it is about, as the customer typed it or the shop wrote it ('' when nothing was typed). */
  readonly coupon: string;
  /** `coupon-minimum`: the least order total, in minor units of `currency`. */
  readonly minimum?: number | undefined;
  /** `coupon-minimum`, `coupon-currency`: the code's currency. */
  readonly currency?: string | null | undefined;
  /**
   * Where it was met: checking the code, placing the order with it, or paying (the order's code
   * refused at the payment's claim: its last redemption went to another order).
   */
  readonly stage: 'check' | 'order' | 'payment';
  /** At payment: the customer went on without the code, which is off the order now. */
  readonly removed?: boolean | undefined;
}

/** The Idempotency-Key of an order request, and the request (its JSON) it was made for. */
export interface OrderKey {
  readonly key: string;
  readonly body: string;
}

/**
 * What a payment under way waits for: the card to be saved, the customer to authenticate with their
 * bank, the bank's confirmation, or the outcome of a charge whose answer was lost (`processing`).
 */
export type PaymentPhase = 'card' | 'authenticating' | 'confirming' | 'processing';

/** A bank's page the checkout shows in its dialog for the customer to authenticate (the test processor's). */
export interface Authentication {
  readonly url: string;
  /** The intent it authenticates (`pi_…`, `seti_…`): the page's message must name it. */
  readonly intentId: string;
}

export interface CheckoutState {
  readonly step: CheckoutStep;
  /** Set while a request runs; every action refuses to start while it is set. */
  readonly busy: null | 'order' | 'payment' | 'resume' | 'coupon';
  /** While `busy` is `payment`: what it waits for, for the customer to see. */
  readonly paying: PaymentPhase | null;
  /** The bank's page to show in the checkout's authentication dialog, while the customer authenticates there. */
  readonly authentication: Authentication | null;
  readonly contact: Contact;
  readonly fieldErrors: Partial<Record<ContactField, FieldProblem>>;
  readonly error: CheckoutError | null;
  /** The discount code applied (BuiltOn): sent with the order, priced into the cart's total by core. */
  readonly coupon: AppliedCoupon | null;
  /** Why the last code tried was refused, or the applied one no longer can be used. */
  readonly couponProblem: CouponProblem | null;
  /** The pending order, then the paid one. */
  readonly order: Order | null;
  /** Set when the server's total differs from the one the cart showed: the customer confirms it. */
  readonly totalToConfirm: { readonly local: number; readonly server: number; readonly currency: string } | null;
  readonly payment: Payment | null;
  /** The card that paid the order, once it is paid (when known). */
  readonly card: PaidCard | null;
  /**
   * With the Bootic backend: the order created in the shop, to be paid on Bootic's checkout (the
   * payment step), then paid (the confirmation). The cart keeps its lines until it is paid.
   */
  readonly booticOrder: (BooticOrder & { readonly currency: string }) | null;
  /**
   * The order to take up again instead of ordering anew: the one placed in this visit, or the one
   * session storage named after a reload. Cleared once it is paid, cancelled or gone.
   */
  readonly pendingOrderId: string | null;
  /** The key that makes creating the order idempotent: the same request gets the same order back. */
  readonly orderKey: OrderKey | null;
  /**
   * The payment method being saved, and the payment waiting for the customer's authentication: kept in
   * the session, so that back from a bank's or a payment method's redirect the checkout goes on with them.
   */
  readonly pendingMethodId: string | null;
  readonly pendingPaymentId: string | null;
  /** The session-storage entry already read into this state (read once per merchant key). */
  readonly restoredFrom: string | null;
}

export type CheckoutEvent =
  | { readonly type: 'order-created'; readonly order: Order }
  | { readonly type: 'total-mismatch'; readonly order: Order; readonly local: number; readonly server: number }
  | { readonly type: 'complete'; readonly order: Order; readonly payment: Payment | null }
  | { readonly type: 'error'; readonly error: CheckoutError }
  | { readonly type: 'redirect'; readonly order: BooticOrder; readonly url: string };

export const emptyContact: Contact = {
  email: '',
  firstName: '',
  lastName: '',
  phone: '',
  street: '',
  zip: '',
  city: '',
  country: '',
  billingSame: true,
  billingStreet: '',
  billingZip: '',
  billingCity: '',
  billingCountry: '',
  note: '',
};

/** A checkout that has not started: what a page starts with, and what `resetCheckout` goes back to. */
export const initialCheckout: CheckoutState = {
  step: 'details',
  busy: null,
  paying: null,
  authentication: null,
  contact: emptyContact,
  fieldErrors: {},
  error: null,
  coupon: null,
  couponProblem: null,
  order: null,
  totalToConfirm: null,
  payment: null,
  card: null,
  booticOrder: null,
  pendingOrderId: null,
  orderKey: null,
  pendingMethodId: null,
  pendingPaymentId: null,
  restoredFrom: null,
};

/** All of the checkout's state. Only the actions of this folder write it. */
export const $checkout = map<CheckoutState>(initialCheckout);

export const update = (patch: Partial<CheckoutState>): void => {
  $checkout.set({ ...$checkout.get(), ...patch });
};

// The checkout's events: elements turn them into DOM events for the host page.
const listeners = new Set<(event: CheckoutEvent) => void>();

export const onCheckoutEvent = (listener: (event: CheckoutEvent) => void): (() => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export const emit = (event: CheckoutEvent): void => listeners.forEach((listener) => listener(event));
