// What the stand-in knows: every object it made, typed with the `stripe` package's own types, who owns
// it (objects and idempotency keys belong to the account of the secret key that made them), the test
// card behind each payment method, and a clock tests can move.
import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import type { TestCard } from './cards.ts';
import type { Decline } from './errors.ts';

/** Seconds and milliseconds since the epoch, from a clock that can be set and advanced. */
export class Clock {
  #offset = 0;
  now(): number {
    return Date.now() + this.#offset;
  }
  seconds(): number {
    return Math.floor(this.now() / 1000);
  }
  advance(ms: number): void {
    this.#offset += ms;
  }
  set(at: Date | number): void {
    this.#offset = (typeof at === 'number' ? at : at.getTime()) - Date.now();
  }
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

/** A pending 3-D Secure challenge: one per confirmation that asked for it. */
export interface Authentication {
  readonly id: string;
  readonly intent: string;
  status: 'pending' | 'completed' | 'failed' | 'superseded';
  readonly returnUrl: string | null;
}

export interface PaymentMethodFacts {
  readonly card: TestCard;
  /** Set up for future payments (a succeeded SetupIntent, or a payment with setup_future_usage). */
  setUp: boolean;
  /** An unattached PaymentMethod is used by one intent only. */
  usedBy: string | null;
}

export class Store {
  readonly clock = new Clock();
  readonly customers = new Map<string, Stripe.Customer>();
  readonly paymentMethods = new Map<string, Stripe.PaymentMethod>();
  readonly paymentMethodFacts = new Map<string, PaymentMethodFacts>();
  readonly setupIntents = new Map<string, Stripe.SetupIntent>();
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  /** Whether the current confirmation of an intent has been authenticated (manual confirmation waits for it). */
  readonly authenticated = new Set<string>();
  readonly authentications = new Map<string, Authentication>();
  /** The return_url an intent was last confirmed with (Stripe keeps it for the redirect). */
  readonly returnUrls = new Map<string, string>();
  readonly charges = new Map<string, Stripe.Charge>();
  readonly tokens = new Map<string, Stripe.Token>();
  readonly sources = new Map<string, Stripe.Card>();
  readonly sourceCards = new Map<string, TestCard>();
  readonly tokenCards = new Map<string, TestCard>();
  readonly events: Stripe.Event[] = [];
  /** Issuer declines a test asked for, used by the next charges whatever their card. */
  readonly issuerDeclines: Decline[] = [];
  readonly #owners = new Map<string, string>();

  own(id: string, account: string): void {
    this.#owners.set(id, account);
  }

  /** The object if it exists and belongs to `account` (another account's object is "No such …" too). */
  find<T>(map: Map<string, T>, id: string, account: string): T | undefined {
    const found = map.get(id);
    return found !== undefined && this.#owners.get(id) === account ? found : undefined;
  }

  ownedBy(id: string): string | undefined {
    return this.#owners.get(id);
  }
}
