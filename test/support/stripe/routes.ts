// The REST endpoints the stand-in serves, as the official SDK calls them.
import type { Ctx } from './context.ts';
import {
  attachPaymentMethod,
  createCustomer,
  createPaymentMethod,
  detachPaymentMethod,
  listCustomerPaymentMethods,
  retrieveCustomer,
  retrievePaymentMethod,
  updateCustomer,
} from './customers.ts';
import { createCharge, createSource, createToken, retrieveCharge, retrieveSource, retrieveToken } from './legacy.ts';
import { cancelPaymentIntent, updatePaymentIntent } from './payment-intent-changes.ts';
import { confirmPaymentIntent, createPaymentIntent, retrievePaymentIntent } from './payment-intents.ts';
import { listCharges, listEvents, listPaymentIntents, retrieveEvent, searchPaymentIntents } from './queries.ts';
import { cancelSetupIntent, confirmSetupIntent, createSetupIntent, retrieveSetupIntent } from './setup-intents.ts';

export type Handler = (ctx: Ctx) => unknown;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: string[];
  readonly handler: Handler;
}

function route(method: string, path: string, handler: Handler): Route {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  return { method, pattern, names, handler };
}

export function routes(options: { searchLagSeconds: number }): Route[] {
  return [
    route('POST', '/v1/customers', createCustomer),
    route('GET', '/v1/customers/:id', retrieveCustomer),
    route('POST', '/v1/customers/:id', updateCustomer),
    route('GET', '/v1/customers/:id/payment_methods', listCustomerPaymentMethods),
    route('POST', '/v1/customers/:id/sources', createSource),
    route('GET', '/v1/customers/:id/sources/:source', retrieveSource),
    route('POST', '/v1/payment_methods', createPaymentMethod),
    route('GET', '/v1/payment_methods/:id', retrievePaymentMethod),
    route('POST', '/v1/payment_methods/:id/attach', attachPaymentMethod),
    route('POST', '/v1/payment_methods/:id/detach', detachPaymentMethod),
    route('POST', '/v1/setup_intents', createSetupIntent),
    route('GET', '/v1/setup_intents/:id', retrieveSetupIntent),
    route('POST', '/v1/setup_intents/:id/confirm', confirmSetupIntent),
    route('POST', '/v1/setup_intents/:id/cancel', cancelSetupIntent),
    route('GET', '/v1/payment_intents', listPaymentIntents),
    route('GET', '/v1/payment_intents/search', (ctx) => searchPaymentIntents(ctx, options.searchLagSeconds)),
    route('POST', '/v1/payment_intents', createPaymentIntent),
    route('GET', '/v1/payment_intents/:id', retrievePaymentIntent),
    route('POST', '/v1/payment_intents/:id', updatePaymentIntent),
    route('POST', '/v1/payment_intents/:id/confirm', confirmPaymentIntent),
    route('POST', '/v1/payment_intents/:id/cancel', cancelPaymentIntent),
    route('POST', '/v1/tokens', createToken),
    route('GET', '/v1/tokens/:id', retrieveToken),
    route('POST', '/v1/charges', createCharge),
    route('GET', '/v1/charges', listCharges),
    route('GET', '/v1/charges/:id', retrieveCharge),
    route('GET', '/v1/events', listEvents),
    route('GET', '/v1/events/:id', retrieveEvent),
  ];
}

export function findRoute(
  table: Route[],
  method: string,
  path: string,
): { handler: Handler; params: Record<string, string> } | null {
  for (const r of table) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
    return { handler: r.handler, params };
  }
  return null;
}
