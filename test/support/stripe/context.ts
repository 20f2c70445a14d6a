// What a handler is given: the store, the calling account, the request's parameters, and a way to
// record the events Stripe would send for what it did.
import type Stripe from 'stripe';
import type { Params } from './params.ts';
import { newId, type Store } from './store.ts';

export const API_VERSION = '2026-10-28.endive';

export interface Ctx {
  readonly store: Store;
  readonly account: string;
  readonly params: Params;
  readonly path: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly requestId: string | null;
  readonly idempotencyKey: string | null;
  /** The stand-in's own base URL (3-D Secure pages live there). */
  readonly baseUrl: string;
}

type Listener = (event: Stripe.Event) => void;
const listeners = new WeakMap<Store, Listener[]>();

export function onEvent(store: Store, listener: Listener): void {
  listeners.set(store, [...(listeners.get(store) ?? []), listener]);
}

/**
 * Records an event as Stripe would create it for a change, with a snapshot of the object. `ctx` is null
 * for changes no API request caused (an authentication completed on the test page).
 */
export function emit(
  store: Store,
  ctx: Pick<Ctx, 'requestId' | 'idempotencyKey'> | null,
  type: Stripe.Event.Type,
  object: { id: string },
): Stripe.Event {
  // The event's type names the object it carries; TypeScript can't follow that through a generic helper.
  const event = {
    id: newId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: store.clock.seconds(),
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: ctx?.requestId ?? null, idempotency_key: ctx?.idempotencyKey ?? null },
    type,
  } as unknown as Stripe.Event;
  store.events.push(event);
  for (const listener of listeners.get(store) ?? []) listener(event);
  return event;
}
