import { randomUUID } from 'node:crypto';
import { claimDue, releaseLease } from '../model/payment-state.ts';
import { lockPayment, type PaymentRow } from '../model/payments.ts';
import { check, drive, resolve } from './drive.ts';
import { startCancel, type Lease, type PaymentDeps } from './steps.ts';

/** How many payments one pass takes at a time. */
const BATCH = 20;

/**
 * Settles what no request is settling: payments whose outcome is unknown (a lost answer, a crash, a
 * server stopped mid-call), by asking the processor; and authentications left pending past the deadline:
 * one completed but never confirmed is confirmed (the customer authenticated this very payment), one
 * still pending is canceled at the processor and its orders are payable again (DECLINED). Runs at
 * start-up and every `reconcileIntervalMs`. Each payment is leased (`FOR UPDATE SKIP LOCKED`), so
 * servers sharing a database never work on the same one, and a dead server's are taken over when its
 * leases end.
 */
export class Reconciler {
  readonly #deps: PaymentDeps;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(deps: PaymentDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#stopped = false;
    void this.run();
    this.#timer = setInterval(() => void this.run(), this.#deps.config.reconcileIntervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#running;
  }

  /** One pass (not two at once in a process); resolves when it is done. */
  run(): Promise<void> {
    this.#running ??= this.#pass().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #pass(): Promise<void> {
    const { db, now, config } = this.#deps;
    try {
      for (let rounds = 0; rounds < 50 && !this.#stopped; rounds++) {
        const at = now();
        const lease: Lease = { token: `reconciler-${randomUUID()}`, until: at + config.paymentLeaseMs };
        const due = await claimDue(db, at, lease, at - config.authDeadlineMs, BATCH);
        if (due.length === 0) return;
        for (const payment of due) {
          if (this.#stopped) {
            await releaseLease(db, payment.id, lease.token);
            continue;
          }
          await this.#settle(payment, lease).catch(async (error: unknown) => {
            console.error(
              `reconciler: payment ${payment.id}: ${error instanceof Error ? error.message : String(error)}`,
            );
            await releaseLease(db, payment.id, lease.token).catch(() => {});
          });
        }
      }
    } catch (error) {
      if (!this.#stopped) console.error(`reconciler: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async #settle(payment: PaymentRow, lease: Lease): Promise<void> {
    if (payment.current_state === 'processing') {
      await resolve(this.#deps, payment, lease);
      return;
    }
    // An authentication past its deadline: has the customer finished it? Then it is confirmed.
    const checked = await check(this.#deps, payment, lease);
    if (checked.current_state !== 'requires_action') return;
    const { db, now } = this.#deps;
    const at = now();
    const started = await db.transaction(async (tx) => {
      const p = (await lockPayment(tx, payment.id))!;
      if (p.current_state !== 'requires_action' || (p.lease_until !== null && p.lease_until >= at)) return undefined;
      return startCancel(tx, p, 'abandoned', lease, at);
    });
    if (started) await drive(this.#deps, started.payment, started.call, lease, true);
  }
}
