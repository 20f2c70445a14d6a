// A loopback Stripe for tests: an HTTP server on 127.0.0.1 that speaks Stripe's v1 REST API as the
// official `stripe` SDK sends it, keeps state and follows Stripe's documented rules (test cards,
// PaymentIntent and SetupIntent lifecycles, 3-D Secure, idempotency, signed webhooks), with faults on
// demand. Start one per suite:
//
//   const stripe = await startStripeStandIn({ webhookUrl: `${server.url}/webhooks/stripe` });
//   const client = new Stripe(stripe.secretKey, stripe.clientOptions());
//   ...
//   await stripe.close();
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { Faults } from './faults.ts';
import { IdempotencyKeys } from './idempotency.ts';
import { routes } from './routes.ts';
import { handle, type Recorded, type ServerParts } from './server.ts';
import { Store, type Clock } from './store.ts';
import { authenticate, type Outcome } from './three-d-secure.ts';
import { Webhooks } from './webhooks.ts';

export type { Recorded } from './server.ts';
export type { Chaos, ChaosKind, Hold, Matcher, RequestInfo } from './faults.ts';
export type { Delivery, Signature } from './webhooks.ts';
export { KEY_LIFETIME_MS } from './idempotency.ts';

export interface StandInOptions {
  /** The account's secret key (default `sk_test_standin_…`). */
  secretKey?: string;
  /** More secret keys, each its own account (objects and idempotency keys are not shared). */
  otherSecretKeys?: string[];
  /** The endpoint's signing secret (default `whsec_standin_…`). */
  webhookSecret?: string;
  /** Where events are POSTed as they happen; none sent without it. */
  webhookUrl?: string;
  /** Seconds before a new PaymentIntent shows up in search results (Stripe's search lags; default 0). */
  searchLagSeconds?: number;
  /** Seed of the random choices of faults with a probability (default 1). */
  seed?: number;
}

/** What the stand-in holds, read-only copies for assertions. */
export interface StandInState {
  paymentIntents(): Stripe.PaymentIntent[];
  setupIntents(): Stripe.SetupIntent[];
  paymentMethods(): Stripe.PaymentMethod[];
  customers(): Stripe.Customer[];
  charges(): Stripe.Charge[];
  events(): Stripe.Event[];
  /** Succeeded charges by order id, from `metadata.tillkit_orders` (comma-separated) of the charge's intent. */
  successfulChargesByOrder(): Map<string, Stripe.Charge[]>;
  /** Orders with more than one succeeded charge (empty when "a charge happens at most once" held). */
  doublyCharged(): Map<string, Stripe.Charge[]>;
}

export interface StripeStandIn {
  readonly url: string;
  readonly port: number;
  readonly secretKey: string;
  readonly webhookSecret: string;
  /** Options for `new Stripe(secretKey, …)`: this host and port over http, no SDK retries. */
  clientOptions(): { host: string; port: number; protocol: 'http'; maxNetworkRetries: number };
  readonly faults: Faults;
  /** Every request seen, in order of arrival. */
  readonly requests: readonly Recorded[];
  readonly state: StandInState;
  readonly clock: Clock;
  readonly webhooks: Webhooks;
  /**
   * The issuer declines the next `times` charges (PaymentIntents or Charges) with this decline, whatever
   * the card: for declines no test card gives, such as insufficient funds on a card that was saved.
   */
  issuerDeclinesNext(decline: { code: string; decline_code?: string; message: string }, times?: number): void;
  /** Completes or fails the 3-D Secure challenge pending on a PaymentIntent or SetupIntent. */
  authenticate(intentId: string, outcome: Outcome): void;
  /** Waits until no request is in progress (held ones included) and every webhook delivery ended. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startStripeStandIn(options: StandInOptions = {}): Promise<StripeStandIn> {
  const secretKey = options.secretKey ?? 'sk_test_standin_4eC39HqLyjWDarjtT1zdp7dc';
  const accounts = new Map([secretKey, ...(options.otherSecretKeys ?? [])].map((k) => [k, k]));
  const store = new Store();
  const parts: ServerParts = {
    store,
    faults: new Faults(options.seed ?? 1),
    keys: new IdempotencyKeys(store.clock),
    accounts,
    table: routes({ searchLagSeconds: options.searchLagSeconds ?? 0 }),
    log: [],
    baseUrl: '',
  };
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const done = handle(parts, req, res).catch((error: unknown) => {
      console.error('stripe stand-in: request failed', error);
      res.socket?.destroy();
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  parts.baseUrl = `http://127.0.0.1:${port}`;
  const webhookSecret = options.webhookSecret ?? 'whsec_standin_0123456789abcdefghijklmnop';
  const webhooks = new Webhooks(store, webhookSecret, options.webhookUrl ?? null);

  const copies = <T>(map: Map<string, T>) => [...map.values()].map((x) => structuredClone(x));
  const successfulChargesByOrder = () => {
    const byOrder = new Map<string, Stripe.Charge[]>();
    for (const charge of store.charges.values()) {
      if (charge.status !== 'succeeded') continue;
      const intent = charge.payment_intent ? store.paymentIntents.get(charge.payment_intent as string) : null;
      const orders = (intent?.metadata ?? charge.metadata).tillkit_orders;
      for (const order of orders ? orders.split(',') : []) {
        byOrder.set(order, [...(byOrder.get(order) ?? []), structuredClone(charge)]);
      }
    }
    return byOrder;
  };
  const state: StandInState = {
    paymentIntents: () => copies(store.paymentIntents),
    setupIntents: () => copies(store.setupIntents),
    paymentMethods: () => copies(store.paymentMethods),
    customers: () => copies(store.customers),
    charges: () => copies(store.charges),
    events: () => store.events.map((e) => structuredClone(e)),
    successfulChargesByOrder,
    doublyCharged: () => new Map([...successfulChargesByOrder()].filter(([, charges]) => charges.length > 1)),
  };

  return {
    url: parts.baseUrl,
    port,
    secretKey,
    webhookSecret,
    clientOptions: () => ({ host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 }),
    faults: parts.faults,
    requests: parts.log,
    state,
    clock: store.clock,
    webhooks,
    issuerDeclinesNext: (decline, times = 1) => {
      for (let i = 0; i < times; i++) store.issuerDeclines.push(decline);
    },
    authenticate: (intentId, outcome) => authenticate(store, intentId, outcome),
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await webhooks.idle();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
