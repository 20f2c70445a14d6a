import { randomInt } from 'node:crypto';
import { Params, type Queryable } from '../db/database.ts';
import { insertWithUniqueCode } from '../db/unique.ts';
import type { Json } from '../http/json.ts';
import type { ProductRow } from '../model/products.ts';
import type { ContactInput } from './input.ts';

/**
 * Bootic's `create_order` (seed 003) on the reference server. The model:
 *
 * - a shop belongs to a company and sells in one currency;
 * - a variant of the shop is a product of that company, in the shop's currency, active and not deleted,
 *   whose `external_reference` is the variant id (an integer, written in decimal);
 * - contacts belong to a shop and are found by email (case-insensitively);
 * - addresses the shop knows are copied into an order by id;
 * - every amount is an integer count of the currency's minor unit, priced by `src/core`.
 */
export interface ShopRow {
  readonly id: number;
  readonly company_id: string;
  readonly name: string;
  readonly currency: string;
  readonly created: number;
  [column: string]: unknown;
}

export interface ContactRow {
  readonly id: number;
  readonly shop_id: number;
  readonly email: string;
  readonly name: string;
  readonly phone_number: string;
  [column: string]: unknown;
}

export interface AddressRow {
  readonly id: number;
  readonly shop_id: number;
  readonly street: string;
  readonly street_2: string | null;
  readonly locality_name: string | null;
  readonly region_name: string | null;
  readonly country_name: string | null;
  readonly postal_code: string | null;
  readonly country_code: string | null;
  [column: string]: unknown;
}

/** A line item as stored: a snapshot of the variant when the order was made, priced by core. */
export interface LineItemSnapshot {
  readonly product: string;
  readonly product_id: number;
  readonly product_title: string;
  readonly variant_id: number;
  readonly variant_title: string;
  readonly variant_sku: string;
  readonly unit_price: number;
  readonly units: number;
  /** The product's discount rate, exact decimal text ("0.1"). */
  readonly discount: string;
  readonly vat: string;
  /** `unit_price × units`, before the discount. */
  readonly net_total: number;
  /** `net_total − total`. */
  readonly discount_total: number;
  /** Core's `priceLine(...).final`: after the discount, rounded once. */
  readonly total: number;
  readonly weight_in_grams: number | null;
  readonly image: string | null;
}

export interface BooticOrderRow {
  readonly id: number;
  readonly shop_id: number;
  readonly code: string;
  readonly status: string;
  readonly currency: string;
  readonly contact_id: number | null;
  readonly address: Record<string, Json> | null;
  readonly line_items: LineItemSnapshot[];
  readonly net_total: number;
  readonly discount_total: number;
  readonly shipping_total: number;
  readonly total: number;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** An order code shaped like seed 003's `R1C3964`. Unique by the database's index (and a retry). */
const orderCode = (): string =>
  `R${randomInt(1, 10)}${LETTERS[randomInt(LETTERS.length)]}${String(randomInt(10_000)).padStart(4, '0')}`;

/** Whether a path's code can be an order's at all (else 404 without a query). */
const isOrderCode = (code: string): boolean => /^R[1-9][A-Z]\d{4}$/.test(code);

/** The company's shop `id` (a path's text), if it has one: Bootic answers only for shops of the caller's credentials. */
export async function shopOf(db: Queryable, company: string, id: string): Promise<ShopRow | undefined> {
  if (!/^\d{1,9}$/.test(id)) return undefined;
  const [shop] = await db.query<ShopRow>(`SELECT * FROM bootic_shops WHERE id = $1 AND company_id = $2`, [
    Number(id),
    company,
  ]);
  return shop;
}

/** The shop's variants among `ids`: products of its company in its currency, active, not deleted. */
export async function variantsOf(
  db: Queryable,
  shop: ShopRow,
  ids: readonly number[],
): Promise<Map<number, ProductRow>> {
  if (ids.length === 0) return new Map();
  const q = new Params();
  const rows = await db.query<ProductRow>(
    `SELECT * FROM products
      WHERE company_id = ${q.add(shop.company_id)} AND currency = ${q.add(shop.currency)} AND active AND NOT deleted
        AND external_reference = ANY(${q.texts(ids.map(String))})
      ORDER BY created, id`,
    q.values,
  );
  const found = new Map<number, ProductRow>();
  for (const row of rows) {
    const id = Number(row.external_reference);
    if (!found.has(id)) found.set(id, row);
  }
  return found;
}

/** The shop's contact with this email (stored lower-cased). */
export async function contactByEmail(db: Queryable, shop: ShopRow, email: string): Promise<ContactRow | undefined> {
  const [row] = await db.query<ContactRow>(`SELECT * FROM bootic_contacts WHERE shop_id = $1 AND email = $2`, [
    shop.id,
    email,
  ]);
  return row;
}

export async function contactById(db: Queryable, id: number | null): Promise<ContactRow | null> {
  if (id === null) return null;
  const [row] = await db.query<ContactRow>(`SELECT * FROM bootic_contacts WHERE id = $1`, [id]);
  return row ?? null;
}

/** An address the shop knows. */
export async function addressOf(db: Queryable, shop: ShopRow, id: number): Promise<AddressRow | undefined> {
  const [row] = await db.query<AddressRow>(`SELECT * FROM bootic_addresses WHERE id = $1 AND shop_id = $2`, [
    id,
    shop.id,
  ]);
  return row;
}

/**
 * A new contact, or more fields for a known one (which updates it, and so every order that shares it).
 * A new contact has all three fields (the caller checked).
 */
export async function saveContact(
  tx: Queryable,
  shop: ShopRow,
  existing: ContactRow | undefined,
  input: ContactInput,
  at: number,
): Promise<ContactRow> {
  const [contact] = existing
    ? await tx.query<ContactRow>(
        `UPDATE bootic_contacts SET name = COALESCE($2, name), phone_number = COALESCE($3, phone_number), modified = $4
          WHERE id = $1 RETURNING *`,
        [existing.id, input.name ?? null, input.phone ?? null, at],
      )
    : await tx.query<ContactRow>(
        `INSERT INTO bootic_contacts (shop_id, email, name, phone_number, created, modified) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (shop_id, email) DO UPDATE SET name = EXCLUDED.name, phone_number = EXCLUDED.phone_number, modified = EXCLUDED.modified
         RETURNING *`,
        [shop.id, input.email, input.name, input.phone, at],
      );
  return contact!;
}

/** Stores an order in the "checkout" state; its code is drawn until unique. */
export function insertBooticOrder(
  tx: Queryable,
  shop: ShopRow,
  order: {
    readonly contactId: number | null;
    readonly address: Record<string, Json> | null;
    readonly items: readonly LineItemSnapshot[];
    readonly net: number;
    readonly discount: number;
    readonly total: number;
  },
  at: number,
): Promise<BooticOrderRow> {
  return insertWithUniqueCode(
    orderCode,
    async (code) =>
      (
        await tx.query<BooticOrderRow>(
          `INSERT INTO bootic_orders (shop_id, code, currency, contact_id, address, line_items, net_total, discount_total, shipping_total, total, created, modified)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, 0, $9, $10, $10)
           ON CONFLICT (code) DO NOTHING RETURNING *`,
          [
            shop.id,
            code,
            shop.currency,
            order.contactId,
            order.address ? JSON.stringify(order.address) : null,
            JSON.stringify(order.items),
            order.net,
            order.discount,
            order.total,
            at,
          ],
        )
      )[0],
    'order code',
  );
}

/** One of the shop's orders by its code. */
export async function orderByCode(db: Queryable, shop: ShopRow, code: string): Promise<BooticOrderRow | undefined> {
  if (!isOrderCode(code)) return undefined;
  const [order] = await db.query<BooticOrderRow>(`SELECT * FROM bootic_orders WHERE shop_id = $1 AND code = $2`, [
    shop.id,
    code,
  ]);
  return order;
}

/** Any shop's order by its code, with its shop: what the public web pages show. */
export async function orderAndShop(
  db: Queryable,
  code: string,
): Promise<{ order: BooticOrderRow; shop: ShopRow } | undefined> {
  if (!isOrderCode(code)) return undefined;
  const [row] = await db.query<BooticOrderRow & { shop_name: string; company_id: string; shop_created: number }>(
    `SELECT o.*, s.name AS shop_name, s.company_id, s.created AS shop_created FROM bootic_orders o JOIN bootic_shops s ON s.id = o.shop_id WHERE o.code = $1`,
    [code],
  );
  if (!row) return undefined;
  const shop: ShopRow = {
    id: row.shop_id,
    company_id: row.company_id,
    name: row.shop_name,
    currency: row.currency,
    created: row.shop_created,
  };
  return { order: row, shop };
}
