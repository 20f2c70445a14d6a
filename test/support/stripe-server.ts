import type { StartOptions } from '../../server/start.ts';
import { startTestServer, type TestServer } from './server.ts';
import type { StripeStandIn } from './stripe/index.ts';

/** A reference server that pays through the Stripe stand-in: its account's secret key, its address. */
export function startStripeServer(stand: StripeStandIn, options: StartOptions = {}): Promise<TestServer> {
  return startTestServer({ payments: 'stripe', stripeSecretKey: stand.secretKey, stripeApiUrl: stand.url, ...options });
}
