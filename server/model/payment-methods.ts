import type { Database, Queryable } from '../db/database.ts';
import { isObjectId, objectId } from '../http/ids.ts';
import type { AttachResult, CardDetails } from '../payments/processor.ts';
import type { UserRow } from './users.ts';

/** A card stored at the processor for a user (seed 000's payment method). */
export interface PaymentMethodRow {
  readonly id: string;
  readonly company_id: string;
  readonly user_id: string;
  readonly method: string;
  readonly processor: string;
  readonly token: string;
  readonly customer_id: string;
  readonly card: CardDetails;
  readonly deleted: boolean;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

/** A payment method of the company, not deleted. */
export async function paymentMethodById(
  db: Queryable,
  company: string,
  id: string,
): Promise<PaymentMethodRow | undefined> {
  if (!isObjectId(id)) return undefined;
  const [row] = await db.query<PaymentMethodRow>(
    `SELECT * FROM payment_methods WHERE company_id = $1 AND id = $2 AND NOT deleted`,
    [company, id],
  );
  return row;
}

/** Stores the card the processor attached, and the user's processor customer when it is new. */
export function insertPaymentMethod(
  db: Database,
  user: UserRow,
  processor: string,
  token: string,
  attached: AttachResult,
  at: number,
): Promise<PaymentMethodRow> {
  return db.transaction(async (tx) => {
    if (attached.customerId !== user.stripe_customer_id) {
      await tx.query(`UPDATE users SET stripe_customer_id = $2, modified = $3 WHERE id = $1`, [
        user.id,
        attached.customerId,
        at,
      ]);
    }
    const [inserted] = await tx.query<PaymentMethodRow>(
      `INSERT INTO payment_methods (id, company_id, user_id, method, processor, token, customer_id, card, created, modified)
       VALUES ($1, $2, $3, 'stripe', $4, $5, $6, $7::jsonb, $8, $8) RETURNING *`,
      [
        objectId(at),
        user.company_id,
        user.id,
        processor,
        token,
        attached.customerId,
        JSON.stringify(attached.card),
        at,
      ],
    );
    return inserted!;
  });
}

/** A user's payment methods (by the token's `sub`), or (admin) the company's or one user's. Oldest first. */
export function listPaymentMethods(
  db: Queryable,
  company: string,
  who: { readonly sub: string } | { readonly userId: string | undefined },
): Promise<PaymentMethodRow[]> {
  if ('sub' in who) {
    return db.query<PaymentMethodRow>(
      `SELECT pm.* FROM payment_methods pm JOIN users u ON u.id = pm.user_id
        WHERE pm.company_id = $1 AND u.sub = $2 AND NOT pm.deleted ORDER BY pm.created, pm.id`,
      [company, who.sub],
    );
  }
  return db.query<PaymentMethodRow>(
    `SELECT * FROM payment_methods WHERE company_id = $1 AND NOT deleted ${who.userId ? 'AND user_id = $2' : ''} ORDER BY created, id`,
    who.userId ? [company, who.userId] : [company],
  );
}
