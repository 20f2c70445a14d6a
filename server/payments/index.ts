import type { Config } from '../config.ts';
import type { PaymentProcessor } from './processor.ts';
import { StripeProcessor } from './stripe-processor.ts';
import { TestProcessor } from './test-processor.ts';

export type { PaymentProcessor } from './processor.ts';

export function createProcessor(config: Config, now: () => number = Date.now): PaymentProcessor {
  if (config.payments === 'stripe') {
    return new StripeProcessor({ secretKey: config.stripeSecretKey!, apiUrl: config.stripeApiUrl });
  }
  return new TestProcessor(now);
}
