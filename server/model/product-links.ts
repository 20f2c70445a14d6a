import { CURRENCY_MISMATCH, TillError } from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { badRequest } from '../http/errors.ts';
import { isObjectId } from '../http/ids.ts';
import { idValue } from '../http/validate.ts';
import { productsByIds, type ProductRow } from './products.ts';

/**
 * Which sub-products a main product offers (`product_links`): many to many, as the Products
 * documentation's rules 1 and 2 say, only a sub-product offered, only by a main product.
 */

/** Main product → its sub-products, and sub-product → its parents, for a set of products. */
export interface Links {
  readonly subs: ReadonlyMap<string, readonly string[]>;
  readonly parents: ReadonlyMap<string, readonly string[]>;
}

/** A product's links, leaving out deleted products unless asked. */
export async function loadLinks(db: Queryable, ids: readonly string[], includeDeleted = false): Promise<Links> {
  const subs = new Map<string, string[]>();
  const parents = new Map<string, string[]>();
  if (ids.length === 0) return { subs, parents };
  const q = new Params();
  const list = q.texts(ids);
  const rows = await db.query<{ parent_id: string; sub_id: string }>(
    `SELECT l.parent_id, l.sub_id
       FROM product_links l
       JOIN products p ON p.id = l.parent_id
       JOIN products s ON s.id = l.sub_id
      WHERE (l.parent_id = ANY(${list}) OR l.sub_id = ANY(${list}))
        ${includeDeleted ? '' : 'AND NOT p.deleted AND NOT s.deleted'}
      ORDER BY l.created, l.sub_id`,
    q.values,
  );
  for (const { parent_id, sub_id } of rows) {
    (subs.get(parent_id) ?? subs.set(parent_id, []).get(parent_id)!).push(sub_id);
    (parents.get(sub_id) ?? parents.set(sub_id, []).get(sub_id)!).push(parent_id);
  }
  return { subs, parents };
}

/**
 * Offers sub-products with a main product (`PUT /products/:id/sub_products` `add`), keeping the rules:
 * only a main product has sub-products, only a sub-product (main_product false) is offered, in the
 * parent's currency. Adding one already offered changes nothing.
 */
export async function linkSubProducts(
  db: Queryable,
  company: string,
  parent: ProductRow,
  ids: readonly unknown[],
  now: number,
  field = 'add',
): Promise<void> {
  if (!parent.main_product) {
    throw new TillError(
      'sub-product-nested',
      `${parent.name} is a sub-product and can not have sub-products of its own`,
      field,
    );
  }
  const wanted = ids.map((value, i) => {
    const id = idValue(value);
    if (!isObjectId(id)) throw badRequest('product-unknown', `${field}[${i}] must be a product id`, `${field}[${i}]`);
    return id;
  });
  const found = await productsByIds(db, company, wanted);
  for (const [i, id] of wanted.entries()) {
    const sub = found.get(id);
    const at = `${field}[${i}]`;
    if (!sub) throw badRequest('product-unknown', `No product with id ${id}`, at);
    if (sub.main_product) {
      throw new TillError(
        'sub-product-nested',
        `${sub.name} is a main product; only a product with main_product false can be a sub-product`,
        at,
      );
    }
    if (sub.currency !== parent.currency) throw new TillError('currency-mismatch', CURRENCY_MISMATCH, at);
  }
  for (const id of new Set(wanted)) {
    await db.query(
      `INSERT INTO product_links (company_id, parent_id, sub_id, created) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [company, parent.id, id, now],
    );
  }
}

export async function unlinkSubProducts(
  db: Queryable,
  parent: ProductRow,
  ids: readonly unknown[],
  field = 'remove',
): Promise<void> {
  const wanted = ids.map((value, i) => {
    const id = idValue(value);
    if (!isObjectId(id)) throw badRequest('product-unknown', `${field}[${i}] must be a product id`, `${field}[${i}]`);
    return id;
  });
  if (wanted.length === 0) return;
  const q = new Params();
  await db.query(
    `DELETE FROM product_links WHERE parent_id = ${q.add(parent.id)} AND sub_id = ANY(${q.texts(wanted)})`,
    q.values,
  );
}
