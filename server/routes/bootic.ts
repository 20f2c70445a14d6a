import { Hono } from 'hono';
import { errorsJson, addressJson, booticOrderJson } from '../bootic/json.ts';
import { notFoundPage, webPage } from '../bootic/pages.ts';
import { priceLineItems } from '../bootic/pricing.ts';
import { readAddressId, readContact, readLineItems, type FieldError } from '../bootic/input.ts';
import {
  addressOf,
  contactByEmail,
  contactById,
  insertBooticOrder,
  orderAndShop,
  orderByCode,
  saveContact,
  shopOf,
  variantsOf,
  type AddressRow,
  type ContactRow,
  type ShopRow,
} from '../bootic/rows.ts';
import { send, type AppContext, type AppEnv, type Deps } from '../context.ts';
import { stringify } from '../http/json.ts';
import { keepWithEffect } from '../idempotency.ts';
import type { Queryable } from '../db/database.ts';
import { jsonBody } from '../http/body.ts';
import { notFound } from '../http/errors.ts';

const origin = (c: AppContext): string => new URL(c.req.url).origin;

/** The caller's company's shop, or 404 (Bootic answers only for shops of the caller's credentials). */
async function shopOr404(db: Queryable, c: AppContext): Promise<ShopRow> {
  const shop = await shopOf(db, c.get('company'), c.req.param('shop_id') ?? '');
  if (!shop) throw notFound('Shop');
  return shop;
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
    const shop = await shopOr404(db, c);
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
      existing = await contactByEmail(db, shop, contactInput.email);
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
      address = await addressOf(db, shop, addressId);
      if (!address) errors.push({ field: 'address.id', message: `Address ${addressId} does not exist in this shop` });
    }
    if (errors.length) return send(c, errorsJson(errors), 422);

    const priced = priceLineItems(requests, variants);
    const at = now();
    const json = await db.transaction(async (tx) => {
      const contact = contactInput ? await saveContact(tx, shop, existing, contactInput, at) : null;
      const order = await insertBooticOrder(
        tx,
        shop,
        { contactId: contact?.id ?? null, address: address ? addressJson(address) : null, ...priced },
        at,
      );
      const json = booticOrderJson(order, contact, origin(c));
      // The order and its Idempotency-Key's answer commit together: a retry can never make it twice.
      await keepWithEffect(tx, c, { status: 201, body: stringify(json) });
      return json;
    });
    return send(c, json, 201);
  });

  app.get('/:shop_id/orders/:code', async (c) => {
    const shop = await shopOr404(db, c);
    const order = await orderByCode(db, shop, c.req.param('code'));
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
      const found = await orderAndShop(db, c.req.param('code'));
      if (!found) return c.body(notFoundPage(), 404, headers);
      return c.body(webPage(kind, found.order, found.shop), 200, headers);
    });
  }
  return app;
}
