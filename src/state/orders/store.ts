import { map } from 'nanostores';
import type { Card, Order, Payment } from '../../api/types.ts';

/**
 * Why something failed, as a code the element words in the customer's language: `network` (the shop
 * could not be reached), `not-found`, `closed` (the order can no longer be cancelled: paid, being
 * paid, or cancelled already), `sign-in` (no token for this email) or `failed` (anything else).
 * `message` is the API's own sentence, for the console and the page's developer.
 */
export interface OrdersProblem {
  readonly code: 'network' | 'not-found' | 'closed' | 'sign-in' | 'failed';
  readonly message: string;
}

/** A payment attempt for an order, with the card it was made with when the API says. */
export interface OrderPayment {
  readonly payment: Payment;
  readonly card: Card | null;
}

/**
 * The cancellation of the open order: not asked, the customer asked and is asked to confirm, the
 * request runs, done, or refused (`problem` says why).
 */
export type CancelStep = 'idle' | 'confirming' | 'cancelling' | 'cancelled' | 'failed';

/** One order opened from the list: read afresh, with its payments. */
export interface OpenOrder {
  readonly id: string;
  readonly status: 'loading' | 'ready' | 'error';
  /** The order: the list's copy while it loads, then the server's. */
  readonly order: Order | null;
  readonly payments: readonly OrderPayment[];
  readonly problem: OrdersProblem | null;
  readonly cancel: CancelStep;
  readonly cancelProblem: OrdersProblem | null;
}

export interface OrdersQuery {
  readonly page: number;
  readonly size: number;
  /** An order number to search for; empty for the whole history. */
  readonly search: string;
}

/**
 * The order history: who is signed in, the page of orders shown, and the order opened from it.
 * `signed-out`: nobody, the element asks for an email; `signing-in`: a token is being asked for;
 * `loading`, `ready` or `error`: the list.
 */
export interface OrdersState {
  readonly status: 'idle' | 'signed-out' | 'signing-in' | 'loading' | 'ready' | 'error';
  /** The signed-in customer's email; '' when signed out. */
  readonly email: string;
  /** Why the last sign-in failed: `email` (not an email address) or a problem. */
  readonly signInProblem: 'email' | OrdersProblem | null;
  readonly query: OrdersQuery;
  readonly orders: readonly Order[];
  /** How many orders match in all, when the API says. */
  readonly total: number | null;
  readonly problem: OrdersProblem | null;
  readonly open: OpenOrder | null;
}

export const DEFAULT_PAGE_SIZE = 10;

export const initialOrders: OrdersState = {
  status: 'idle',
  email: '',
  signInProblem: null,
  query: { page: 0, size: DEFAULT_PAGE_SIZE, search: '' },
  orders: [],
  total: null,
  problem: null,
  open: null,
};

/** The signed-in customer's order history. Only the actions of this folder write it. */
export const $orders = map<OrdersState>(initialOrders);

export const update = (patch: Partial<OrdersState>): void => {
  $orders.set({ ...$orders.get(), ...patch });
};

/** Changes the open order, if it is still the one with this id (the customer may have moved on). */
export function updateOpen(id: string, patch: Partial<OpenOrder>): void {
  const { open } = $orders.get();
  if (open?.id === id) update({ open: { ...open, ...patch } });
}
