import { isApiError } from '../../api/http.ts';
import type { Order } from '../../api/types.ts';
import { isPayableStatus } from '../../core/index.ts';
import { apiClient } from '../client.ts';
import { $config } from '../config.ts';
import { SignedOut, authorized, knownEmail, problemOf, signInCustomer, signOutCustomer } from './customer.ts';
import { $orders, initialOrders, update, updateOpen, type OrderPayment, type OrdersQuery } from './store.ts';

let running: AbortController | null = null;
/** The merchant (API URL and key) the history was started for: another one starts afresh. */
let startedFor = '';

/**
 * Called when an order history appears and whenever the configuration changes: signs in with the
 * email this visit knows (the checkout's, or the one typed here before) and loads the first page, or
 * asks for an email. `size` is the element's page size.
 */
export async function startOrders({ size }: { size?: number } = {}): Promise<void> {
  const { apiUrl, apiKey } = $config.get();
  if (!apiUrl) return; // not configured yet: the element asks again when it is
  const merchant = `${apiUrl}|${apiKey}`;
  const pageSize = Math.min(100, Math.max(1, Math.floor(size ?? 0) || initialOrders.query.size));
  const { status, query } = $orders.get();
  if (merchant === startedFor && status !== 'idle') {
    if (pageSize !== query.size) await loadOrders({ size: pageSize, page: 0 });
    return;
  }
  startedFor = merchant;
  running?.abort();
  update({ ...initialOrders, query: { ...initialOrders.query, size: pageSize } });
  const email = knownEmail();
  if (!email) return update({ status: 'signed-out' });
  await signInToOrders(email);
}

/** The customer typed their email: signs in with it and shows their orders. */
export async function signInToOrders(email: string): Promise<void> {
  if ($orders.get().status === 'signing-in') return;
  update({ status: 'signing-in', signInProblem: null, problem: null });
  const problem = await signInCustomer(email);
  if (problem !== null) return update({ status: 'signed-out', signInProblem: problem });
  update({ email: email.trim(), open: null, orders: [], total: null });
  await loadOrders({ page: 0, search: '' });
}

/** "Not you?": forgets the customer and their orders, and asks for an email again. */
export function signOutOfOrders(): void {
  running?.abort();
  signOutCustomer();
  update({ ...initialOrders, query: { ...initialOrders.query, size: $orders.get().query.size }, status: 'signed-out' });
}

/**
 * Loads the page the query names (with `changes`); a newer load aborts an older one still running.
 * The query shown changes with the orders it found, so the list, its page number and its search
 * always agree; after a failure it is the query that failed, for a retry.
 */
export async function loadOrders(changes: Partial<OrdersQuery> = {}): Promise<void> {
  const state = $orders.get();
  if (!state.email) return;
  running?.abort();
  const controller = (running = new AbortController());
  const query = { ...state.query, ...changes };
  update({ status: 'loading', problem: null });
  const options = { page: query.page, size: query.size, signal: controller.signal };
  try {
    const page = await authorized(state.email, () =>
      query.search
        ? apiClient().searchOrders(query.search, options)
        : apiClient().listOrders({ ...options, sort: '-created' }),
    );
    if (controller.signal.aborted) return;
    update({ status: 'ready', query, orders: page.items, total: page.total });
  } catch (error) {
    if (controller.signal.aborted || isApiError(error, 'aborted')) return;
    if (error instanceof SignedOut) return signOutOfOrders();
    update({ status: 'error', query, orders: [], total: null, problem: problemOf(error) });
  }
}

/** Looks an order up by its number (the whole history again when `text` is empty). */
export const findOrders = (text: string): Promise<void> => loadOrders({ search: text.trim(), page: 0 });

/** Another page of the list. */
export const showOrdersPage = (page: number): Promise<void> => loadOrders({ page: Math.max(0, page) });

/** Opens one order: its details read afresh, with its payments and the cards they were made with. */
export async function openOrder(id: string): Promise<void> {
  const { orders, email } = $orders.get();
  update({
    open: {
      id,
      status: 'loading',
      order: orders.find((o) => o.id === id) ?? null,
      payments: [],
      problem: null,
      cancel: 'idle',
      cancelProblem: null,
    },
  });
  try {
    const client = apiClient();
    const [order, payments, methods] = await authorized(email, () =>
      Promise.all([
        client.getOrder(id),
        client.listPayments(id),
        // The cards only name the payments ("Visa •••• 4242"); the order shows without them.
        client.listPaymentMethods().catch(() => []),
      ]),
    );
    const cards = new Map(methods.map((m) => [m.id, m.card]));
    const lines: OrderPayment[] = payments.map((payment) => ({
      payment,
      card: cards.get(payment.paymentMethod) ?? null,
    }));
    replaceInList(order);
    updateOpen(id, { status: 'ready', order, payments: lines });
  } catch (error) {
    if (error instanceof SignedOut) return signOutOfOrders();
    updateOpen(id, { status: 'error', problem: problemOf(error) });
  }
}

/** Back to the list. */
export const closeOrder = (): void => update({ open: null });

/** The customer asked to cancel the open order: they are asked to confirm first. */
export function requestCancel(): void {
  const { open } = $orders.get();
  if (open?.order && open.cancel !== 'cancelling' && isPayableStatus(open.order.status)) {
    updateOpen(open.id, { cancel: 'confirming', cancelProblem: null });
  }
}

/** The customer decided to keep the order. */
export function dismissCancel(): void {
  const { open } = $orders.get();
  if (open && open.cancel !== 'cancelling') updateOpen(open.id, { cancel: 'idle', cancelProblem: null });
}

/**
 * Cancels the open order after the customer confirmed. Resolves to the cancelled order, or null when
 * the shop refused (paid or being paid meanwhile: the order is read again to show why).
 */
export async function confirmCancel(): Promise<Order | null> {
  const { open, email } = $orders.get();
  if (open?.cancel !== 'confirming' || !open.order) return null;
  const { id } = open;
  updateOpen(id, { cancel: 'cancelling', cancelProblem: null });
  try {
    const order = await authorized(email, () => apiClient().cancelOrder(id));
    replaceInList(order);
    updateOpen(id, { cancel: 'cancelled', order });
    return order;
  } catch (error) {
    if (error instanceof SignedOut) {
      signOutOfOrders();
      return null;
    }
    const problem = problemOf(error);
    const current =
      problem.code === 'closed'
        ? await apiClient()
            .getOrder(id)
            .catch(() => null)
        : null;
    if (current) replaceInList(current);
    updateOpen(id, { cancel: 'failed', cancelProblem: problem, ...(current ? { order: current } : {}) });
    return null;
  }
}

function replaceInList(order: Order): void {
  const { orders } = $orders.get();
  if (orders.some((o) => o.id === order.id)) update({ orders: orders.map((o) => (o.id === order.id ? order : o)) });
}

/** Forgets the history shown (tests, a sign-out elsewhere); the saved email stays. */
export function resetOrders(): void {
  running?.abort();
  startedFor = '';
  update(initialOrders);
}
