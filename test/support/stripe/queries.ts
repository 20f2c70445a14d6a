// Reading many objects: PaymentIntents and Charges listed (newest first) and PaymentIntents searched
// with Stripe's query language (the `metadata['key']:'value'` and `status:'…'` clauses, joined by AND),
// events retrieved and listed; and `expand[]` of the ids an object points at.
import type Stripe from 'stripe';
import type { Ctx } from './context.ts';
import { invalidParam, noSuch } from './errors.ts';
import { listObject } from './objects.ts';

function page<T extends { id: string; created: number }>(ctx: Ctx, all: T[], url: string) {
  const limit = Math.min(Math.max(ctx.params.integer('limit') ?? 10, 1), 100);
  let items = [...all].reverse();
  const after = ctx.params.string('starting_after');
  if (after) items = items.slice(items.findIndex((x) => x.id === after) + 1);
  return listObject(url, items.slice(0, limit), items.length > limit);
}

export function listPaymentIntents(ctx: Ctx) {
  const p = ctx.params.only('customer', 'limit', 'starting_after', 'ending_before', 'created');
  const customer = p.string('customer');
  const mine = [...ctx.store.paymentIntents.values()].filter(
    (pi) => ctx.store.ownedBy(pi.id) === ctx.account && (!customer || pi.customer === customer),
  );
  return page(ctx, mine, '/v1/payment_intents');
}

export function listCharges(ctx: Ctx) {
  const p = ctx.params.only('customer', 'payment_intent', 'limit', 'starting_after', 'ending_before', 'created');
  const customer = p.string('customer');
  const intent = p.string('payment_intent');
  const mine = [...ctx.store.charges.values()].filter(
    (ch) =>
      ctx.store.ownedBy(ch.id) === ctx.account &&
      (!customer || ch.customer === customer) &&
      (!intent || ch.payment_intent === intent),
  );
  return page(ctx, mine, '/v1/charges');
}

type Clause = (pi: Stripe.PaymentIntent) => boolean;

function parseQuery(query: string): Clause[] {
  return query
    .split(/\s+AND\s+/i)
    .filter(Boolean)
    .map((part) => {
      const meta = /^metadata\[['"]([^'"]+)['"]\]:['"]([^'"]*)['"]$/.exec(part.trim());
      if (meta) return (pi) => pi.metadata[meta[1]!] === meta[2];
      const field = /^(status|customer|currency|amount):['"]?([^'"]*)['"]?$/.exec(part.trim());
      if (field) return (pi) => String(pi[field[1] as 'status']) === field[2];
      throw invalidParam(`The Stripe stand-in can't search with "${part}".`, 'query');
    });
}

/**
 * Stripe's search is eventually consistent ("data is typically searchable within a minute"); the stand-in
 * leaves out intents younger than `lagSeconds` (0 by default) to let a test show that.
 */
export function searchPaymentIntents(ctx: Ctx, lagSeconds: number) {
  const p = ctx.params.only('query', 'limit', 'page');
  const clauses = parseQuery(p.required('query'));
  const horizon = ctx.store.clock.seconds() - lagSeconds;
  const found = [...ctx.store.paymentIntents.values()]
    .filter((pi) => ctx.store.ownedBy(pi.id) === ctx.account && pi.created <= horizon)
    .filter((pi) => clauses.every((c) => c(pi)))
    .reverse();
  const limit = Math.min(Math.max(p.integer('limit') ?? 10, 1), 100);
  return {
    object: 'search_result' as const,
    data: found.slice(0, limit),
    has_more: found.length > limit,
    next_page: null,
    url: '/v1/payment_intents/search',
  };
}

export function retrieveEvent(ctx: Ctx): Stripe.Event {
  ctx.params.only();
  const event = ctx.store.events.find((e) => e.id === ctx.path.id);
  if (!event) throw noSuch('event', ctx.path.id!);
  return event;
}

export function listEvents(ctx: Ctx) {
  const p = ctx.params.only('type', 'limit', 'starting_after', 'ending_before', 'created', 'types');
  const type = p.string('type');
  return page(
    ctx,
    ctx.store.events.filter((e) => !type || e.type === type),
    '/v1/events',
  );
}

const EXPANDABLE: Record<string, (ctx: Ctx, id: string) => unknown> = {
  latest_charge: (ctx, id) => ctx.store.charges.get(id),
  payment_method: (ctx, id) => ctx.store.paymentMethods.get(id),
  customer: (ctx, id) => ctx.store.customers.get(id),
  payment_intent: (ctx, id) => ctx.store.paymentIntents.get(id),
  default_source: (ctx, id) => ctx.store.sources.get(id),
};

/** A copy of `body` with the `expand[]` paths (top level, or `data.x` in lists) replaced by their objects. */
export function expand(ctx: Ctx, body: unknown): unknown {
  const paths = ctx.params.strings('expand') ?? [];
  if (paths.length === 0 || typeof body !== 'object' || body === null) return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const path of paths) {
    const [head, field] = path.startsWith('data.') ? ['data', path.slice(5)] : [null, path];
    const load = EXPANDABLE[field];
    if (!load) throw invalidParam(`This property cannot be expanded (${path}).`, 'expand');
    const targets = head ? (copy.data as Record<string, unknown>[]) : [copy];
    for (const target of targets) {
      const id = target[field];
      if (typeof id === 'string') target[field] = structuredClone(load(ctx, id)) ?? id;
    }
  }
  return copy;
}
