// Faults on demand, for tests: hold a request's answer until released (before acting, or after acting),
// drop it (after acting the effect happened but the client sees a reset connection: the nastiest case),
// fail it (500/503/429 without acting, or a 500 after acting, which Stripe saves under the idempotency
// key like any answer), or delay it. Rules apply to the next `times` matching requests, each with a
// probability; `chaos` spreads random faults over many requests from a seed, for soak tests.
import type { FormObject } from './form.ts';

/** A request as the stand-in saw it, for matching faults and for assertions. */
export interface RequestInfo {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly params: FormObject;
  readonly idempotencyKey: string | null;
  readonly account: string | null;
}

export type Matcher =
  ((request: RequestInfo) => boolean) | { method?: string; path?: string | RegExp; idempotencyKey?: string | RegExp };

export type When = 'before' | 'after';
export type Action =
  | {
      readonly kind: 'hold';
      readonly when: When;
      readonly wait: Promise<void>;
      /** Called by the server when it starts holding the request. */
      readonly caught: (request: RequestInfo) => void;
    }
  | { readonly kind: 'drop'; readonly when: When }
  | { readonly kind: 'fail'; readonly when: When; readonly status: number }
  | { readonly kind: 'delay'; readonly when: When; readonly ms: number };

export interface RuleOptions {
  /** How many matching requests the rule applies to (default 1; Infinity for all). */
  times?: number;
  /** The chance that a matching request is hit (default 1); uses the stand-in's seeded random. */
  probability?: number;
}

interface Rule {
  readonly match: (r: RequestInfo) => boolean;
  readonly make: () => Action;
  remaining: number;
  readonly probability: number;
}

export interface Hold {
  /** Resolves with the first request the hold caught. */
  readonly arrived: Promise<RequestInfo>;
  /** Lets every request caught so far go on, and stops catching new ones. */
  release(): void;
  readonly caught: number;
}

export type ChaosKind = 'drop-before' | 'drop-after' | 'fail-before' | 'fail-after' | 'rate-limit' | 'delay';

export interface Chaos {
  /** How many requests each kind of fault hit. */
  readonly counts: Readonly<Record<ChaosKind, number>>;
  stop(): void;
}

/** mulberry32: a small seeded generator, so a chaos run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matcher(match: Matcher): (r: RequestInfo) => boolean {
  if (typeof match === 'function') return match;
  const test = (pattern: string | RegExp | undefined, value: string | null) =>
    pattern === undefined ||
    (value !== null && (typeof pattern === 'string' ? pattern === value : pattern.test(value)));
  return (r) =>
    (match.method === undefined || match.method.toUpperCase() === r.method) &&
    test(match.path, r.path) &&
    test(match.idempotencyKey, r.idempotencyKey);
}

export class Faults {
  #rules: Rule[] = [];
  #random: () => number;
  constructor(seed = 1) {
    this.#random = seededRandom(seed);
  }

  seed(seed: number): void {
    this.#random = seededRandom(seed);
  }

  /** Holds the answer of matching requests: `before` the stand-in acts, or `after` it acted. */
  hold(match: Matcher, { when = 'before', ...options }: RuleOptions & { when?: When } = {}): Hold {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let first!: (r: RequestInfo) => void;
    const arrived = new Promise<RequestInfo>((resolve) => (first = resolve));
    let caught = 0;
    const onCaught = (r: RequestInfo) => {
      caught++;
      first(r);
    };
    const rule = this.#add(match, options, () => ({ kind: 'hold', when, wait: released, caught: onCaught }));
    return {
      arrived,
      release: () => {
        rule.remaining = 0;
        release();
      },
      get caught() {
        return caught;
      },
    };
  }

  /** Destroys the connection instead of answering: after acting by default (the effect happened). */
  drop(match: Matcher, { when = 'after', ...options }: RuleOptions & { when?: When } = {}): void {
    this.#add(match, options, () => ({ kind: 'drop', when }));
  }

  /** Answers an error: 500/503 `before` acting (nothing happened) by default, or a 500 `after` acting. */
  fail(
    match: Matcher,
    { status = 500, when = 'before', ...options }: RuleOptions & { status?: number; when?: When } = {},
  ) {
    this.#add(match, options, () => ({ kind: 'fail', when, status }));
  }

  /** Stripe's 429 rate limit, refused before anything happens. */
  rateLimit(match: Matcher, options: RuleOptions = {}): void {
    this.fail(match, { ...options, status: 429, when: 'before' });
  }

  delay(match: Matcher, ms: number, { when = 'before', ...options }: RuleOptions & { when?: When } = {}): void {
    this.#add(match, options, () => ({ kind: 'delay', when, ms }));
  }

  /** Random faults on a share (`rate`) of the matching requests, of the given kinds, from a seed. */
  chaos({
    match = () => true,
    rate,
    seed,
    kinds = ['drop-before', 'drop-after', 'fail-before', 'fail-after', 'rate-limit', 'delay'],
    delayMs = 20,
  }: {
    match?: Matcher;
    rate: number;
    seed: number;
    kinds?: ChaosKind[];
    delayMs?: number;
  }): Chaos {
    const random = seededRandom(seed);
    const counts = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<ChaosKind, number>;
    const test = matcher(match);
    const make = (kind: ChaosKind): Action => {
      counts[kind]++;
      if (kind === 'drop-before' || kind === 'drop-after')
        return { kind: 'drop', when: kind === 'drop-before' ? 'before' : 'after' };
      if (kind === 'fail-before') return { kind: 'fail', when: 'before', status: 503 };
      if (kind === 'fail-after') return { kind: 'fail', when: 'after', status: 500 };
      if (kind === 'rate-limit') return { kind: 'fail', when: 'before', status: 429 };
      return { kind: 'delay', when: 'before', ms: delayMs };
    };
    let next: ChaosKind = kinds[0]!;
    const rule: Rule = {
      match: (r) => {
        if (!test(r) || random() >= rate) return false;
        next = kinds[Math.floor(random() * kinds.length)]!;
        return true;
      },
      make: () => make(next),
      remaining: Infinity,
      probability: 1,
    };
    this.#rules.push(rule);
    return { counts, stop: () => void (rule.remaining = 0) };
  }

  /** Removes every rule (a hold already caught keeps waiting for its release). */
  clear(): void {
    this.#rules = [];
  }

  /** The actions for one request, consuming the rules that matched. */
  plan(request: RequestInfo): Action[] {
    const actions: Action[] = [];
    for (const rule of this.#rules) {
      if (rule.remaining <= 0 || !rule.match(request)) continue;
      if (rule.probability < 1 && this.#random() >= rule.probability) continue;
      rule.remaining--;
      actions.push(rule.make());
    }
    this.#rules = this.#rules.filter((r) => r.remaining > 0);
    return actions;
  }

  #add(match: Matcher, { times = 1, probability = 1 }: RuleOptions, make: () => Action): Rule {
    const rule: Rule = { match: matcher(match), make, remaining: times, probability };
    this.#rules.push(rule);
    return rule;
  }
}
