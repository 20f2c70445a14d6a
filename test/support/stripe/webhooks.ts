// Webhook events as Stripe sends them: a JSON POST signed with `Stripe-Signature: t=…,v1=…`, the
// HMAC-SHA256 of `${t}.${payload}` keyed with the endpoint's `whsec_` secret, so that the SDK's
// `stripe.webhooks.constructEvent` verifies them (300 s tolerance by default). Events go out as they
// happen when an endpoint is set; tests can also pause them and send them again, twice, out of order,
// wrongly signed or stale.
import { createHmac } from 'node:crypto';
import type Stripe from 'stripe';
import { onEvent } from './context.ts';
import { seededRandom } from './faults.ts';
import type { Store } from './store.ts';

export type Signature = 'valid' | 'wrong-secret' | 'tampered' | 'stale' | 'missing';

export interface Delivery {
  readonly event: string;
  readonly type: string;
  readonly signature: Signature;
  readonly status: number | null;
  readonly error: string | null;
}

export class Webhooks {
  readonly secret: string;
  endpoint: string | null;
  readonly deliveries: Delivery[] = [];
  readonly #store: Store;
  readonly #pending = new Set<Promise<unknown>>();
  #paused = false;
  readonly #queue: Stripe.Event[] = [];

  constructor(store: Store, secret: string, endpoint: string | null) {
    this.#store = store;
    this.secret = secret;
    this.endpoint = endpoint;
    onEvent(store, (event) => {
      if (this.endpoint === null) return;
      if (this.#paused) this.#queue.push(event);
      else this.#track(this.send(event));
    });
  }

  /** The `Stripe-Signature` header for a payload: `t=<seconds>,v1=<hex hmac>`. */
  sign(payload: string, { timestamp = this.#store.clock.seconds(), secret = this.secret } = {}): string {
    const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
    return `t=${timestamp},v1=${v1}`;
  }

  /** The payload and header of a delivery, signed as asked: for tests that post it themselves. */
  signed(event: Stripe.Event, signature: Signature = 'valid'): { payload: string; header: string | null } {
    const payload = JSON.stringify(event, null, 2);
    const now = this.#store.clock.seconds();
    switch (signature) {
      case 'valid':
        return { payload, header: this.sign(payload) };
      case 'wrong-secret':
        return { payload, header: this.sign(payload, { secret: `${this.secret}_wrong` }) };
      case 'tampered':
        return { payload: payload.replace('"livemode": false', '"livemode": true'), header: this.sign(payload) };
      case 'stale':
        return { payload, header: this.sign(payload, { timestamp: now - 301 }) };
      case 'missing':
        return { payload, header: null };
    }
  }

  /** POSTs one event to the endpoint (or `url`) and records the answer. */
  async send(
    event: Stripe.Event,
    { signature = 'valid', url = this.endpoint }: { signature?: Signature; url?: string | null } = {},
  ): Promise<Delivery> {
    if (!url) throw new Error('no webhook endpoint: pass webhookUrl or set stripe.webhooks.endpoint');
    const { payload, header } = this.signed(event, signature);
    let delivery: Delivery;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          ...(header ? { 'Stripe-Signature': header } : {}),
        },
        body: payload,
      });
      await response.arrayBuffer();
      delivery = { event: event.id, type: event.type, signature, status: response.status, error: null };
    } catch (error) {
      delivery = { event: event.id, type: event.type, signature, status: null, error: String(error) };
    }
    this.deliveries.push(delivery);
    return delivery;
  }

  /** Keeps new events instead of sending them, until `flush`. */
  pause(): void {
    this.#paused = true;
  }

  /**
   * Sends the kept events (and resumes): in order, reversed or shuffled (from `seed`), each `copies`
   * times — Stripe delivers at least once and in no guaranteed order.
   */
  async flush({
    order = 'as-is',
    copies = 1,
    seed = 1,
  }: { order?: 'as-is' | 'reverse' | 'shuffle'; copies?: number; seed?: number } = {}) {
    this.#paused = false;
    const events = this.#queue.splice(0);
    if (order === 'reverse') events.reverse();
    if (order === 'shuffle') {
      const random = seededRandom(seed);
      for (let i = events.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [events[i], events[j]] = [events[j]!, events[i]!];
      }
    }
    const deliveries: Delivery[] = [];
    for (const event of events) for (let c = 0; c < copies; c++) deliveries.push(await this.send(event));
    return deliveries;
  }

  /** Waits for the deliveries already started. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  #track(promise: Promise<unknown>): void {
    this.#pending.add(promise);
    void promise.finally(() => this.#pending.delete(promise));
  }
}
