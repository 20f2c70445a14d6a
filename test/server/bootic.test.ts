import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { priceLine, summarize, type PricingLine } from '../../src/core/index.ts';
import { DEMO_BOOTIC_API_KEY } from '../../server/demo.ts';
import { BOOTIC_DEMO_CONTACT, booticVariantId } from '../../server/seed/bootic.ts';
import { createProduct, startTestServer, TEST_API_KEY, type TestResponse, type TestServer } from '../support/server.ts';

// Bootic's create_order (seed 003) on the reference server, against the Bootic demo: the published
// Bootic key's company, its DVDs in CLP (variant ids 1201…, add-ons 901…) and shop 29 "Rewind Chile".
let server: TestServer;
const SHOP = '/v1/shops/29/orders';
const CASABLANCA = booticVariantId('casablanca'); // 8990 CLP
const REAR_WINDOW = booticVariantId('rear-window'); // 9990 CLP, 10 % off
const GIFT_WRAP = booticVariantId('gift-wrap'); // 3500 CLP

before(async () => {
  server = await startTestServer({ apiKey: [DEMO_BOOTIC_API_KEY, TEST_API_KEY], seed: true });
});
after(() => server.close());

let n = 0;
const email = (name: string) => `${name}-${++n}@example.cl`;
const create = (body: unknown, headers?: Record<string, string>) => server.post(SHOP, body, undefined, headers);

/** The 422 errors as `field → messages`. */
function errors(response: TestResponse): Record<string, string[]> {
  assert.equal(response.status, 422, response.text);
  assert.deepEqual(response.body._class, ['errors']);
  const out: Record<string, string[]> = {};
  for (const error of response.body._embedded.errors) {
    assert.deepEqual(error._class, ['error']);
    assert.ok(
      Array.isArray(error.messages) && error.messages.every((m: unknown) => typeof m === 'string' && m.length > 0),
    );
    out[error.field] = error.messages;
  }
  return out;
}

const count = async (table: string) =>
  Number((await server.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('POST /v1/shops/:shop_id/orders (Bootic create_order)', () => {
  it('creates an order in the checkout state with seed 003’s 201 shape', async () => {
    const contact = { email: email('ana'), name: 'Ana Pérez', phone_number: '+56 9 1234 5678' };
    const response = await create({
      line_items: [
        { variant_id: CASABLANCA, units: 2 },
        { variant_id: GIFT_WRAP, units: 1 },
      ],
      contact,
      address: { id: 35666 },
    });
    assert.equal(response.status, 201, response.text);
    assert.match(response.headers.get('content-type')!, /^application\/json/);
    const o = response.body;
    assert.match(o.code, /^R[1-9][A-Z]\d{4}$/);
    assert.ok(Number.isSafeInteger(o.id));
    assert.equal(o.shop_id, 29);
    assert.equal(o.status, 'checkout');
    const base = server.url;
    assert.deepEqual(o._links, {
      self: { href: `${base}/v1/shops/29/orders/${o.code}` },
      'btc:update_order': { href: `${base}/v1/shops/29/orders/${o.code}`, method: 'put' },
      'btc:web_cart': { href: `${base}/bootic/cart/${o.code}`, type: 'text/html' },
      'btc:web_checkout': { href: `${base}/bootic/checkout/${o.code}`, type: 'text/html' },
    });
    // Integer minor units (CLP has none below the peso): 2 × 8990 + 3500.
    assert.equal(o.net_total, 21480);
    assert.equal(o.total, 21480);
    assert.equal(o.shipping_total, 0);
    assert.equal(o.discount_total, 0);
    assert.equal(o.currency, 'CLP');
    for (const key of ['created_on', 'updated_on']) assert.ok(!Number.isNaN(Date.parse(o[key])), key);
    for (const key of ['pending_on', 'closed_on', 'shipped_on', 'tracking_code', 'courier_name'])
      assert.equal(o[key], null, key);
    assert.equal(o.shipped_email_sent, false);
    assert.equal(o.closed_email_sent, false);
    assert.deepEqual(o.fulfillment, { fulfillment_method: 'shipping' });
    assert.deepEqual(o._embedded.contact, contact);
    assert.deepEqual(o._embedded.address, {
      street: 'Av. Brasil 20',
      street_2: '4to piso',
      locality_name: 'Valparaiso',
      region_name: 'Valparaiso',
      country_name: 'Chile',
      postal_code: null,
      country_code: 'CL',
    });
    assert.deepEqual(o._embedded.discounts, []);
    const [dvd, wrap] = o._embedded.line_items;
    assert.equal(o._embedded.line_items.length, 2);
    assert.deepEqual(
      { ...dvd, _links: undefined, _embedded: undefined },
      {
        _links: undefined,
        _embedded: undefined,
        product_id: CASABLANCA,
        product_title: 'Casablanca',
        unit_price: 8990,
        units: 2,
        discount_total: 0,
        net_total: 17980,
        total: 17980,
        product_weight_in_grams: 220,
        variant_id: CASABLANCA,
        variant_title: 'DVD',
        variant_sku: `DVD-${CASABLANCA}`,
        requested_units: 2,
      },
    );
    assert.match(dvd._links.product.href, new RegExp(`^${base}/products/[0-9a-f]{24}$`));
    assert.deepEqual(dvd._embedded.discounts, []);
    assert.match(dvd._embedded.image.links.original.href, /\/media\/covers\/casablanca\.svg$/);
    assert.equal(wrap.variant_id, GIFT_WRAP);
    assert.equal(wrap.product_title, 'Gift wrap');
    assert.equal(wrap.total, 3500);
    for (const item of o._embedded.line_items) {
      for (const key of ['unit_price', 'units', 'discount_total', 'net_total', 'total'])
        assert.ok(Number.isSafeInteger(item[key]), key);
    }

    // The self link reads the same order back.
    const read = await server.get(`/v1/shops/29/orders/${o.code}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, o);
  });

  it('a CLP order’s totals are integers equal to src/core’s, discounts and rounding included', async () => {
    // A variant whose discount does not land on a whole peso: 4999 × 0.85 × 3 = 12 747.45 → 12 747.
    await createProduct(server, {
      name: 'Odd box set',
      price: 4999,
      discount: 0.15,
      vat: 0.19,
      currency: 'CLP',
      external_reference: '5001',
    });
    const response = await create({
      line_items: [
        { variant_id: 5001, units: 3 },
        { variant_id: REAR_WINDOW, units: 1 },
        { variant_id: GIFT_WRAP, units: 2 },
      ],
    });
    assert.equal(response.status, 201, response.text);
    const o = response.body;
    const lines = [
      { price: 4999, discount: 0.15, vat: 0.19, quantity: 3, currency: 'CLP' },
      { price: 9990, discount: 0.1, vat: 0.19, quantity: 1, currency: 'CLP' },
      { price: 3500, discount: 0, vat: 0.19, quantity: 2, currency: 'CLP' },
    ];
    const summary = summarize(lines);
    assert.equal(summary.lines[0]!.final, 12747);
    o._embedded.line_items.forEach((item: Record<string, number>, i: number) => {
      const line = lines[i]!;
      assert.equal(item.unit_price, line.price);
      assert.equal(item.net_total, line.price * line.quantity, 'net_total is unit price × units');
      assert.equal(item.total, priceLine(line).final, 'total is core’s final price');
      assert.equal(item.discount_total, item.net_total - item.total);
    });
    assert.equal(o._embedded.line_items[0].discount_total, 2250);
    assert.deepEqual(o._embedded.line_items[1]._embedded.discounts, [
      { class: ['discount'], amount: 999, description: '10 % off' },
    ]);
    assert.equal(o.net_total, summary.total);
    assert.equal(o.total, summary.total + o.shipping_total);
    assert.equal(o.discount_total, 2250 + 999);
    for (const key of ['net_total', 'total', 'discount_total', 'shipping_total'])
      assert.ok(Number.isSafeInteger(o[key]), key);
  });

  it('a cart with one discounted variant on two lines: the order’s total is the cart’s (core’s), 1841 CLP', async () => {
    // 999 CLP at 50 % off is 499.5 a unit: alone a line rounds to 500, but the order holds the variant
    // once, 2 units, rounded once to 999. The cart must say so too (core's summarize, 'separate').
    const film = { ref: '5101', price: 999, discount: 0.5, vat: 0.19, currency: 'CLP' };
    const addOn = { ref: '5102', price: 842, discount: 0, vat: 0.19 };
    for (const [name, { ref, ...product }] of [
      ['Half-price film', film],
      ['Booklet', { ...addOn, currency: 'CLP' }],
    ] as const) {
      await createProduct(server, { name, ...product, external_reference: ref });
    }
    const cart: PricingLine[] = [
      { ...film, quantity: 1 },
      { ...film, quantity: 1, subProducts: [addOn] },
    ];
    // The line items the checkout sends: units per variant, add-ons as variants of their own.
    const units = new Map<number, number>();
    for (const line of cart)
      for (const part of [line, ...(line.subProducts ?? [])])
        units.set(Number(part.ref), (units.get(Number(part.ref)) ?? 0) + line.quantity);
    const response = await create({
      line_items: [...units].map(([variant_id, n]) => ({ variant_id, units: n })),
    });
    assert.equal(response.status, 201, response.text);
    const cartTotal = summarize(cart, 'separate').total;
    assert.equal(response.body.total, cartTotal, 'the order’s total is the cart’s');
    assert.equal(response.body.total, 1841);
  });

  it('the same variant twice is one line item with the units added up', async () => {
    const response = await create({
      line_items: [
        { variant_id: CASABLANCA, units: 1 },
        { variant_id: CASABLANCA, units: 2 },
      ],
    });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.body._embedded.line_items.length, 1);
    assert.equal(response.body._embedded.line_items[0].units, 3);
  });

  it('an order with no contact is a "checkout" cart', async () => {
    const response = await create({ line_items: [{ variant_id: CASABLANCA, units: 1 }] });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.status, 'checkout');
    assert.equal(response.body._embedded.contact, null);
    assert.equal(response.body._embedded.address, null);
    const [row] = await server.db.query<{ contact_id: number | null }>(
      `SELECT contact_id FROM bootic_orders WHERE code = $1`,
      [response.body.code],
    );
    assert.equal(row!.contact_id, null);
  });

  it('looks a contact up by email alone, case-insensitively', async () => {
    const contacts = await count('bootic_contacts');
    const response = await create({
      contact: { email: 'JOE@Bloggs.com' },
      line_items: [{ variant_id: CASABLANCA, units: 1 }],
    });
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(response.body._embedded.contact, BOOTIC_DEMO_CONTACT);
    assert.equal(await count('bootic_contacts'), contacts, 'no new contact');
  });

  it('more contact fields for a known email update the contact, and the other orders that share it', async () => {
    const address = email('rosa');
    const first = await create({
      contact: { email: address, name: 'Rosa Díaz', phone_number: '+56 2 2345 6789' },
      line_items: [{ variant_id: CASABLANCA, units: 1 }],
    });
    assert.equal(first.status, 201, first.text);
    const second = await create({
      contact: { email: address, name: 'Rosa Díaz Soto' },
      line_items: [{ variant_id: GIFT_WRAP, units: 1 }],
    });
    assert.equal(second.status, 201, second.text);
    const expected = { name: 'Rosa Díaz Soto', email: address, phone_number: '+56 2 2345 6789' };
    assert.deepEqual(second.body._embedded.contact, expected);
    const again = await server.get(`/v1/shops/29/orders/${first.body.code}`);
    assert.deepEqual(again.body._embedded.contact, expected, 'the first order shows the updated contact');
    const third = await create({
      contact: { email: address, phone_number: '+56 9 8765 4321' },
      line_items: [{ variant_id: GIFT_WRAP, units: 1 }],
    });
    assert.deepEqual(third.body._embedded.contact, { ...expected, phone_number: '+56 9 8765 4321' });
  });

  it('refuses an unknown variant with seed 003’s exact 422 body', async () => {
    const response = await create({ line_items: [{ variant_id: 32222, units: 1 }] });
    assert.equal(response.status, 422);
    assert.match(response.headers.get('content-type')!, /^application\/json/);
    assert.deepEqual(response.body, {
      _class: ['errors'],
      _embedded: {
        errors: [{ _class: ['error'], field: 'variant.id', messages: ['Variant 32222 does not exist in this shop'] }],
      },
    });
  });

  it('a product that is deleted, inactive, in another currency or another company’s is no variant of the shop', async () => {
    const deleted = await createProduct(server, {
      name: 'Gone',
      price: 1000,
      currency: 'CLP',
      external_reference: '5002',
    });
    assert.equal((await server.put(`/products/${deleted}`, { deleted: true }, server.serviceKey)).status, 200);
    await createProduct(server, {
      name: 'Hidden',
      price: 1000,
      currency: 'CLP',
      external_reference: '5003',
      active: false,
    });
    await createProduct(server, { name: 'In euros', price: 10, currency: 'EUR', external_reference: '5004' });
    const other = await server.request('POST', '/products', {
      apiKey: TEST_API_KEY,
      token: server.serviceKey,
      body: { name: 'Elsewhere', price: 1000, currency: 'CLP', external_reference: '5005' },
    });
    assert.equal(other.status, 200, other.text);
    const response = await create({
      line_items: [5002, 5003, 5004, 5005].map((variant_id) => ({ variant_id, units: 1 })),
    });
    assert.deepEqual(errors(response), {
      'variant.id': [5002, 5003, 5004, 5005].map((id) => `Variant ${id} does not exist in this shop`),
    });
  });

  it('a new contact needs email, name and phone_number: one 422 error per missing field', async () => {
    const line_items = [{ variant_id: CASABLANCA, units: 1 }];
    assert.deepEqual(
      Object.keys(
        errors(await create({ line_items, contact: { email: email('x'), phone_number: '+56 9 1111 2222' } })),
      ),
      ['contact.name'],
    );
    assert.deepEqual(Object.keys(errors(await create({ line_items, contact: { email: email('x'), name: 'Xi' } }))), [
      'contact.phone_number',
    ]);
    assert.deepEqual(
      Object.keys(errors(await create({ line_items, contact: { name: 'Xi', phone_number: '+56 9 1111 2222' } }))),
      ['contact.email'],
    );
    assert.deepEqual(Object.keys(errors(await create({ line_items, contact: { email: email('x') } }))), [
      'contact.name',
      'contact.phone_number',
    ]);
    assert.deepEqual(
      Object.keys(
        errors(
          await create({ line_items, contact: { email: 'not an email', name: 'Xi', phone_number: '+56 9 1111 2222' } }),
        ),
      ),
      ['contact.email'],
    );
    assert.deepEqual(
      Object.keys(
        errors(await create({ line_items, contact: { email: email('x'), name: 'Xi', phone_number: '-- () --' } })),
      ),
      ['contact.phone_number'],
    );
    assert.deepEqual(Object.keys(errors(await create({ line_items, contact: 'joe@bloggs.com' }))), ['contact']);
    assert.deepEqual(
      Object.keys(
        errors(await create({ line_items, contact: { email: email('x'), name: 42, phone_number: '+56 9 1111 2222' } })),
      ),
      ['contact.name'],
    );
  });

  it('checks the contact with core’s rules, the checkout’s: an email address, a phone number of 6+ digits', async () => {
    const line_items = [{ variant_id: CASABLANCA, units: 1 }];
    const contact = (phone_number: string) => ({ email: email('phone'), name: 'Pia Fono', phone_number });
    for (const phone of ['+56 9 1234 5678', '(555) 010-0199', '123456', '+1.555.010.0199']) {
      const response = await create({ line_items, contact: contact(phone) });
      assert.equal(response.status, 201, `${phone}: ${response.text}`);
    }
    // Six digits are not enough when the rest is not how a phone number is written, or it is too long.
    for (const phone of ['12345a6', 'tel: 123456', '+56 9 1234 5678 ext. 9', '1 2 3 4 5 6 7 8 9 0 1 2']) {
      const found = errors(await create({ line_items, contact: contact(phone) }));
      assert.deepEqual(Object.keys(found), ['contact.phone_number'], phone);
      assert.match(found['contact.phone_number']![0]!, /not a valid phone number/);
    }
    assert.deepEqual(
      Object.keys(errors(await create({ line_items, contact: { ...contact('123456'), email: 'a@b' } }))),
      ['contact.email'],
    );
  });

  it('an unknown or malformed address id is 422 at address.id', async () => {
    const line_items = [{ variant_id: CASABLANCA, units: 1 }];
    assert.deepEqual(errors(await create({ line_items, address: { id: 99999 } })), {
      'address.id': ['Address 99999 does not exist in this shop'],
    });
    for (const address of [{}, { id: '35666' }, { id: 1.5 }, 35666]) {
      assert.deepEqual(
        Object.keys(errors(await create({ line_items, address }))),
        ['address.id'],
        JSON.stringify(address),
      );
    }
  });

  it('line_items missing, empty or not a list, bad units and bad variant ids are 422 with their fields', async () => {
    assert.deepEqual(Object.keys(errors(await create({}))), ['line_items']);
    assert.deepEqual(Object.keys(errors(await create({ line_items: [] }))), ['line_items']);
    assert.deepEqual(Object.keys(errors(await create({ line_items: { variant_id: CASABLANCA, units: 1 } }))), [
      'line_items',
    ]);
    assert.deepEqual(Object.keys(errors(await create({ line_items: [42] }))), ['line_items[0]']);
    for (const units of [0, -1, 1.5, '2', null, 10_000]) {
      assert.deepEqual(
        Object.keys(errors(await create({ line_items: [{ variant_id: CASABLANCA, units }] }))),
        ['line_items[0].units'],
        String(units),
      );
    }
    for (const variant_id of ['1201', 1.5, -3, 0, null]) {
      assert.deepEqual(
        Object.keys(errors(await create({ line_items: [{ variant_id, units: 1 }] }))),
        ['line_items[0].variant_id'],
        String(variant_id),
      );
    }
    const tooMany = Array.from({ length: 101 }, () => ({ variant_id: CASABLANCA, units: 1 }));
    assert.deepEqual(Object.keys(errors(await create({ line_items: tooMany }))), ['line_items']);
  });

  it('reports every problem at once, and a refused order writes nothing', async () => {
    const before = [await count('bootic_orders'), await count('bootic_contacts')];
    const response = await create({
      line_items: [
        { variant_id: 32222, units: 1 },
        { variant_id: CASABLANCA, units: 0 },
      ],
      contact: { email: email('y') },
      address: { id: 1 },
    });
    assert.deepEqual(Object.keys(errors(response)).sort(), [
      'address.id',
      'contact.name',
      'contact.phone_number',
      'line_items[1].units',
      'variant.id',
    ]);
    // A known contact with a new name, refused for another reason, is not updated either.
    const refused = await create({
      line_items: [{ variant_id: 32222, units: 1 }],
      contact: { email: BOOTIC_DEMO_CONTACT.email, name: 'Someone Else' },
    });
    assert.equal(refused.status, 422);
    assert.deepEqual([await count('bootic_orders'), await count('bootic_contacts')], before);
    const [joe] = await server.db.query<{ name: string }>(`SELECT name FROM bootic_contacts WHERE email = $1`, [
      BOOTIC_DEMO_CONTACT.email,
    ]);
    assert.equal(joe!.name, BOOTIC_DEMO_CONTACT.name);
  });

  it('honours Idempotency-Key: a replay answers the first 201 and creates nothing', async () => {
    const body = {
      line_items: [{ variant_id: CASABLANCA, units: 1 }],
      contact: { email: email('idem'), name: 'Ida Em', phone_number: '+56 9 5555 0000' },
    };
    const key = { 'Idempotency-Key': `bootic-${Date.now()}` };
    const first = await create(body, key);
    assert.equal(first.status, 201, first.text);
    const orders = await count('bootic_orders');
    const again = await create(body, key);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.text, first.text);
    assert.equal(await count('bootic_orders'), orders);
    const other = await create({ ...body, line_items: [{ variant_id: GIFT_WRAP, units: 1 }] }, key);
    assert.equal(other.status, 422);
    assert.equal(other.body.code, 'idempotency_key_reused');
  });

  it('needs the API key of the shop’s company: no key 401, another company’s or an unknown shop 404', async () => {
    const body = { line_items: [{ variant_id: CASABLANCA, units: 1 }] };
    assert.equal((await server.request('POST', SHOP, { body, apiKey: null })).status, 401);
    assert.equal((await server.request('POST', SHOP, { body, apiKey: TEST_API_KEY })).status, 404);
    assert.equal((await create(body)).status, 201);
    assert.equal((await server.post('/v1/shops/30/orders', body)).status, 404);
    assert.equal((await server.post('/v1/shops/abc/orders', body)).status, 404);
    assert.equal((await server.get('/v1/shops/29/orders/R0X0000')).status, 404);
    assert.equal(
      (await server.request('POST', SHOP, { raw: '{"line_items": [', headers: { 'Content-Type': 'application/json' } }))
        .status,
      400,
    );
  });
});

describe('random input to create_order', () => {
  it('never gets a 500: a 201, or a 422 in seed 003’s shape (400 for a body that is not a JSON object)', async () => {
    const variant = fc.constantFrom(CASABLANCA, REAR_WINDOW, GIFT_WRAP, 32222, 0, -1, 1.5, '1201', null);
    const units = fc.oneof(fc.integer({ min: -2, max: 10_001 }), fc.constantFrom(1, 2, 1.5, '1', null, 1e21));
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(BOOTIC_DEMO_CONTACT.email, 'a@b.cl', '+56 9 1234 5678', '', null, 7),
    );
    const body = fc.record(
      {
        line_items: fc.oneof(
          fc.array(fc.oneof(fc.record({ variant_id: variant, units }, { requiredKeys: [] }), fc.anything()), {
            maxLength: 4,
          }),
          fc.anything(),
        ),
        contact: fc.oneof(
          fc.record({ email: text, name: text, phone_number: text }, { requiredKeys: [] }),
          fc.anything(),
        ),
        address: fc.oneof(fc.record({ id: fc.constantFrom(35666, 35667, 1, '35666', -1, null) }), fc.anything()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(body, fc.anything()), async (value) => {
        const response = await server.request('POST', SHOP, { raw: JSON.stringify(value) ?? 'null' });
        assert.ok([201, 400, 422].includes(response.status), `${response.status} ${response.text}`);
        if (response.status === 422) errors(response);
        if (response.status === 201) assert.ok(Number.isSafeInteger(response.body.total) && response.body.total >= 0);
        if (response.status === 400) assert.equal(response.body.code, 'json-invalid');
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 100) },
    );
  });
});

describe('the web checkout and cart stand-ins (btc:web_checkout, btc:web_cart)', () => {
  it('serve a small HTML page naming the order code and total, with no API key', async () => {
    const created = await create({
      line_items: [{ variant_id: CASABLANCA, units: 2 }],
      contact: { email: BOOTIC_DEMO_CONTACT.email },
    });
    const { code, total } = created.body;
    for (const rel of ['btc:web_checkout', 'btc:web_cart']) {
      const response = await fetch(created.body._links[rel].href);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type')!, /^text\/html/);
      assert.match(response.headers.get('content-security-policy')!, /default-src 'none'/);
      const html = await response.text();
      assert.match(html, /^<!doctype html>\n<html lang="en">/);
      assert.match(html, /<title>[^<]+<\/title>/);
      assert.match(html, new RegExp(`<h1>[^<]*order <span id="order-code">${code}</span></h1>`));
      assert.match(html, new RegExp(`<data id="order-total" value="${total}">CLP[\\s\\u00a0]17,980</data>`));
      assert.match(html, /<caption>/);
      assert.match(html, /<th scope="col">/);
      assert.doesNotMatch(html, /bloggs/i, 'no contact data on a public page');
    }
    const missing = await fetch(`${server.url}/bootic/checkout/R9Z9999`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /Order not found/);
    assert.equal((await fetch(`${server.url}/bootic/checkout/%3Cscript%3E`)).status, 404);
  });
});
