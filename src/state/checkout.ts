import { map, onMount } from 'nanostores';
import { isTillError } from '../core/index.ts';
import { createBooticClient, type BooticOrder, type BooticOrderInput } from '../api/bootic.ts';
import { isApiError, uuid } from '../api/http.ts';
import type { Address, Order, OrderItemInput, Payment } from '../api/types.ts';
import type { TokenResult } from '../payments/provider.ts';
import { cart, type CartLine } from './cart.ts';
import { apiClient, requestToken, setCustomerToken } from './client.ts';
import { $config } from './config.ts';
import { currentAttribution } from './attribution.ts';

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
}

export interface CheckoutState {
  readonly step: CheckoutStep;
  /** Set while a request runs; every action refuses to start while it is set. */
  readonly busy: null | 'order' | 'payment' | 'resume';
  readonly contact: Contact;
  readonly fieldErrors: Partial<Record<ContactField, FieldProblem>>;
  readonly error: CheckoutError | null;
  /** The pending order, then the paid one. */
  readonly order: Order | null;
  /** Set when the server's total differs from the one the cart showed: the customer confirms it. */
  readonly totalToConfirm: { readonly local: number; readonly server: number; readonly currency: string } | null;
  readonly payment: Payment | null;
  /** With the Bootic backend: the order created in the shop, to be completed on Bootic's checkout. */
  readonly booticOrder: (BooticOrder & { readonly currency: string }) | null;
}

export type CheckoutEvent =
  | { readonly type: 'order-created'; readonly order: Order }
  | { readonly type: 'total-mismatch'; readonly order: Order; readonly local: number; readonly server: number }
  | { readonly type: 'complete'; readonly order: Order; readonly payment: Payment | null }
  | { readonly type: 'error'; readonly error: CheckoutError }
  | { readonly type: 'redirect'; readonly order: BooticOrder; readonly url: string };

const emptyContact: Contact = {
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

const initial: CheckoutState = {
  step: 'details',
  busy: null,
  contact: emptyContact,
  fieldErrors: {},
  error: null,
  order: null,
  totalToConfirm: null,
  payment: null,
  booticOrder: null,
};

export const $checkout = map<CheckoutState>(initial);

const listeners = new Set<(event: CheckoutEvent) => void>();
/** Elements turn these into DOM events for the host page. */
export const onCheckoutEvent = (listener: (event: CheckoutEvent) => void): (() => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const emit = (event: CheckoutEvent): void => listeners.forEach((listener) => listener(event));

const update = (patch: Partial<CheckoutState>): void => {
  $checkout.set({ ...$checkout.get(), ...patch });
};

// ---------------------------------------------------------------------------------------------
// Session persistence: the contact, the pending order's id and the key that makes creating it
// idempotent. Session storage, not local: it survives a reload but not the end of the visit.

interface Saved {
  v: 1;
  contact: Contact;
  orderId: string | null;
  orderKey: OrderKey | null;
}

/** The Idempotency-Key of an order request, and the request it was made for. */
interface OrderKey {
  readonly key: string;
  readonly body: string;
}

const sessionKey = (): string => `till:checkout:${$config.get().apiKey || 'default'}`;
let orderKey: OrderKey | null = null;

/**
 * The key for creating an order with this body: the same one again after a reload or a lost answer,
 * so the server returns the order it already made; a new one when the cart or contact changed.
 */
function keyFor(body: unknown): string {
  const text = JSON.stringify(body);
  if (orderKey?.body !== text) orderKey = { key: uuid(), body: text };
  save();
  return orderKey.key;
}

function session(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function save(): void {
  const { contact, order } = $checkout.get();
  const saved: Saved = { v: 1, contact, orderId: order?.id ?? null, orderKey };
  try {
    session()?.setItem(sessionKey(), JSON.stringify(saved));
  } catch {
    // a full or blocked storage only costs the resume-after-reload convenience
  }
}

function load(): Saved | null {
  try {
    const saved = JSON.parse(session()?.getItem(sessionKey()) ?? 'null') as Saved | null;
    if (saved?.v !== 1 || typeof saved.contact !== 'object') return null;
    return { ...saved, contact: { ...emptyContact, ...saved.contact } };
  } catch {
    return null;
  }
}

let pendingOrderId: string | null = null;
let restoredKey: string | null = null;

/** Picks up what this visit saved under the current merchant key (once per key). */
function restore(): void {
  const key = sessionKey();
  if (key === restoredKey) return;
  restoredKey = key;
  const saved = load();
  if (saved) {
    orderKey = saved.orderKey;
    pendingOrderId = saved.orderId;
    update({ contact: saved.contact });
  }
}

onMount($checkout, restore);

// ---------------------------------------------------------------------------------------------
// Validation

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{6,20}$/;
const REQUIRED: readonly ContactField[] = [
  'email',
  'firstName',
  'lastName',
  'phone',
  'street',
  'zip',
  'city',
  'country',
];
const BILLING: readonly ContactField[] = ['billingStreet', 'billingZip', 'billingCity', 'billingCountry'];

/**
 * Checks the contact form; an empty result means it can be sent. Without `addresses` (the Bootic
 * checkout collects them itself) only the contact is required.
 */
export function validateContact(
  contact: Contact,
  { addresses = true } = {},
): Partial<Record<ContactField, FieldErrorCode>> {
  const errors: Partial<Record<ContactField, FieldErrorCode>> = {};
  const required = !addresses ? REQUIRED.slice(0, 4) : contact.billingSame ? REQUIRED : [...REQUIRED, ...BILLING];
  for (const field of required) if (!contact[field].trim()) errors[field] = 'required';
  for (const field of Object.keys(emptyContact) as ContactField[]) {
    const limit = field === 'note' ? 500 : 120;
    if (typeof contact[field] === 'string' && contact[field].length > limit) errors[field] = 'too-long';
  }
  if (!errors.email && !EMAIL.test(contact.email.trim())) errors.email = 'email';
  const phone = contact.phone.trim();
  if (!errors.phone && !(PHONE.test(phone) && phone.replace(/\D/g, '').length >= 6)) errors.phone = 'phone';
  return errors;
}

export function setContact(patch: Partial<Contact>): void {
  const { contact, fieldErrors } = $checkout.get();
  const cleared = { ...fieldErrors };
  for (const key of Object.keys(patch)) delete cleared[key as ContactField];
  update({ contact: { ...contact, ...patch }, fieldErrors: cleared });
  save();
}

// ---------------------------------------------------------------------------------------------
// Actions

const orderItems = (lines: readonly CartLine[]): OrderItemInput[] =>
  lines.map((l) => ({ product: l.productId, quantity: l.quantity, sub_products: l.subProducts.map((s) => s.id) }));

/** Identifies what an order or a cart holds, so the two can be compared. */
const signature = (items: readonly { product: string; quantity: number; subs: readonly string[] }[]): string =>
  items
    .map((i) => `${i.product}+${[...i.subs].sort().join('+')}*${i.quantity}`)
    .sort()
    .join(',');
const cartSignature = (lines: readonly CartLine[]): string =>
  signature(lines.map((l) => ({ product: l.productId, quantity: l.quantity, subs: l.subProducts.map((s) => s.id) })));
const orderSignature = (order: Order): string =>
  signature(
    order.items.map((i) => ({ product: i.productId, quantity: i.quantity, subs: i.subProducts.map((s) => s.id) })),
  );

const address = (street: string, zip: string, city: string, country: string): Address => ({
  street_name: street.trim(),
  zip_code: zip.trim(),
  city: city.trim(),
  country: country.trim(),
});

function describe(error: unknown, stage: CheckoutError['stage']): CheckoutError {
  if (isApiError(error)) return { message: error.message, code: error.declineCode ?? error.code ?? error.kind, stage };
  if (isTillError(error)) return { message: error.message, code: error.code, stage };
  return { message: 'Something went wrong. Please try again.', stage };
}

function report(error: CheckoutError): void {
  update({ busy: null, error });
  emit({ type: 'error', error });
}

const fail = (error: unknown, stage: CheckoutError['stage']): void => report(describe(error, stage));

/** Gets the customer's JWT from the merchant; false when there is none to be had. */
async function signIn(email: string): Promise<boolean> {
  const token = await requestToken(email.trim()).catch(() => null);
  setCustomerToken(token);
  return token !== null;
}

const SIGN_IN_FAILED = 'We could not sign you in to place the order. Please try again.';

/**
 * Step one: checks the contact, signs the customer in, creates (or, after a reload, reuses and
 * updates) the order from the cart, and compares the server's total with the cart's.
 */
export async function placeOrder({ addressId }: { addressId?: number | undefined } = {}): Promise<void> {
  const state = $checkout.get();
  if (state.busy || state.step === 'complete') return;
  const bootic = $config.get().backend === 'bootic';
  const fieldErrors = validateContact(state.contact, { addresses: !bootic });
  if (Object.keys(fieldErrors).length) {
    update({ fieldErrors, error: null });
    return;
  }
  const lines = cart.$lines.get();
  if (!lines.length) {
    report({ message: 'Your cart is empty.', code: 'cart-empty', stage: 'order' });
    return;
  }
  if (bootic) return placeBooticOrder(state.contact, lines, addressId);
  update({ busy: 'order', error: null, fieldErrors: {} });
  const c = state.contact;
  const client = apiClient();
  try {
    if (!(await signIn(c.email))) return report({ message: SIGN_IN_FAILED, code: 'sign-in', stage: 'order' });
    const delivery = address(c.street, c.zip, c.city, c.country);
    const billing = c.billingSame ? delivery : address(c.billingStreet, c.billingZip, c.billingCity, c.billingCountry);
    await client.createUser({
      email: c.email.trim(),
      first_name: c.firstName.trim(),
      last_name: c.lastName.trim(),
      mobile_phone_number: c.phone.trim(),
      addresses: [delivery],
      billing_address: billing,
    });
    const local = cart.$summary.get();
    let order = pendingOrderId ? await reusable(pendingOrderId) : null;
    if (order && orderSignature(order) !== cartSignature(lines)) {
      order = await client.updateOrderItems(order.id, orderItems(lines));
    }
    if (!order) {
      const btnRef = currentAttribution();
      const body = {
        items: orderItems(lines),
        delivery_address: delivery,
        billing_address: billing,
        ...(c.note.trim() ? { note: c.note.trim() } : {}),
        ...(btnRef ? { btn_ref: btnRef } : {}),
      };
      order = await client.createOrder(body, { idempotencyKey: keyFor(body) });
      emit({ type: 'order-created', order });
    }
    pendingOrderId = order.id;
    const mismatch = order.totalAmount !== local.total;
    update({
      busy: null,
      step: 'payment',
      order,
      totalToConfirm: mismatch ? { local: local.total, server: order.totalAmount, currency: order.currency } : null,
    });
    save();
    if (mismatch) emit({ type: 'total-mismatch', order, local: local.total, server: order.totalAmount });
  } catch (error) {
    fail(error, 'order');
  }
}

/** Bootic's contact fields, as the checkout form names them. */
const BOOTIC_FIELDS: Record<string, ContactField> = {
  'contact.email': 'email',
  'contact.name': 'firstName',
  'contact.phone_number': 'phone',
};

/**
 * The Bootic backend: the cart becomes a Bootic order in the "checkout" state (lines by variant id,
 * the contact, a known address), and the customer finishes on Bootic's own checkout. A 422 puts each
 * of Bootic's messages at its field.
 */
async function placeBooticOrder(c: Contact, lines: readonly CartLine[], addressId: number | undefined): Promise<void> {
  const units = new Map<number, number>();
  for (const line of lines) {
    for (const ref of [line.ref ?? line.productId, ...line.subProducts.map((s) => s.ref ?? s.id)]) {
      const variant = Number(ref);
      if (!Number.isSafeInteger(variant) || variant <= 0) {
        report({ message: `${line.name} can not be ordered from this shop.`, code: 'variant', stage: 'order' });
        return;
      }
      units.set(variant, (units.get(variant) ?? 0) + line.quantity);
    }
  }
  const input: BooticOrderInput = {
    line_items: [...units].map(([variant_id, count]) => ({ variant_id, units: count })),
    contact: {
      email: c.email.trim(),
      name: `${c.firstName.trim()} ${c.lastName.trim()}`,
      phone_number: c.phone.trim(),
    },
    ...(addressId ? { address: { id: addressId } } : {}),
  };
  update({ busy: 'order', error: null, fieldErrors: {} });
  const { apiUrl, apiKey, shopId, fetch: configuredFetch } = $config.get();
  try {
    const client = createBooticClient({ baseUrl: apiUrl, apiKey, shopId, fetch: configuredFetch ?? undefined });
    const order = await client.createOrder(input, { idempotencyKey: keyFor(input) });
    orderKey = null;
    cart.clear(); // the order lives in the Bootic shop now; its web cart changes it
    update({ busy: null, step: 'complete', booticOrder: { ...order, currency: lines[0]!.currency } });
    save();
    if (order.webCheckout) emit({ type: 'redirect', order, url: order.webCheckout });
  } catch (error) {
    if (isApiError(error) && error.status === 422) {
      const fieldErrors: Partial<Record<ContactField, FieldProblem>> = {};
      const general: string[] = [];
      for (const { field, message } of error.errors) {
        const at = BOOTIC_FIELDS[field];
        if (at && !fieldErrors[at]) fieldErrors[at] = { message };
        else if (!at) general.push(message);
      }
      update({ fieldErrors });
      if (general.length) return report({ message: general.join(' '), code: 'unprocessable', stage: 'order' });
      update({ busy: null });
      return;
    }
    fail(error, 'order');
  }
}

/** A saved pending order, if it can still be paid; null when it is gone, cancelled or foreign. */
async function reusable(id: string): Promise<Order | null> {
  try {
    const order = await apiClient().getOrder(id);
    return order.status === 'CANCELLED' || order.status === 'SUCCESS' ? null : order;
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 403)) return null;
    throw error;
  }
}

/** The customer accepts the server's total where it differs from the cart's. */
export function confirmTotal(): void {
  update({ totalToConfirm: null });
}

/**
 * Step two: turns the card into a token, saves it as a payment method and pays the pending order.
 * The cart is frozen for the duration; a decline or a lost connection leaves the order payable
 * with another card, and the server charges an order at most once whatever happens here.
 */
export async function pay(tokenize: () => Promise<TokenResult>): Promise<void> {
  const state = $checkout.get();
  if (state.busy || state.step !== 'payment' || !state.order || state.totalToConfirm) return;
  update({ busy: 'payment', error: null });
  let order = state.order;
  const client = apiClient();
  const card = await tokenize().catch(
    () => ({ error: { message: 'The card could not be read. Please try again.' } }) as TokenResult,
  );
  if (card.error !== undefined) {
    report({ message: card.error.message, code: card.error.code ?? 'card', stage: 'payment' });
    return;
  }
  const snapshot = cart.freeze();
  try {
    if (snapshot.lines.length && cartSignature(snapshot.lines) !== orderSignature(order)) {
      // The cart changed (in another tab, say) since the order was made: update the order and
      // let the customer see the new total before anything is charged.
      order = await client.updateOrderItems(order.id, orderItems(snapshot.lines));
      cart.release({ paid: false });
      update({
        busy: null,
        order,
        totalToConfirm: { local: snapshot.summary.total, server: order.totalAmount, currency: order.currency },
      });
      return;
    }
    const method = await client.createPaymentMethod(card.token);
    const payment = await client.createPayment({ orders: [order.id], paymentMethod: method.id });
    order = await client.getOrder(order.id).catch(() => ({ ...order, status: 'SUCCESS' as const }));
    complete(order, payment);
  } catch (error) {
    cart.release({ paid: false });
    await settle(order, error);
  }
}

/**
 * After a failed or unanswered payment, asks the server what happened before saying anything: a
 * lost answer may hide a successful charge, and a 409 means the order was already paid.
 */
async function settle(order: Order, error: unknown): Promise<void> {
  const current = await apiClient()
    .getOrder(order.id)
    .catch(() => null);
  if (current?.status === 'SUCCESS') return complete(current, null);
  update({ order: current ?? order });
  if (isApiError(error) && error.kind !== 'http') {
    report({
      message: current
        ? 'The connection was lost while paying, and the order is not paid. You can try again: you will not be charged twice.'
        : 'We could not reach the shop to confirm the payment. Check your connection and try again: you will not be charged twice.',
      code: error.kind,
      stage: 'payment',
    });
    return;
  }
  fail(error, 'payment');
}

function complete(order: Order, payment: Payment | null): void {
  cart.release({ paid: true });
  pendingOrderId = null;
  orderKey = null;
  update({ busy: null, step: 'complete', order, payment, error: null, totalToConfirm: null });
  save();
  emit({ type: 'complete', order, payment });
}

/**
 * Called when a checkout appears: a pending order saved before a reload is picked up where it was
 * instead of ordering again. A paid one shows its confirmation.
 */
export async function resumeCheckout(): Promise<void> {
  if (!$config.get().apiUrl) return; // not configured yet: the element asks again when it is
  restore();
  const state = $checkout.get();
  if (state.busy || state.order || !pendingOrderId || !state.contact.email) return;
  update({ busy: 'resume' });
  try {
    // Without a token the saved order can not be read: stay on the details, prefilled.
    if (!(await signIn(state.contact.email))) return update({ busy: null });
    const order = await apiClient().getOrder(pendingOrderId);
    if (order.status === 'SUCCESS') {
      // Paid just before the reload: the cart may still hold what was paid.
      const paid = new Set(order.items.map((i) => i.productId));
      for (const line of cart.$lines.get()) if (paid.has(line.productId)) cart.remove(line.key);
      return complete(order, null);
    }
    if (order.status === 'CANCELLED') {
      pendingOrderId = null;
      update({ busy: null });
      save();
      return;
    }
    update({ busy: null, step: 'payment', order });
  } catch (error) {
    if (isApiError(error) && error.status === 404) {
      pendingOrderId = null;
      update({ busy: null });
      save();
      return;
    }
    fail(error, 'resume');
  }
}

/** Back to the first step (to edit the details), or a fresh start after a completed order. */
export function restartCheckout(): void {
  const { step, contact } = $checkout.get();
  if ($checkout.get().busy) return;
  if (step === 'complete') {
    update({ ...initial, contact: { ...contact, note: '' } });
  } else {
    update({ step: 'details', error: null, totalToConfirm: null });
  }
  save();
}

/** Forgets the checkout in progress and its saved copy (a sign-out, say); the cart stays. */
export function resetCheckout(): void {
  pendingOrderId = null;
  orderKey = null;
  restoredKey = null;
  setCustomerToken(null);
  update(initial);
  try {
    session()?.removeItem(sessionKey());
  } catch {
    // nothing saved, or nothing to do
  }
}
