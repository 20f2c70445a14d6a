import { Params, type Queryable } from '../db/database.ts';
import { pagedQuery } from '../db/paged.ts';
import { isObjectId } from '../http/ids.ts';
import type { CardDetails } from '../payments/legacy-types.ts';
import type { NextAction, PaymentMethodCard, PaymentMethodState } from '../payments/processor.ts';
import type { UserRow } from './users.ts';

/** The SetupIntent a payment method is saved through (cards without a token), as answered. */
export interface SetupIntentJson {
  readonly id: string;
  readonly client_secret: string | null;
  readonly status: string;
  readonly next_action?: NextAction | null;
  /** The PaymentMethod it was confirmed with, and the id the client gave for it (a test alias, `pm_card_…`). */
  readonly payment_method?: string | null;
  readonly requested?: string | null;
}

/**
 * A card stored at the processor for a user (seed 000's payment method): a token's card source
 * (`token`, `card` in the Card object's shape), or a PaymentMethod saved through a SetupIntent (`source`
 * once set up, `card` in the PaymentMethod's card shape, or a Link one's: brand `link`, no card details).
 */
export interface PaymentMethodRow {
  readonly id: string;
  readonly company_id: string;
  readonly user_id: string;
  readonly method: string;
  readonly processor: string;
  readonly token: string | null;
  readonly source: string | null;
  readonly setup_intent: SetupIntentJson | null;
  readonly customer_id: string;
  readonly card: CardDetails & Partial<PaymentMethodCard>;
  readonly deleted: boolean;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

/** A payment method of the company (deleted ones too when `deleted`). */
export async function paymentMethodById(
  db: Queryable,
  company: string,
  id: string,
  deleted = false,
): Promise<PaymentMethodRow | undefined> {
  if (!isObjectId(id)) return undefined;
  const [row] = await db.query<PaymentMethodRow>(
    `SELECT * FROM payment_methods WHERE company_id = $1 AND id = $2 ${deleted ? '' : 'AND NOT deleted'}`,
    [company, id],
  );
  return row;
}

export interface NewPaymentMethod {
  readonly id: string;
  readonly user: UserRow;
  readonly processor: string;
  readonly customerId: string;
  readonly token: string | null;
  readonly card: object;
  readonly setupIntent: SetupIntentJson | null;
}

/** Every column of `payment_methods` and its type, in the order `INSERT` lists them. */
const METHOD_COLUMNS = {
  id: 'text',
  company_id: 'text',
  user_id: 'text',
  method: 'text',
  processor: 'text',
  token: 'text',
  source: 'text',
  setup_intent: 'jsonb',
  customer_id: 'text',
  card: 'jsonb',
  deleted: 'boolean',
  created: 'bigint',
  modified: 'bigint',
} as const;

/** A new payment method as it will be stored, every column given: what the answer shows, known before. */
export function newPaymentMethodRow(m: NewPaymentMethod, at: number): PaymentMethodRow {
  return {
    id: m.id,
    company_id: m.user.company_id,
    user_id: m.user.id,
    method: 'stripe',
    processor: m.processor,
    token: m.token,
    source: null,
    setup_intent: m.setupIntent,
    customer_id: m.customerId,
    card: m.card as PaymentMethodRow['card'],
    deleted: false,
    created: at,
    modified: at,
  };
}

/**
 * Stores a payment method (`newPaymentMethodRow`), and the user's processor customer when it is new, in
 * one statement (for `writeWithKey`), when `gate` holds.
 */
export function insertPaymentMethodSql(
  q: Params,
  m: NewPaymentMethod,
  row: PaymentMethodRow,
  gate: string,
): { with: string[]; select: string } {
  const columns = Object.keys(METHOD_COLUMNS) as (keyof typeof METHOD_COLUMNS)[];
  const customer =
    m.customerId === m.user.stripe_customer_id
      ? []
      : [
          `customer AS (UPDATE users SET stripe_customer_id = ${q.add(m.customerId)}, modified = ${q.add(row.created)}::bigint
             WHERE id = ${q.add(m.user.id)} AND ${gate})`,
        ];
  return {
    with: customer,
    select: `INSERT INTO payment_methods (${columns.join(', ')})
       SELECT ${columns.map((column) => q.typed(row[column], METHOD_COLUMNS[column])).join(', ')} WHERE ${gate}
       RETURNING id`,
  };
}

/** Records what the SetupIntent now says: its status, and the PaymentMethod and card once set up. */
export async function updateSetup(
  tx: Queryable,
  id: string,
  setup: SetupIntentJson,
  saved: { readonly source: string; readonly card: PaymentMethodState['card'] } | null,
  at: number,
): Promise<PaymentMethodRow> {
  const [row] = await tx.query<PaymentMethodRow>(
    `UPDATE payment_methods SET setup_intent = $2::jsonb, modified = $3,
            source = COALESCE($4, source), card = COALESCE($5::jsonb, card)
      WHERE id = $1 RETURNING *`,
    [id, JSON.stringify(setup), at, saved?.source ?? null, saved ? JSON.stringify(saved.card) : null],
  );
  return row!;
}

/** A payment method no longer offered (it stays on payments made with it). */
export async function deletePaymentMethod(db: Queryable, id: string, at: number): Promise<PaymentMethodRow> {
  const [row] = await db.query<PaymentMethodRow>(
    `UPDATE payment_methods SET deleted = TRUE, modified = CASE WHEN deleted THEN modified ELSE $2 END
      WHERE id = $1 RETURNING *`,
    [id, at],
  );
  return row!;
}

/** The payment method saved through a SetupIntent, by the SetupIntent (a webhook names only that). */
export async function paymentMethodBySetup(db: Queryable, setupIntent: string): Promise<PaymentMethodRow | undefined> {
  const [row] = await db.query<PaymentMethodRow>(`SELECT * FROM payment_methods WHERE setup_intent->>'id' = $1`, [
    setupIntent,
  ]);
  return row;
}

/** A page of a user's payment methods (by the token's `sub`), or (admin) the company's or one user's. Oldest first. */
export function listPaymentMethods(
  db: Queryable,
  company: string,
  who: { readonly sub: string } | { readonly userId: string | undefined },
  page: { readonly size: number; readonly offset: number },
): Promise<{ rows: PaymentMethodRow[]; total: number }> {
  const q = new Params();
  const where = [`pm.company_id = ${q.add(company)}`, 'NOT pm.deleted'];
  if ('sub' in who) where.push(`u.sub = ${q.add(who.sub)}`);
  else if (who.userId) where.push(`pm.user_id = ${q.add(who.userId)}`);
  return pagedQuery<PaymentMethodRow>(
    db,
    q,
    {
      select: 'pm.*',
      from: 'payment_methods pm JOIN users u ON u.id = pm.user_id',
      where: where.join(' AND '),
      orderBy: 'pm.created, pm.id',
    },
    page,
  );
}
