import { Params, type Queryable } from '../db/database.ts';
import type { AttemptError, NextAction } from '../payments/processor.ts';
import type { PaymentRow, PaymentState } from './payments.ts';

/**
 * A payment's state as its attempts move it, and who may work on it. A process (a request, the
 * reconciler, a webhook) that calls the processor for a payment first takes its lease (`lease_until`,
 * `lease_token`) in a transaction; another process leaves a leased payment alone until the lease ends,
 * so a live attempt is never doubled, and a dead process's payment is taken over when it expires.
 */

export interface StateChange {
  readonly state: PaymentState;
  readonly intentId?: string | null;
  readonly clientSecret?: string | null;
  /** The authentication asked for (requires_action), or null. */
  readonly nextAction?: NextAction | null;
  /** The processor's charge (the successful one, or the declined attempt's). */
  readonly chargeId?: string | null;
  /** Why the attempt failed, or null to clear it. */
  readonly error?: AttemptError | null;
  /** Another payment method now pays (an attempt with another card). */
  readonly paymentMethodId?: string;
  /** The lease to keep (a call follows), or null to let the payment go. */
  readonly lease?: { readonly until: number; readonly token: string } | null;
}

/**
 * The UPDATE of a state change (its parameters added to `q`), `RETURNING *`; `where` narrows it (a
 * statement that writes it with others gates it so). Fields not named keep their value.
 */
export function stateChangeSql(q: Params, id: string, c: StateChange, at: number, where = 'TRUE'): string {
  const when = q.add(at);
  const sets: string[] = [`current_state = ${q.add(c.state)}`, `modified = ${when}::bigint`];
  const set = (column: string, value: unknown, cast = '') => sets.push(`${column} = ${q.add(value)}${cast}`);
  if (c.intentId !== undefined) set('intent_id', c.intentId);
  if (c.clientSecret !== undefined) set('client_secret', c.clientSecret);
  if (c.nextAction !== undefined)
    set('next_action', c.nextAction === null ? null : JSON.stringify(c.nextAction), '::jsonb');
  if (c.chargeId !== undefined) set('charge_id', c.chargeId);
  if (c.paymentMethodId !== undefined) set('payment_method_id', c.paymentMethodId);
  if (c.error !== undefined) {
    set('error_code', c.error?.code ?? null);
    set('decline_code', c.error?.decline_code ?? null);
    set('error_message', c.error?.message ?? null);
  }
  if (c.lease !== undefined) {
    set('lease_until', c.lease?.until ?? null, '::bigint');
    set('lease_token', c.lease?.token ?? null);
  }
  if (c.state === 'succeeded') sets.push(`payment_date = ${when}::bigint`);
  // The deadline of an authentication counts from when it was first asked for, until it ends.
  if (c.state === 'requires_action') sets.push(`action_since = COALESCE(action_since, ${when}::bigint)`);
  else if (c.state !== 'processing') sets.push('action_since = NULL');
  return `UPDATE payments SET ${sets.join(', ')} WHERE id = ${q.add(id)} AND ${where} RETURNING *`;
}

/** Writes a state change; fields not named keep their value. Returns the payment as stored. */
export async function changeState(tx: Queryable, id: string, c: StateChange, at: number): Promise<PaymentRow> {
  const q = new Params();
  const [row] = await tx.query<PaymentRow>(stateChangeSql(q, id, c, at), q.values);
  return row!;
}

/** A lease is free when there is none or it ended. */
export const leaseFree = (p: PaymentRow, now: number) => p.lease_until === null || p.lease_until < now;

/** Takes the lease of a payment locked by the caller's transaction; false when someone holds it. */
export async function takeLease(
  tx: Queryable,
  p: PaymentRow,
  token: string,
  until: number,
  now: number,
): Promise<boolean> {
  if (!leaseFree(p, now)) return false;
  await tx.query(`UPDATE payments SET lease_until = $2, lease_token = $3 WHERE id = $1`, [p.id, until, token]);
  return true;
}

/** Takes the lease of a payment outside a transaction (a webhook); the payment, or undefined when held. */
export async function tryLease(db: Queryable, id: string, token: string, until: number, now: number) {
  const [row] = await db.query<PaymentRow>(
    `UPDATE payments SET lease_until = $2, lease_token = $3
      WHERE id = $1 AND (lease_until IS NULL OR lease_until < $4) RETURNING *`,
    [id, until, token, now],
  );
  return row;
}

/** Lets a payment go (its outcome is unknown, or it waits for the customer): only the holder's lease. */
export async function releaseLease(db: Queryable, id: string, token: string): Promise<void> {
  await db.query(`UPDATE payments SET lease_until = NULL, lease_token = NULL WHERE id = $1 AND lease_token = $2`, [
    id,
    token,
  ]);
}

/**
 * The reconciler's share of the work, leased to it: payments whose outcome is unknown (processing, nobody
 * holding them) and authentications past their deadline. `FOR UPDATE SKIP LOCKED` and the lease keep two
 * servers on one database from taking the same payment.
 */
export function claimDue(
  db: Queryable,
  at: number,
  lease: { readonly until: number; readonly token: string },
  actionBefore: number,
  limit: number,
): Promise<PaymentRow[]> {
  return db.query<PaymentRow>(
    `UPDATE payments SET lease_until = $2, lease_token = $3
      WHERE id IN (SELECT id FROM payments
                    WHERE (current_state = 'processing' OR (current_state = 'requires_action' AND action_since < $4))
                      AND (lease_until IS NULL OR lease_until < $1)
                    ORDER BY modified LIMIT $5 FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    [at, lease.until, lease.token, actionBefore, limit],
  );
}
