import { reportPaid } from '../button/outbox.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { redeemCoupons } from '../model/coupons.ts';
import { settleProcessing } from '../model/order-payments.ts';
import { recordCharge, type PaymentRow } from '../model/payments.ts';
import { chargeOutcome, type ChargeAttempt } from './charge.ts';
import type { Claim } from './claim.ts';

const ORDER_STATUS = { succeeded: 'SUCCESS', declined: 'DECLINED', failed: 'FAILED' } as const;

/**
 * Step 3 of `POST /payments`, in one transaction: the orders still PROCESSING become SUCCESS (keeping
 * the processor's charge id), DECLINED or FAILED (both payable again); paid orders with an affiliate
 * token are queued for Button in the same transaction; the charge and the payment record the answer.
 * Returns the payment as stored and how many Button reports were queued.
 */
export function recordAttempt(
  db: Database,
  config: Pick<Config, 'buttonApiKey'>,
  claim: Claim,
  attempt: ChargeAttempt,
  at: number,
): Promise<{ payment: PaymentRow; reported: number }> {
  const outcome = chargeOutcome(attempt);
  const { payment } = claim;
  return db.transaction(async (tx) => {
    const changed = await settleProcessing(tx, claim.orderIds, ORDER_STATUS[outcome.state], at, outcome.processorId);
    if (outcome.state === 'succeeded') await redeemCoupons(tx, changed, payment.id, at);
    const reported = await reportPaid(
      tx,
      config,
      changed.sort((a, b) => a.id.localeCompare(b.id)),
      { id: payment.id, userId: payment.user_id, at },
    );
    return { payment: await recordCharge(tx, claim.chargeId, payment.id, outcome, at), reported };
  });
}
