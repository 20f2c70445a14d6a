import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { ButtonApi, type Outcome } from './api.ts';
import { claimDue, markFailed, markSent, nextDue, releaseClaim, retryLater, type ReportRow } from './outbox.ts';

export interface ButtonReporterOptions {
  readonly apiKey: string;
  readonly apiUrl: string;
  /** Longest sleep between looks at the outbox (other servers may write to it). Default 1 s. */
  readonly pollMs?: number;
  /** First retry delay; doubles per attempt, with jitter, up to `maxDelayMs`. Defaults 1 s and 5 min. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** One request's time limit. Default 10 s. */
  readonly timeoutMs?: number;
  /** How long a claim holds a row before another sender may take it over (a crashed sender). Default 2 min. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  readonly log?: (message: string) => void;
}

type Timings = Required<Omit<ButtonReporterOptions, 'apiKey' | 'apiUrl' | 'fetch' | 'log'>>;

/**
 * Sends the outbox. One loop per server: claim due rows (`FOR UPDATE SKIP LOCKED`, then a lease, so
 * several servers on one PostgreSQL never take the same row), send each, record the outcome. A row is
 * due when its time has come and no earlier row of the same order is still pending or failed: an
 * update never overtakes its create, a delete never overtakes an update.
 */
export class ButtonReporter {
  private readonly db: Database;
  private readonly now: () => number;
  private readonly o: Timings;
  private readonly log: (message: string) => void;
  private readonly api: ButtonApi;
  private stopping = false;
  private woken = false;
  private wakeUp: (() => void) | null = null;
  private readonly stopController = new AbortController();
  private running: Promise<void> | null = null;

  constructor(db: Database, options: ButtonReporterOptions, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
    const { apiKey, apiUrl, fetch: fetcher, log, ...timings } = options;
    this.o = {
      pollMs: 1000,
      baseDelayMs: 1000,
      maxDelayMs: 5 * 60_000,
      timeoutMs: 10_000,
      leaseMs: 2 * 60_000,
      batchSize: 20,
      random: Math.random,
      ...timings,
    };
    this.log = log ?? ((message) => console.warn(message));
    this.api = new ButtonApi({
      apiKey,
      apiUrl,
      timeoutMs: this.o.timeoutMs,
      fetch: fetcher ?? globalThis.fetch,
      stopSignal: this.stopController.signal,
    });
  }

  start(): this {
    this.running ??= this.loop();
    return this;
  }

  /** Look at the outbox now (a transaction just queued a report). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops the loop: a request in flight is aborted and recorded as an unknown outcome (retried later). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopController.abort();
    this.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        if (this.stopping) break;
        this.log(`Button reporter: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (this.stopping) break;
      if (claimed >= this.o.batchSize) continue;
      let delay = this.o.pollMs;
      try {
        delay = await this.untilNextDue();
      } catch {
        // the database is busy or gone; poll again later
      }
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopping) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** How long until the next row is due (bounded by the poll interval, so other servers' rows are seen). */
  private async untilNextDue(): Promise<number> {
    const at = await nextDue(this.db);
    if (at === null) return this.o.pollMs;
    return Math.max(5, Math.min(this.o.pollMs, at - this.now()));
  }

  /** Claims a batch of due rows and sends them, one at a time. Returns how many were claimed. */
  async runOnce(): Promise<number> {
    const at = this.now();
    const token = randomUUID();
    const rows = await claimDue(this.db, at, this.o.batchSize, at + this.o.leaseMs, token);
    for (const row of rows) {
      if (this.stopping) {
        await releaseClaim(this.db, row, token);
        continue;
      }
      await this.record(row, token, await this.api.deliver(row));
    }
    return rows.length;
  }

  private async record(row: ReportRow, token: string, outcome: Outcome): Promise<void> {
    const at = this.now();
    if (outcome.result === 'sent') return markSent(this.db, row, token, at, outcome.status, outcome.note ?? null);
    const { error } = outcome;
    if (outcome.result === 'failed') {
      this.log(
        `Button reporter: ${row.kind} of order ${row.order_id} refused (${outcome.status}): ${error}; see GET /admin/reports`,
      );
      return markFailed(this.db, row, token, at, outcome.status, error);
    }
    const delay = Math.max(this.backoff(row.attempts), Math.min(outcome.retryAfterMs ?? 0, this.o.maxDelayMs));
    if (!this.stopping)
      this.log(`Button reporter: ${row.kind} of order ${row.order_id} will be retried in ${delay} ms (${error})`);
    await retryLater(this.db, row, token, at, at + delay, outcome.status, error);
  }

  /** Exponential backoff with jitter, capped: attempt n waits between ½ and 1 × min(max, base × 2^(n−1)). */
  backoff(attempts: number): number {
    const ceiling = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
    return Math.round(ceiling / 2 + (this.o.random() * ceiling) / 2);
  }
}
