import type { PaymentMethodRow } from '../model/payment-methods.ts';
import type { ChargeOutcome } from '../model/payments.ts';
import type { Claim } from './claim.ts';
import type { ChargeResult, PaymentProcessor } from './processor.ts';

/** The processor's answer to a charge, or, when it could not be reached, none (`failure` says why). */
export interface ChargeAttempt {
  readonly result: ChargeResult | undefined;
  readonly failure: unknown;
}

/**
 * Step 2 of `POST /payments`: calls the processor once, outside any transaction, with the claim's
 * idempotency key. A throw (no answer) is caught and kept: the outcome is then unknown, recorded as a
 * failure whose retry reuses the key.
 */
export async function chargeClaim(
  processor: PaymentProcessor,
  claim: Claim,
  method: PaymentMethodRow,
): Promise<ChargeAttempt> {
  const { payment, orders } = claim;
  try {
    const result = await processor.charge({
      amount: payment.amount,
      currency: payment.currency,
      customerId: method.customer_id,
      card: method.card,
      token: method.token,
      idempotencyKey: claim.idempotencyKey,
      description: `Tillkit order${orders.length > 1 ? 's' : ''} ${orders.map((r) => r.human_id).join(', ')}`,
      metadata: { tillkit_payment: payment.id, tillkit_orders: claim.orderIds.join(',') },
    });
    return { result, failure: undefined };
  } catch (error) {
    console.error(
      `payment ${payment.id}: the processor failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { result: undefined, failure: error };
  }
}

/** What the payment's and its charge's rows record of an attempt. */
export function chargeOutcome({ result, failure }: ChargeAttempt): ChargeOutcome {
  const declined = result?.outcome === 'declined' ? result : undefined;
  return {
    state: result?.outcome ?? 'failed',
    processorId: result?.id ?? null,
    code: declined?.code ?? (failure ? 'processor-unavailable' : null),
    declineCode: declined?.declineCode ?? null,
    message: declined?.message ?? (failure ? 'The payment processor could not be reached' : null),
  };
}
