import type { Database } from '../db/database.ts';
import {
  PaymentMethodError,
  cardObject,
  type AttachRequest,
  type AttachResult,
  type ChargeRequest,
  type ChargeResult,
} from './legacy-types.ts';
import type {
  CancelParams,
  ConfirmParams,
  CustomerRequest,
  IntentAnswer,
  IntentParams,
  IntentState,
  PaymentMethodState,
  PaymentProcessor,
  SetupState,
} from './processor.ts';
import { TEST_TOKENS, cardOf, testToken } from './test-cards.ts';
import {
  closeChallenges,
  confirmIntent,
  confirmSetup,
  newIntent,
  newSetup,
  settleChallenge,
  type TestChallenge,
  type TestIntent,
  type TestPaymentMethod,
  type TestSetup,
} from './test-intents.ts';
import { fingerprint, inStore, madeOnce, storeOf, testId, TestTx, type Made } from './test-store.ts';

export { TEST_TOKENS } from './test-cards.ts';

/** What the test authentication page shows and does. */
export interface ChallengeView {
  readonly challenge: TestChallenge;
  /** What is being authenticated: a payment's amount, or saving a card. */
  readonly amount: number | null;
  readonly currency: string | null;
  readonly clientSecret: string | null;
}

const intentOf = ({ customer: _c, authenticated: _a, ...state }: TestIntent): IntentState => state;
const setupOf = ({ metadata: _m, ...state }: TestSetup): SetupState => state;

/**
 * The default processor: offline, with Stripe's test-mode behaviours, its objects in the server's
 * database (bound by `startServer` through `useDatabase`). Only Stripe's test tokens and test
 * PaymentMethods are accepted, so it can not be mistaken for taking real money.
 */
export class TestProcessor implements PaymentProcessor {
  readonly name = 'test';
  readonly #now: () => number;
  #db: Database | undefined;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The database its objects live in (the server's). */
  useDatabase(db: Database): void {
    this.#db = db;
  }

  #store<T>(fn: (tx: TestTx) => Promise<T>): Promise<T> {
    return inStore(this.#db, this.#now, fn);
  }

  /** One statement, outside any transaction: a lone read or write. */
  #alone<T>(fn: (store: TestTx) => Promise<T>): Promise<T> {
    return fn(new TestTx(storeOf(this.#db), this.#now()));
  }

  /** A create: its objects and its key written in one statement (`madeOnce`). */
  #madeOnce<T>(key: string, endpoint: string, params: unknown, make: () => { result: T; made: readonly Made[] }) {
    return madeOnce(this.#db, this.#now(), key, endpoint, params, make);
  }

  #year(): number {
    return new Date(this.#now()).getUTCFullYear();
  }

  currencyProblem(): null {
    return null;
  }

  async attach({ token, customerId }: AttachRequest): Promise<AttachResult> {
    const card = testToken(token);
    if (!card) {
      throw new PaymentMethodError(
        400,
        'token-invalid',
        `No such token: '${token}'. The test processor accepts Stripe's test tokens (tok_visa, tok_mastercard, tok_amex, tok_chargeDeclined, ...)`,
      );
    }
    return {
      customerId: customerId ?? testId('cus'),
      card: cardObject({
        id: testId('card'),
        brand: card.brand,
        last4: card.last4,
        funding: card.funding,
        exp_month: 12,
        exp_year: this.#year() + 3,
        country: 'US',
        fingerprint: fingerprint(card.brand, card.last4),
        cvc_check: 'unchecked',
      }),
    };
  }

  /** A charge of a token's card, once per idempotency key (a repeat gets the first answer). */
  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const card = TEST_TOKENS[request.token];
    if (!card) throw new Error(`test processor: unknown token ${request.token}`);
    const params = {
      amount: request.amount,
      currency: request.currency.toLowerCase(),
      customer: request.customerId,
      source: request.card.id,
      description: request.description,
      metadata: request.metadata,
    };
    return this.#madeOnce(request.idempotencyKey, 'charges.create', params, () => {
      const id = testId('ch');
      const result: ChargeResult = card.decline
        ? { outcome: 'declined', id, ...card.decline }
        : { outcome: 'succeeded', id };
      const charge = { id, customer: request.customerId, idempotency_key: request.idempotencyKey, result };
      return { result, made: [{ kind: 'charge', object: charge }] };
    });
  }

  async findCharge(customerId: string, key: string): Promise<ChargeResult | null> {
    return this.#alone(async (store) => {
      const found = await store.find<{ customer: string; result: ChargeResult }>('charge', 'idempotency_key', key);
      return found.find((c) => c.customer === customerId)?.result ?? null;
    });
  }

  async ensureCustomer({ customerId }: CustomerRequest): Promise<string> {
    if (customerId) return customerId;
    const id = testId('cus');
    await this.#alone((store) => store.put('customer', { id }));
    return id;
  }

  async createSetupIntent(
    customer: string,
    metadata: Readonly<Record<string, string>>,
    key: string,
  ): Promise<SetupState> {
    return this.#madeOnce(key, 'setup_intents.create', { customer, metadata }, () => {
      const setup = newSetup(customer, metadata);
      return { result: setupOf(setup), made: [{ kind: 'setup_intent', object: setup }] };
    });
  }

  async confirmSetupIntent(id: string, params: ConfirmParams, key: string): Promise<SetupState> {
    return this.#store((tx) =>
      tx.once(key, `setup_intents.confirm ${id}`, params, async () => {
        const setup = await tx.get<TestSetup>('setup_intent', id);
        if (!setup) throw new PaymentMethodError(400, 'resource_missing', `No such setup_intent: '${id}'`);
        if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(setup.status)) {
          throw new PaymentMethodError(400, 'setup_intent_unexpected_state', `This SetupIntent is ${setup.status}.`);
        }
        return setupOf(await confirmSetup(tx, { ...setup }, params));
      }),
    );
  }

  async retrieveSetupIntent(id: string): Promise<SetupState> {
    const setup = await this.#alone((store) => store.get<TestSetup>('setup_intent', id));
    if (!setup) throw new PaymentMethodError(400, 'resource_missing', `No such setup_intent: '${id}'`);
    return setupOf(setup);
  }

  async retrievePaymentMethod(id: string): Promise<PaymentMethodState> {
    const pm = await this.#alone((store) => store.get<TestPaymentMethod>('payment_method', id));
    if (!pm) throw new PaymentMethodError(400, 'resource_missing', `No such PaymentMethod: '${id}'`);
    return { id: pm.id, customer: pm.customer, card: cardOf(pm, this.#year()) };
  }

  async createIntent(params: IntentParams, key: string): Promise<IntentAnswer> {
    return this.#madeOnce(key, 'payment_intents.create', params, () => {
      const intent = newIntent(params);
      return {
        result: { kind: 'intent', intent: intentOf(intent) } as const,
        made: [{ kind: 'payment_intent', object: intent }],
      };
    });
  }

  async confirmIntent(id: string, params: ConfirmParams, key: string): Promise<IntentAnswer> {
    try {
      return await this.#store((tx) =>
        tx.once(key, `payment_intents.confirm ${id}`, params, async () => {
          const intent = await this.#intent(tx, id);
          return { kind: 'intent', intent: intentOf(await confirmIntent(tx, { ...intent }, params)) } as const;
        }),
      );
    } catch (error) {
      if (!(error instanceof PaymentMethodError)) throw error;
      return {
        kind: 'refused',
        error: {
          code: error.code,
          decline_code: error.declineCode,
          message: error.message,
          payment_method: params.payment_method ?? null,
        },
      };
    }
  }

  async cancelIntent(id: string, params: CancelParams, key: string): Promise<IntentAnswer> {
    return this.#store((tx) =>
      tx.once(key, `payment_intents.cancel ${id}`, params, async () => {
        const intent = { ...(await this.#intent(tx, id)) };
        if (intent.status !== 'succeeded' && intent.status !== 'canceled') {
          await closeChallenges(tx, id);
          Object.assign(intent, { status: 'canceled', next_action: null });
          await tx.put('payment_intent', intent);
        }
        return { kind: 'intent', intent: intentOf(intent) } as const;
      }),
    );
  }

  async retrieveIntent(id: string): Promise<IntentState> {
    return intentOf(await this.#alone((store) => this.#intent(store, id)));
  }

  async #intent(tx: TestTx, id: string): Promise<TestIntent> {
    const intent = await tx.get<TestIntent>('payment_intent', id);
    if (!intent) throw new Error(`test processor: no such payment_intent ${id}`);
    return intent;
  }

  /** The challenge behind a test authentication page, with what it authenticates; undefined if unknown. */
  async challenge(id: string): Promise<ChallengeView | undefined> {
    return this.#store(async (tx) => {
      const challenge = await tx.get<TestChallenge>('challenge', id);
      if (!challenge) return undefined;
      const intent = challenge.intent.startsWith('pi_')
        ? await tx.get<TestIntent>('payment_intent', challenge.intent)
        : undefined;
      const setup = intent ? undefined : await tx.get<TestSetup>('setup_intent', challenge.intent);
      return {
        challenge,
        amount: intent?.amount ?? null,
        currency: intent?.currency ?? null,
        clientSecret: intent?.client_secret ?? setup?.client_secret ?? null,
      };
    });
  }

  /** The customer completed or failed a pending challenge; the intent as it now is (null if not pending). */
  async authenticate(id: string, outcome: 'complete' | 'fail'): Promise<IntentState | SetupState | null> {
    return this.#store(async (tx) => {
      const challenge = await tx.get<TestChallenge>('challenge', id);
      if (challenge?.status !== 'pending') return null;
      const settled = await settleChallenge(tx, challenge, outcome);
      return 'amount' in settled ? intentOf(settled as TestIntent) : setupOf(settled as TestSetup);
    });
  }
}
