import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSubProducts, createProduct, startTestServer, testDatabaseUrl, type TestServer } from '../support/server.ts';

interface Product {
  _id: { $oid: string };
  name: string;
  price: number;
  discount: number;
  final_price: number;
  vat: number;
  currency: string;
  main_product: boolean;
  tags: string[];
  human_id: string;
  _sub_products: { $oid: string }[];
  parents: { $oid: string }[];
  image: { url: string } | null;
  media: { kind: string; url: string; name: string }[];
  created: { $date: number };
  description: string;
  short_description: string;
  deleted: boolean;
}

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: true });
});
after(() => server.close());

const all = async (query = ''): Promise<Product[]> => (await server.get(`/products?size=500${query}`)).body;

describe('the demo catalogue', () => {
  it('has at least 20 main products in one currency, with VAT 0.25, tags and descriptions', async () => {
    const products = await all();
    assert.ok(products.length >= 20, `${products.length} products`);
    assert.deepEqual([...new Set(products.map((p) => p.currency))], ['EUR']);
    for (const p of products) {
      assert.equal(p.main_product, true);
      assert.equal(p.vat, 0.25);
      assert.ok(p.tags.length >= 2, p.name);
      assert.ok(
        p.tags.some((t) => /^\d{4}s$/.test(t)),
        `${p.name} has a decade tag`,
      );
      assert.ok(p.short_description && p.description.length > p.short_description.length, p.name);
      assert.ok(p.price >= 4.99 && p.price <= 24.99, `${p.name} at ${p.price}`);
    }
  });

  it('discounts some products, with final_price computed', async () => {
    const products = await all();
    const discounts = new Set(products.map((p) => p.discount));
    for (const d of [0.1, 0.2, 0.5]) assert.ok(discounts.has(d), `a ${d} discount`);
    const jaws = products.find((p) => p.name === 'Jaws')!;
    assert.deepEqual([jaws.price, jaws.discount, jaws.final_price], [6.99, 0.5, 3.5]);
    const text = (await server.get(`/products/${jaws._id.$oid}`)).text;
    assert.match(text, /"price":6\.99,"discount":0\.5,"final_price":3\.50/);
  });

  it('offers a collector’s sleeve and gift wrap on several parents', async () => {
    const subs = (await all('&all=true')).filter((p) => !p.main_product);
    const names = subs.map((p) => p.name);
    for (const name of ["Collector's sleeve", 'Gift wrap', "Director's commentary booklet"])
      assert.ok(names.includes(name), name);
    for (const sub of subs) {
      assert.ok(sub.parents.length >= 5, `${sub.name} has ${sub.parents.length} parents`);
      assert.deepEqual(sub._sub_products, []);
    }
    const mains = await all();
    const sleeve = subs.find((s) => s.name === "Collector's sleeve")!;
    assert.ok(mains.every((m) => m._sub_products.some((s) => s.$oid === sleeve._id.$oid)));
  });

  it('has covers served by the server, as absolute URLs', async () => {
    const [first] = await all();
    assert.ok(first!.image!.url.startsWith(`${server.url}/media/`), first!.image!.url);
    assert.equal(first!.media[0]!.kind, 'image');
    const response = await fetch(first!.image!.url);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type')!, /^image\/svg\+xml/);
    const svg = await response.text();
    assert.match(svg, /^<svg /);
    assert.ok(svg.includes(first!.name.replace(/&/g, '&amp;').replace(/'/g, '&#39;')));
    assert.equal((await fetch(`${server.url}/media/covers/nope.svg`)).status, 404);
    assert.equal((await fetch(`${server.url}/media/covers/..%2Fetc.svg`)).status, 404);
  });

  it('comes with the demo shop’s two discount codes: 10 % off, and €5 off an order of €30 or more', async () => {
    const listed = await server.get('/coupons', server.serviceKey);
    assert.deepEqual(
      (listed.body as Record<string, unknown>[])
        .map((c) => [c.code, c.percent_off, c.amount_off, c.currency, c.min_order_amount, c.max_redemptions, c.active])
        .sort(),
      [
        ['FIVER30', null, 5, 'EUR', 30, null, true],
        ['REWIND10', 10, null, null, null, null, true],
      ],
    );
    // A customer checks one with the API key alone.
    const check = await server.request('GET', '/coupons/rewind10');
    assert.deepEqual([check.status, check.body.code, check.body.valid], [200, 'REWIND10', true]);
  });

  it('is loaded once: a restart on the same database does not duplicate it', async () => {
    const url = testDatabaseUrl();
    const dir = url ? undefined : await mkdtemp(join(tmpdir(), 'tillkit-seed-'));
    const schema = `tillkit_seed_${process.pid}`;
    const where = url ? { databaseSchema: schema } : { dataDir: dir! };
    try {
      for (let run = 0; run < 2; run++) {
        const s = await startTestServer({ seed: true, ...where });
        try {
          const response = await s.get('/products?all=true&size=1');
          assert.equal(response.headers.get('X-Total-Count'), String((await all('&all=true')).length), `run ${run}`);
          const coupons = await s.get('/coupons', s.serviceKey);
          assert.equal(coupons.headers.get('X-Total-Count'), '2', `run ${run}: the demo codes, once`);
        } finally {
          await s.close();
        }
      }
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
      if (url) await (await import('../support/server.ts')).dropSchema(url, schema);
    }
  });
});

describe('GET /products', () => {
  it('pages by size (default 10) and page (default 0), with X-Total-Count', async () => {
    const total = (await all()).length;
    const first = await server.get('/products');
    assert.equal(first.body.length, 10);
    assert.equal(first.headers.get('X-Total-Count'), String(total));
    const second = await server.get('/products?page=1');
    assert.notEqual(second.body[0]._id.$oid, first.body[0]._id.$oid);
    const last = await server.get(`/products?size=7&page=${Math.floor(total / 7)}`);
    assert.equal(last.body.length, total % 7);
    assert.deepEqual((await server.get('/products?page=99')).body, []);
    for (const bad of ['size=0', 'size=-1', 'size=abc', 'page=-1', 'page=1.5', 'size=100000']) {
      const response = await server.get(`/products?${bad}`);
      assert.equal(response.status, 400, bad);
      assert.equal(response.body.field, bad.split('=')[0]);
    }
  });

  it('sorts by created (default), price, name, either way', async () => {
    const byCreated = await all();
    assert.deepEqual(
      byCreated.map((p) => p.created.$date),
      [...byCreated.map((p) => p.created.$date)].sort((a, b) => a - b),
    );
    const byPrice = (await all('&sort=price')).map((p) => p.price);
    assert.deepEqual(
      byPrice,
      [...byPrice].sort((a, b) => a - b),
    );
    const byPriceDesc = (await all('&sort=-price')).map((p) => p.price);
    assert.deepEqual(byPriceDesc, [...byPrice].reverse());
    const byName = (await all('&sort=name')).map((p) => p.name.toLowerCase());
    assert.deepEqual(byName, [...byName].sort());
    assert.equal((await server.get('/products?sort=secret')).status, 400);
  });

  it('sorts by final_price, the price after discount it shows, either way', async () => {
    const byFinal = await all('&sort=final_price');
    const finals = byFinal.map((p) => p.final_price);
    assert.deepEqual(
      finals,
      [...finals].sort((a, b) => a - b),
    );
    assert.ok(
      byFinal.some((p, i) => i > 0 && p.price < byFinal[i - 1]!.price),
      'a discount moves a product before a cheaper one',
    );
    const byFinalDesc = (await all('&sort=-final_price')).map((p) => p.final_price);
    assert.deepEqual(
      byFinalDesc,
      [...finals].sort((a, b) => b - a),
    );
  });

  it('lists sub-products only with all=true', async () => {
    const mains = await all();
    const everything = await all('&all=true');
    assert.equal(everything.length, mains.length + 3);
  });

  it('filters by created date (from_date, to_date)', async () => {
    const products = await all();
    const middle = products[5]!.created.$date;
    const from = await all(`&from_date=${middle}`);
    assert.equal(from.length, products.length - 5);
    const to = await all(`&to_date=${middle}`);
    assert.equal(to.length, 6);
    assert.equal((await server.get('/products?date_filter=weekday')).status, 400);
  });

  it('hides deleted products unless include_deleted=true', async () => {
    const id = await createProduct(server, { name: 'Soon gone', price: 5, currency: 'EUR', vat: 0.25 });
    const before = (await all()).length;
    const deleted = await server.put(`/products/${id}`, { deleted: true }, server.serviceKey);
    assert.equal(deleted.body.deleted, true);
    assert.equal((await all()).length, before - 1);
    assert.ok((await all('&include_deleted=true')).some((p) => p._id.$oid === id));
    // Still readable by id (a cart may hold it), and refused in an order.
    assert.equal((await server.get(`/products/${id}`)).body.deleted, true);
    const token = await server.userToken('buyer');
    const order = await server.post('/orders', { items: [{ product: id, quantity: 1 }] }, token);
    assert.equal(order.status, 400);
    assert.equal(order.body.field, 'items[0].product');
  });
});

describe('GET /products/search and /products/tags', () => {
  it('searches names and descriptions, case-insensitively', async () => {
    const byName = await server.get('/products/search?query=lebowski');
    assert.deepEqual(
      byName.body.map((p: Product) => p.name),
      ['The Big Lebowski'],
    );
    const byDescription = await server.get('/products/search?query=DELOREAN');
    assert.deepEqual(
      byDescription.body.map((p: Product) => p.name),
      ['Back to the Future'],
    );
    assert.deepEqual((await server.get('/products/search?query=zzzzzz')).body, []);
    assert.equal((await server.get('/products/search?query=%25')).body.length, 0, 'a % is a character, not a wildcard');
    assert.equal((await server.get('/products/search?query=a%00b')).status, 400);
  });

  it('searches the properties a shop shows: director, year and actors', async () => {
    const names = async (query: string) =>
      (await server.get(`/products/search?size=100&query=${encodeURIComponent(query)}`)).body
        .map((p: Product) => p.name)
        .sort();
    assert.deepEqual(await names('hitchcock'), ['Psycho', 'Rear Window']);
    assert.deepEqual(await names('1954'), ['Rear Window', 'Seven Samurai']);
    const id = await createProduct(server, {
      name: 'Three Colours: White',
      price: 5,
      currency: 'EUR',
      properties: { director: 'Krzysztof Kieślowski', actors: ['Julie Delpy', 'Zbigniew Zamachowski'], region: 2 },
    });
    try {
      assert.deepEqual(await names('zamachowski'), ['Three Colours: White']);
      assert.deepEqual(await names('kieślowski'), ['Three Colours: Blue, White, Red', 'Three Colours: White']);
      assert.deepEqual(await names('director'), [], 'the names of the properties are not searched');
    } finally {
      await server.put(`/products/${id}`, { deleted: true }, server.serviceKey);
    }
  });

  it('narrows a search to products with any of the given tags', async () => {
    const names = async (query: string) =>
      (await server.get(`/products/search?size=100&${query}`)).body.map((p: Product) => p.name).sort();
    assert.deepEqual(await names('query=hitchcock&tags=horror'), ['Psycho']);
    assert.deepEqual(await names('query=hitchcock&tags=Mystery,comedy'), ['Rear Window']);
    assert.deepEqual(await names('query=hitchcock&tags='), ['Psycho', 'Rear Window'], 'an empty tags is no filter');
  });

  it('finds a product by id and by human_id', async () => {
    const [target] = await all();
    const byId = await server.get(`/products/search?query=${target!._id.$oid}`);
    assert.deepEqual(
      byId.body.map((p: Product) => p._id.$oid),
      [target!._id.$oid],
    );
    const byHuman = await server.get(`/products/search?query=${target!.human_id.toLowerCase()}`);
    assert.deepEqual(
      byHuman.body.map((p: Product) => p._id.$oid),
      [target!._id.$oid],
    );
  });

  it('needs a query', async () => {
    const response = await server.get('/products/search');
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'query');
  });

  it('finds products with any of the tags', async () => {
    const horror = await server.get('/products/tags?tags=horror');
    assert.ok(horror.body.length >= 2);
    assert.ok(horror.body.every((p: Product) => p.tags.includes('horror')));
    const either = await server.get('/products/tags?tags=horror,Animation&size=100');
    assert.ok(either.body.every((p: Product) => p.tags.includes('horror') || p.tags.includes('animation')));
    assert.ok(either.body.length > horror.body.length);
    assert.equal(either.headers.get('X-Total-Count'), String(either.body.length));
    const nineties = await server.get('/products/tags?tags=1990s&size=100');
    assert.ok(nineties.body.length >= 5);
    assert.equal((await server.get('/products/tags')).status, 400);
  });
});

describe('GET /products/:id', () => {
  it('answers seed 002’s product object', async () => {
    const [first] = await all();
    const response = await server.get(`/products/${first!._id.$oid}`);
    assert.equal(response.status, 200);
    const p = response.body;
    assert.equal(p._cls, 'Product');
    assert.match(p.human_id, /^[0-9A-Z]{6}$/);
    assert.equal(p.path, '/');
    assert.equal(p.deleted, false);
    assert.deepEqual(p.properties.format, 'DVD');
    assert.match(p.company.$oid, /^[0-9a-f]{24}$/);
  });

  it('expands the sub-products on request', async () => {
    const [first] = await all();
    const response = await server.get(`/products/${first!._id.$oid}?expand=sub_products`);
    assert.deepEqual(
      response.body.sub_products.map((s: Product) => s._id.$oid),
      response.body._sub_products.map((s: { $oid: string }) => s.$oid),
    );
    assert.equal(typeof response.body.sub_products[0].price, 'number');
  });

  it('is 404 for an unknown or malformed id', async () => {
    assert.equal((await server.get('/products/ffffffffffffffffffffffff')).status, 404);
    const malformed = await server.get('/products/not-an-id');
    assert.equal(malformed.status, 404);
    assert.equal(malformed.body.code, 'not-found');
  });
});

describe('admin: POST and PUT /products', () => {
  it('creates a product as the seed does, computing final_price', async () => {
    const response = await server.post(
      '/products',
      {
        description: 'It is a test product',
        currency: 'NOK',
        price: 3.14,
        name: 'Product Name',
        vat: 0.15,
        discount: 0.25,
        external_reference: '123456abcd',
        tags: ['Foo'],
      },
      server.serviceKey,
    );
    assert.equal(response.status, 200, response.text);
    assert.match(response.text, /"price":3\.14,"discount":0\.25,"final_price":2\.36,"vat":0\.15/);
    assert.equal(response.body.external_reference, '123456abcd');
    assert.equal(response.body.main_product, true);
    assert.deepEqual(response.body._sub_products, []);
    assert.match(response.body.human_id, /^[0-9A-Z]{6}$/);
  });

  it('writes money with the currency’s own decimals (JPY 0, KWD 3)', async () => {
    const yen = await server.post('/products', { name: 'Yen DVD', price: 1500, currency: 'JPY' }, server.serviceKey);
    assert.match(yen.text, /"price":1500,/);
    const dinar = await server.post(
      '/products',
      { name: 'Dinar DVD', price: 1.234, currency: 'KWD' },
      server.serviceKey,
    );
    assert.match(dinar.text, /"price":1\.234,/);
    const cents = await server.post('/products', { name: 'Round', price: 10, currency: 'EUR' }, server.serviceKey);
    assert.match(cents.text, /"price":10\.00,/);
  });

  it('stores media given as {kind, url, name}', async () => {
    const response = await server.post(
      '/products',
      {
        name: 'awesome product',
        price: 42.42,
        currency: 'NOK',
        media: [{ kind: 'image', url: 'https://images.example/a.jpg', name: 'My Awesome Image' }],
      },
      server.serviceKey,
    );
    assert.equal(response.status, 200);
    assert.equal(response.body.media[0].url, 'https://images.example/a.jpg');
    assert.match(response.body.media[0].human_id, /^[0-9A-Z]{6}$/);
    assert.equal(response.body.image.url, 'https://images.example/a.jpg');
    const noUrl = await server.post(
      '/products',
      { name: 'x', price: 1, currency: 'EUR', media: [{ image: '5a2a837a9bb92800137cb16f' }] },
      server.serviceKey,
    );
    assert.equal(noUrl.status, 400);
    assert.equal(noUrl.body.field, 'media[0]');
  });

  it('refuses bad products with 400 and the field', async () => {
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ price: 1, currency: 'EUR' }, 'name'],
      [{ name: 'x', currency: 'EUR' }, 'price'],
      [{ name: 'x', price: '3.14', currency: 'EUR' }, 'price'],
      [{ name: 'x', price: 3.145, currency: 'EUR' }, 'price', 'amount-precision'],
      [{ name: 'x', price: 1.5, currency: 'JPY' }, 'price', 'amount-precision'],
      [{ name: 'x', price: -1, currency: 'EUR' }, 'price'],
      [{ name: 'x', price: 1e300, currency: 'EUR' }, 'price'],
      [{ name: 'x', price: 1, currency: 'EURO' }, 'currency'],
      [{ name: 'x', price: 1 }, 'currency'],
      [{ name: 'x', price: 1, currency: 'EUR', discount: 1.5 }, 'discount'],
      [{ name: 'x', price: 1, currency: 'EUR', vat: -0.1 }, 'vat'],
      [{ name: 'x', price: 1, currency: 'EUR', vat: '25%' }, 'vat'],
      [{ name: 'x', price: 1, currency: 'EUR', tags: 'drama' }, 'tags'],
      [{ name: 'x', price: 1, currency: 'EUR', main_product: 'no' }, 'main_product'],
      [{ name: 'x', price: 1, currency: 'EUR', properties: [] }, 'properties'],
    ];
    const before = (await all('&all=true&include_deleted=true')).length;
    for (const [body, field, code] of cases) {
      const response = await server.post('/products', body, server.serviceKey);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.field, field, JSON.stringify(body));
      if (code) assert.equal(response.body.code, code);
    }
    assert.equal((await all('&all=true&include_deleted=true')).length, before);
  });

  it('updates given fields and recomputes final_price', async () => {
    const id = await createProduct(server, { name: 'Repriced', price: 10, currency: 'EUR' });
    const response = await server.put(
      `/products/${id}`,
      { price: 12.5, discount: 0.2, tags: ['sale'] },
      server.serviceKey,
    );
    assert.equal(response.status, 200);
    assert.match(response.text, /"price":12\.50,"discount":0\.2,"final_price":10\.00/);
    assert.equal(response.body.name, 'Repriced');
    const currency = await server.put(`/products/${id}`, { currency: 'JPY' }, server.serviceKey);
    assert.equal(currency.status, 400);
    assert.equal(currency.body.field, 'price');
    assert.equal((await server.put('/products/ffffffffffffffffffffffff', { price: 1 }, server.serviceKey)).status, 404);
    assert.equal((await server.put(`/products/${id}`, { price: 'free' }, server.serviceKey)).status, 400);
  });
});

describe('admin: PUT /products/:id/sub_products', () => {
  it('adds sub-products, updating _sub_products and the subs’ parents', async () => {
    const parent = await createProduct(server, { name: 'Parent', price: 10, currency: 'EUR' });
    const other = await createProduct(server, { name: 'Other parent', price: 10, currency: 'EUR' });
    const sub = await createProduct(server, { name: 'Add-on', price: 1, currency: 'EUR', main_product: false });
    const response = await server.put(`/products/${parent}/sub_products`, { add: [sub] }, server.serviceKey);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body._sub_products, [{ $oid: sub }]);
    await addSubProducts(server, other, [sub]);
    await addSubProducts(server, other, [sub]);
    const { body: addOn } = await server.get(`/products/${sub}`);
    assert.deepEqual(addOn.parents.map((p: { $oid: string }) => p.$oid).sort(), [parent, other].sort());
    const removed = await server.put(`/products/${other}/sub_products`, { remove: [sub] }, server.serviceKey);
    assert.deepEqual(removed.body._sub_products, []);
  });

  it('keeps the rules: no sub-products on a sub-product, only sub-products as add-ons, one currency', async () => {
    const parent = await createProduct(server, { name: 'Main', price: 10, currency: 'EUR' });
    const main2 = await createProduct(server, { name: 'Another main', price: 10, currency: 'EUR' });
    const sub = await createProduct(server, { name: 'Sub', price: 1, currency: 'EUR', main_product: false });
    const sub2 = await createProduct(server, { name: 'Sub 2', price: 1, currency: 'EUR', main_product: false });
    const kroner = await createProduct(server, { name: 'Krone sub', price: 1, currency: 'NOK', main_product: false });
    const onSub = await server.put(`/products/${sub}/sub_products`, { add: [sub2] }, server.serviceKey);
    assert.equal(onSub.status, 400);
    assert.equal(onSub.body.code, 'sub-product-nested');
    const mainAsSub = await server.put(`/products/${parent}/sub_products`, { add: [main2] }, server.serviceKey);
    assert.equal(mainAsSub.status, 400);
    assert.equal(mainAsSub.body.field, 'add[0]');
    const currency = await server.put(`/products/${parent}/sub_products`, { add: [sub, kroner] }, server.serviceKey);
    assert.equal(currency.status, 400);
    assert.equal(currency.body.field, 'add[1]');
    assert.equal(currency.body.message, 'An order can not have products with different currencies');
    const unknown = await server.put(
      `/products/${parent}/sub_products`,
      { add: ['ffffffffffffffffffffffff'] },
      server.serviceKey,
    );
    assert.equal(unknown.status, 400);
    assert.equal((await server.put(`/products/${parent}/sub_products`, {}, server.serviceKey)).status, 400);
    assert.equal((await server.put(`/products/${parent}/sub_products`, { add: 'x' }, server.serviceKey)).status, 400);
    // The refused requests linked nothing, not even the valid `sub` of the mixed one.
    assert.deepEqual((await server.get(`/products/${parent}`)).body._sub_products, []);
    // A product with sub-products can not become one; a sub-product with parents can not become main.
    await addSubProducts(server, parent, [sub]);
    assert.equal((await server.put(`/products/${parent}`, { main_product: false }, server.serviceKey)).status, 400);
    assert.equal((await server.put(`/products/${sub}`, { main_product: true }, server.serviceKey)).status, 400);
  });
});
