import { isJsonObject } from 'tillkit/core';
import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import { send, type AppContext, type AppEnv, type Deps } from '../context.ts';
import type { Queryable } from '../db/database.ts';
import { jsonBody } from '../http/body.ts';
import { notFound } from '../http/errors.ts';
import {
  addressJson,
  booticOrderJson,
  errorsJson,
  notFoundPage,
  priceLineItems,
  readLineItems,
  variantsOf,
  webPage,
  type AddressRow,
  type BooticOrderRow,
  type ContactRow,
  type FieldError,
  type ShopRow,
} from '../model/bootic.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_TEXT = 200;
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** An order code shaped like seed 003's `R1C3964`. Unique by the database's index (and a retry). */
const orderCode = (): string =>
  `R${randomInt(1, 10)}${LETTERS[randomInt(LETTERS.length)]}${String(randomInt(10_000)).padStart(4, '0')}`;
const CODE = /^R[1-9][A-Z]\d{4}$/;

const origin = (c: AppContext): string => new URL(c.req.url).origin;

/** The caller's company's shop, or 404 (Bootic answers only for shops of the caller's credentials). */
async function shopOf(db: Queryable, c: AppContext): Promise<ShopRow> {
  const id = c.req.param('shop_id') ?? '';
  const [shop] = /^\d{1,9}$/.test(id)
    ? await db.query<ShopRow>(`SELECT * FROM bootic_shops WHERE id = $1 AND company_id = $2`, [
        Number(id),
        c.get('company'),
      ])
    : [];
  if (!shop) throw notFound('Shop');
  return shop;
}

interface ContactInput {
  readonly email: string;
  readonly name: string | undefined;
  readonly phone: string | undefined;
}

/** Reads `contact`: `email` always; `name` and `phone_number` when given (required for a new contact, later). */
function readContact(value: unknown, errors: FieldError[]): ContactInput | null {
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) {
    errors.push({ field: 'contact', message: 'contact must be an object with email, name and phone_number' });
    return null;
  }
  const field = (key: 'email' | 'name' | 'phone_number'): string | undefined => {
    const v = value[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || v.length > MAX_TEXT || v.trim() === '') {
      errors.push({
        field: `contact.${key}`,
        message: `${key === 'phone_number' ? 'Phone number' : key === 'name' ? 'Name' : 'Email'} must be text of at most ${MAX_TEXT} characters`,
      });
      return undefined;
    }
    return v.trim();
  };
  const email = field('email');
  const name = field('name');
  const phone = field('phone_number');
  if (email === undefined) {
    if (!errors.some((e) => e.field === 'contact.email'))
      errors.push({ field: 'contact.email', message: "Email can't be blank" });
    return null;
  }
  if (!EMAIL.test(email)) {
    errors.push({ field: 'contact.email', message: 'Email is not a valid email address' });
    return null;
  }
  if (phone !== undefined && (phone.match(/\d/g)?.length ?? 0) < 6) {
    errors.push({ field: 'contact.phone_number', message: 'Phone number must have at least 6 digits' });
  }
  return { email: email.toLowerCase(), name, phone };
}

function readAddressId(value: unknown, errors: FieldError[]): number | null {
  if (value === undefined || value === null) return null;
  const id = isJsonObject(value) ? value.id : undefined;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    errors.push({ field: 'address.id', message: 'address must be {"id": <a whole number>}' });
    return null;
  }
  return id;
}

async function contactById(db: Queryable, id: number | null): Promise<ContactRow | null> {
  if (id === null) return null;
  const [row] = await db.query<ContactRow>(`SELECT * FROM bootic_contacts WHERE id = $1`, [id]);
  return row ?? null;
}

/**
 * Bootic's `POST /v1/shops/:shop_id/orders` (seed 003), authenticated like every route by the API key:
 * this server plays the merchant's endpoint, which would hold Bootic's admin token. Answers 201 with the
 * order entity, or 422 with seed 003's `_embedded.errors` (every problem found, not only the first).
 * `GET /v1/shops/:shop_id/orders/:code` reads an order back (the `self` link).
 */
export function booticRoutes({ db, now }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/:shop_id/orders', async (c) => {
    const shop = await shopOf(db, c);
    const body = jsonBody(c);
    const errors: FieldError[] = [];
    const requests = readLineItems(body.line_items, errors);
    const contactInput = readContact(body.contact, errors);
    const addressId = readAddressId(body.address, errors);

    const variants = await variantsOf(
      db,
      shop,
      requests.map((r) => r.variantId),
    );
    for (const r of requests) {
      if (!variants.has(r.variantId))
        errors.push({ field: 'variant.id', message: `Variant ${r.variantId} does not exist in this shop` });
    }
    let existing: ContactRow | undefined;
    if (contactInput) {
      [existing] = await db.query<ContactRow>(`SELECT * FROM bootic_contacts WHERE shop_id = $1 AND email = $2`, [
        shop.id,
        contactInput.email,
      ]);
      if (!existing) {
        // New contacts require email, name and phone_number.
        if (contactInput.name === undefined && !errors.some((e) => e.field === 'contact.name')) {
          errors.push({ field: 'contact.name', message: "Name can't be blank for a new contact" });
        }
        if (contactInput.phone === undefined && !errors.some((e) => e.field === 'contact.phone_number')) {
          errors.push({ field: 'contact.phone_number', message: "Phone number can't be blank for a new contact" });
        }
      }
    }
    let address: AddressRow | undefined;
    if (addressId !== null) {
      [address] = await db.query<AddressRow>(`SELECT * FROM bootic_addresses WHERE id = $1 AND shop_id = $2`, [
        addressId,
        shop.id,
      ]);
      if (!address) errors.push({ field: 'address.id', message: `Address ${addressId} does not exist in this shop` });
    }
    if (errors.length) return send(c, errorsJson(errors), 422);

    const priced = priceLineItems(requests, variants);
    const at = now();
    const { order, contact } = await db.transaction(async (tx) => {
      let contact: ContactRow | undefined;
      if (contactInput) {
        // Passing more fields for a known email updates the contact (and so every order that shares it).
        [contact] = existing
          ? await tx.query<ContactRow>(
              `UPDATE bootic_contacts SET name = COALESCE($2, name), phone_number = COALESCE($3, phone_number), modified = $4
                WHERE id = $1 RETURNING *`,
              [existing.id, contactInput.name ?? null, contactInput.phone ?? null, at],
            )
          : await tx.query<ContactRow>(
              `INSERT INTO bootic_contacts (shop_id, email, name, phone_number, created, modified) VALUES ($1, $2, $3, $4, $5, $5)
               ON CONFLICT (shop_id, email) DO UPDATE SET name = EXCLUDED.name, phone_number = EXCLUDED.phone_number, modified = EXCLUDED.modified
               RETURNING *`,
              [shop.id, contactInput.email, contactInput.name, contactInput.phone, at],
            );
      }
      let order: BooticOrderRow | undefined;
      for (let attempt = 0; !order && attempt < 8; attempt++) {
        [order] = await tx.query<BooticOrderRow>(
          `INSERT INTO bootic_orders (shop_id, code, currency, contact_id, address, line_items, net_total, discount_total, shipping_total, total, created, modified)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, 0, $9, $10, $10)
           ON CONFLICT (code) DO NOTHING RETURNING *`,
          [
            shop.id,
            orderCode(),
            shop.currency,
            contact?.id ?? null,
            address ? JSON.stringify(addressJson(address)) : null,
            JSON.stringify(priced.items),
            priced.net,
            priced.discount,
            priced.total,
            at,
          ],
        );
      }
      if (!order) throw new Error('could not draw a unique order code');
      return { order, contact: contact ?? null };
    });
    return send(c, booticOrderJson(order, contact, origin(c)), 201);
  });

  app.get('/:shop_id/orders/:code', async (c) => {
    const shop = await shopOf(db, c);
    const code = c.req.param('code');
    const [order] = CODE.test(code)
      ? await db.query<BooticOrderRow>(`SELECT * FROM bootic_orders WHERE shop_id = $1 AND code = $2`, [shop.id, code])
      : [];
    if (!order) throw notFound('Order');
    return send(c, booticOrderJson(order, await contactById(db, order.contact_id), origin(c)));
  });

  return app;
}

/**
 * The `btc:web_checkout` and `btc:web_cart` pages, standing in for Bootic's: public (a browser follows
 * the link without the API key), HTML, naming the order code and total but no contact data.
 */
export function booticWebRoutes({ db }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  for (const kind of ['checkout', 'cart'] as const) {
    app.get(`/${kind}/:code`, async (c) => {
      const code = c.req.param('code');
      const [row] = CODE.test(code)
        ? await db.query<BooticOrderRow & { shop_name: string; company_id: string; shop_created: number }>(
            `SELECT o.*, s.name AS shop_name, s.company_id, s.created AS shop_created FROM bootic_orders o JOIN bootic_shops s ON s.id = o.shop_id WHERE o.code = $1`,
            [code],
          )
        : [];
      if (!row) return c.body(notFoundPage(), 404, headers);
      const shop: ShopRow = {
        id: row.shop_id,
        company_id: row.company_id,
        name: row.shop_name,
        currency: row.currency,
        created: row.shop_created,
      };
      return c.body(webPage(kind, row, shop), 200, headers);
    });
  }
  return app;
}
