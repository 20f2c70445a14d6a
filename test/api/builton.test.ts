import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBuiltOnClient, type BuiltOnClientOptions } from '../../src/api/index.ts';
import { failure, fakeFetch, json, type Reply } from './fake-fetch.ts';
import * as seed from './seed-fixtures.ts';

/** A 200 whose body is the seed's JSON text exactly as documented. */
const raw = (text: string, headers: Record<string, string> = {}): Response =>
  new Response(text, { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });

function setup(replies: Reply[], options: Partial<BuiltOnClientOptions> = {}) {
  const fetch = fakeFetch(...replies);
  const client = createBuiltOnClient({ baseUrl: 'https://api.test', apiKey: 'key-1', fetch, backoff: 0, ...options });
  return { fetch, client };
}

const SETUP = { id: 'seti_1', client_secret: 'seti_1_secret_2', status: 'requires_payment_method' };

const product = (fields: Record<string, unknown> = {}) => ({
  _id: 'p1',
  name: 'Die Hard',
  price: 9.9,
  currency: 'EUR',
  ...fields,
});

describe('client: paths and requests', () => {
  it('lists products with page, size and sort', async () => {
    const { fetch, client } = setup([raw(seed.SEED_002_LIST)]);
    await client.listProducts({ page: 2, size: 20, sort: '-price' });
    const { url, method } = fetch.calls[0]!;
    assert.equal(method, 'GET');
    assert.equal(url.pathname, '/products');
    assert.equal(url.search, '?page=2&size=20&sort=-price');
  });

  it('searches with ?query= and filters by comma-joined tags', async () => {
    const { fetch, client } = setup([json([])]);
    await client.searchProducts('bruce willis');
    await client.productsByTags(['action', 'dvd'], { size: 5 });
    assert.equal(fetch.calls[0]!.url.pathname, '/products/search');
    assert.equal(fetch.calls[0]!.url.searchParams.get('query'), 'bruce willis');
    assert.equal(fetch.calls[1]!.url.pathname, '/products/tags');
    assert.equal(fetch.calls[1]!.url.searchParams.get('tags'), 'action,dvd');
    assert.equal(fetch.calls[1]!.url.searchParams.get('size'), '5');
  });

  it('narrows a search by comma-joined tags, and reads the catalogue’s tags', async () => {
    const { fetch, client } = setup([
      json([]),
      json({
        products: 3,
        tags: [
          { name: 'drama', count: 2 },
          { name: '', count: 1 },
          { name: 'odd', count: 'x' },
        ],
      }),
    ]);
    await client.searchProducts('hitchcock', { tags: ['horror', 'mystery'], sort: 'final_price' });
    assert.equal(fetch.calls[0]!.url.searchParams.get('tags'), 'horror,mystery');
    assert.equal(fetch.calls[0]!.url.searchParams.get('sort'), 'final_price');
    assert.deepEqual(await client.listTags(), { products: 3, tags: [{ name: 'drama', count: 2 }] });
    assert.equal(fetch.calls[1]!.url.pathname, '/tags');
  });

  it('escapes ids in paths', async () => {
    const { fetch, client } = setup([raw(seed.SEED_002_PRODUCT)]);
    await client.getProduct('a/b?c');
    assert.equal(fetch.calls[0]!.url.pathname, '/products/a%2Fb%3Fc');
  });

  it('sends each write to its documented path and body', async () => {
    const { fetch, client } = setup([
      raw(seed.SEED_000_USER),
      raw(seed.SEED_001_CREATE),
      raw(seed.SEED_001_UPDATE_ITEMS),
      raw(seed.SEED_001_CANCEL),
      raw(seed.SEED_000_PAYMENT_METHOD),
      raw(seed.SEED_000_PAYMENT),
    ]);
    await client.createUser({ first_name: 'John', email: 'diehardlover@email.com' });
    await client.createOrder({ items: [{ product: 'p1', quantity: 2, sub_products: ['s1'] }], note: 'gift' });
    await client.updateOrderItems('o1', [{ product: 'p1', quantity: 3 }]);
    await client.cancelOrder('o1');
    await client.createPaymentMethod('tok_visa');
    await client.createPayment({ orders: ['o1'], paymentMethod: 'pm1' });
    assert.deepEqual(
      fetch.calls.map((c) => [c.method, c.url.pathname, c.body]),
      [
        ['POST', '/v2/users', { first_name: 'John', email: 'diehardlover@email.com' }],
        ['POST', '/orders', { items: [{ product: 'p1', quantity: 2, sub_products: ['s1'] }], note: 'gift' }],
        ['PUT', '/orders/o1/items', { items: [{ product: 'p1', quantity: 3 }] }],
        ['POST', '/orders/o1/cancel', {}],
        ['POST', '/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }],
        ['POST', '/payments', { orders: ['o1'], payment_method: 'pm1' }],
      ],
    );
    assert.ok(fetch.calls.every((c) => c.headers.get('Idempotency-Key')));
  });

  it('saves a card through a SetupIntent and pays through a PaymentIntent: the paths, bodies and keys', async () => {
    const { fetch, client } = setup([json({ _id: 'pm1', card: {}, setup_intent: SETUP })]);
    await client.setUpPaymentMethod();
    await client.savePaymentMethod('pm1', 'pm_card_visa', { idempotencyKey: 'k-put' });
    await client.getPaymentMethod('pm1');
    await client
      .createPayment({ orders: ['o1'], paymentMethod: 'pm1', returnUrl: 'https://shop.example/' })
      .catch(() => 0);
    await client.confirmPayment('pay1', { intentId: 'pi_1', clientSecret: 'pi_1_secret_2' }).catch(() => 0);
    await client.confirmPayment('pay1', {}).catch(() => 0);
    await client.getPayment('pay1').catch(() => 0);
    assert.deepEqual(
      fetch.calls.map((c) => [c.method, c.url.pathname, c.body]),
      [
        ['POST', '/payment_methods', { payment_method: 'stripe' }],
        ['PUT', '/payment_methods/pm1', { payment_method_id: 'pm_card_visa' }],
        ['GET', '/payment_methods/pm1', undefined],
        ['POST', '/payments', { orders: ['o1'], payment_method: 'pm1', return_url: 'https://shop.example/' }],
        ['POST', '/payments/pay1/confirm', { payment_intent_id: 'pi_1', payment_client_secret: 'pi_1_secret_2' }],
        ['POST', '/payments/pay1/confirm', {}],
        ['GET', '/payments/pay1', undefined],
      ],
    );
    assert.equal(fetch.calls[1]!.headers.get('Idempotency-Key'), 'k-put');
  });

  it('reads a card being saved: its SetupIntent, and the page where the bank asks to authenticate', async () => {
    const url = 'https://api.test/test-processor/authenticate/a1';
    const { client } = setup([
      json({
        _id: { $oid: 'pm1' },
        card: {},
        setup_intent: {
          ...SETUP,
          status: 'requires_action',
          next_action: { type: 'redirect_to_url', redirect_to_url: { url } },
        },
      }),
    ]);
    const method = await client.getPaymentMethod('pm1');
    assert.deepEqual([method.source, method.card?.last4], [null, '']);
    assert.deepEqual(method.setupIntent, {
      id: 'seti_1',
      clientSecret: 'seti_1_secret_2',
      status: 'requires_action',
      nextAction: { type: 'redirect_to_url', url },
    });
  });

  it('reads a 422 PaymentRequiresFurtherInformation as the action to take, and names the payment of a 402 and a 409', async () => {
    const { client } = setup([
      json(
        {
          code: 422,
          message: 'Action required before charging customer.',
          error: {
            type: 'PaymentRequiresFurtherInformation',
            params: {
              intent_client_secret: 'pi_1_secret_2',
              payment_id: 'pay1',
              payment_intent_id: 'pi_1',
              next_action: { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } },
            },
          },
        },
        422,
      ),
      json(
        {
          message: 'Your card has insufficient funds.',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          payment: 'pay1',
        },
        402,
      ),
      json({ message: 'In progress', code: 'payment-in-progress', payment: 'pay2' }, 409),
    ]);
    const action = await failure(client.createPayment({ orders: ['o1'], paymentMethod: 'pm1' }));
    assert.equal(action.status, 422);
    assert.deepEqual(action.action, {
      paymentId: 'pay1',
      intentId: 'pi_1',
      clientSecret: 'pi_1_secret_2',
      nextAction: { type: 'use_stripe_sdk', url: null },
    });
    const declined = await failure(client.confirmPayment('pay1', {}));
    assert.deepEqual(
      [declined.status, declined.declineCode, declined.payment, declined.action],
      [402, 'insufficient_funds', 'pay1', undefined],
    );
    const busy = await failure(client.createPayment({ orders: ['o1'], paymentMethod: 'pm1' }));
    assert.deepEqual([busy.status, busy.code, busy.payment], [409, 'payment-in-progress', 'pay2']);
  });

  it('reads a payment’s PaymentIntent, its client secret and the next action while authenticating', async () => {
    const { client } = setup([
      json({
        _id: 'pay1',
        amount: 87,
        currency: 'EUR',
        current_state: 'requires_action',
        metadata: { intent_id: 'pi_1', intent_client_secret: 'pi_1_secret_2' },
        next_action: { type: 'redirect_to_url', redirect_to_url: { url: 'https://bank.example/3ds' } },
      }),
    ]);
    const payment = await client.getPayment('pay1');
    assert.deepEqual(
      [payment.currentState, payment.intentId, payment.clientSecret, payment.nextAction],
      ['requires_action', 'pi_1', 'pi_1_secret_2', { type: 'redirect_to_url', url: 'https://bank.example/3ds' }],
    );
  });

  it('reads orders and payment methods with GET', async () => {
    const { fetch, client } = setup([raw(seed.SEED_001_RETRIEVE), raw(`[${seed.SEED_000_PAYMENT_METHOD}]`)]);
    await client.getOrder('591ee163b70e2a10acb653a7');
    const methods = await client.listPaymentMethods();
    assert.deepEqual(
      fetch.calls.map((c) => [c.method, c.url.pathname]),
      [
        ['GET', '/orders/591ee163b70e2a10acb653a7'],
        ['GET', '/payment_methods'],
      ],
    );
    assert.equal(methods.length, 1);
    assert.equal(methods[0]!.card?.last4, '4242');
  });

  it('passes the caller signal through', async () => {
    const { client } = setup([json([])]);
    const controller = new AbortController();
    controller.abort();
    assert.equal((await failure(client.listProducts({ signal: controller.signal }))).kind, 'aborted');
  });
});

describe('client: the seeds’ products', () => {
  it('reads the documented product: $oid, $date, price 3.14 → 314', async () => {
    const { client } = setup([raw(seed.SEED_002_PRODUCT)]);
    const p = await client.getProduct('58f9f856b70e2a56c4a0db3d');
    assert.equal(p.id, '58f9f856b70e2a56c4a0db3d');
    assert.equal(p.name, 'Product Name');
    assert.equal(p.currency, 'NOK');
    assert.equal(p.price, 314);
    assert.equal(p.finalPrice, 314);
    assert.equal(p.discount, 0);
    assert.equal(p.vat, 0);
    assert.deepEqual(p.tags, ['fuzz', 'Foo', 'Bar']);
    assert.deepEqual(p.properties, {});
    assert.equal(p.mainProduct, true);
    assert.deepEqual(p.subProducts, []);
    assert.equal(p.description, 'description');
    assert.equal(p.shortDescription, '');
    assert.equal(p.humanId, null);
    assert.equal(p.image, null);
    assert.equal(p.deleted, false);
    assert.equal(p.created?.getTime(), 1492781492460);
  });

  it('reads the tag search: sub-products as $oid, a missing final_price from the formula', async () => {
    const { client } = setup([raw(seed.SEED_002_TAGS)]);
    const { items } = await client.productsByTags(['Phone']);
    assert.equal(items.length, 2);
    assert.deepEqual(items[0]!.subProducts, ['5a181f96d57ba21af74388f3']);
    assert.deepEqual(items[1]!.subProducts, ['5a181fa3d57ba21af74388fd', '5a181fa3d57ba21af74388fe']);
    assert.equal(items[0]!.price, 57800);
    assert.equal(items[1]!.price, 65800);
    assert.equal(items[1]!.finalPrice, 65800);
    // The documentation's example marks these deleted; the client reports it, the list decides.
    assert.equal(items[0]!.deleted, true);
  });

  it('reads the properties as given, and anything but an object as none', async () => {
    const properties = { year: 1954, director: 'Alfred Hitchcock', actors: ['Grace Kelly'] };
    const { client } = setup([json(product({ properties })), json(product({ properties: [1] }))]);
    assert.deepEqual((await client.getProduct('p1')).properties, properties);
    assert.deepEqual((await client.getProduct('p1')).properties, {});
  });

  it('takes the first medium as the image when there is no image', async () => {
    const { client } = setup([raw(seed.SEED_002_MEDIA)]);
    const p = await client.getProduct('5c7fc967383117000d193a91');
    assert.equal(p.price, 4242);
    assert.equal(p.image, 'https://unsplash.com/photos/MNFy7m7w9PQ');
    assert.deepEqual(p.media[1], {
      kind: 'image',
      url: 'https://builton.cdn/images/5a2a837a9bb92800137cb16f',
      name: 'Image title',
    });
  });

  it('does not take an image id for a URL', async () => {
    const { client } = setup([raw(seed.SEED_002_IMAGE)]);
    assert.equal((await client.getProduct('x')).image, null);
  });

  it('reads image as an object with url, or as a URL string', async () => {
    const { client } = setup([
      json(product({ image: { url: 'https://cdn.test/a.jpg' } })),
      json(product({ image: '/img/b.jpg' })),
      json(product({ image_url: 'https://cdn.test/old.jpg' })),
    ]);
    assert.equal((await client.getProduct('p1')).image, 'https://cdn.test/a.jpg');
    assert.equal((await client.getProduct('p1')).image, '/img/b.jpg');
    assert.equal((await client.getProduct('p1')).image, 'https://cdn.test/old.jpg');
  });

  it('reads the other product examples', async () => {
    const { client } = setup([raw(seed.SEED_002_CREATE), raw(seed.SEED_002_SUB_PRODUCTS)]);
    const created = await client.getProduct('x');
    assert.equal(created.vat, 0.15);
    assert.equal(created.finalPrice, 314);
    const parent = await client.getProduct('x');
    assert.deepEqual(parent.subProducts, ['5cee4feceec872503d9a17e5', '5cee4feceec872503d9a17e7']);
  });

  it('computes a missing final_price with the discount, rounded once', async () => {
    const { client } = setup([json(product({ price: 9.99, discount: 0.25 }))]);
    assert.equal((await client.getProduct('p1')).finalPrice, 749); // 7.4925 → 7.49
  });

  it('reads plain-string ids and sub-products, parents and sub-product flags', async () => {
    const { client } = setup([
      json(
        product({
          _id: 'plain',
          _sub_products: ['s1', { $oid: 's2' }],
          main_product: false,
          parents: [{ $oid: 'p0' }],
        }),
      ),
    ]);
    const p = await client.getProduct('plain');
    assert.equal(p.id, 'plain');
    assert.deepEqual(p.subProducts, ['s1', 's2']);
    assert.deepEqual(p.parents, ['p0']);
    assert.equal(p.mainProduct, false);
  });
});

describe('client: money is exact', () => {
  it('converts through the decimal string, per currency', async () => {
    const { client } = setup([
      json(product({ price: 3.14 })),
      json(product({ price: 0.1, final_price: 0.07, discount: 0.3 })),
      json(product({ price: 1500, currency: 'JPY' })),
      json(product({ price: 1.234, currency: 'KWD' })),
      json(product({ price: 87 })),
    ]);
    assert.equal((await client.getProduct('p')).price, 314);
    const p = await client.getProduct('p');
    assert.deepEqual([p.price, p.finalPrice], [10, 7]);
    assert.equal((await client.getProduct('p')).price, 1500);
    assert.equal((await client.getProduct('p')).price, 1234);
    assert.equal((await client.getProduct('p')).price, 8700);
  });

  it('refuses money finer than its currency as an invalid response naming the field', async () => {
    const { client } = setup([json(product({ price: 3.145 })), json(product({ price: 1.5, currency: 'JPY' }))]);
    for (let i = 0; i < 2; i++) {
      const error = await failure(client.getProduct('p'));
      assert.equal(error.kind, 'invalid-response');
      assert.equal(error.field, 'price');
    }
  });

  it('reads an order total of 87 as 8700 and of 40.0 as 4000', async () => {
    const order = { _id: 'o1', currency: 'EUR', total_amount: 87, items: [], order_status: 'CREATED' };
    const { client } = setup([json(order), raw(seed.SEED_001_CREATE)]);
    assert.equal((await client.getOrder('o1')).totalAmount, 8700);
    assert.equal((await client.getOrder('o1')).totalAmount, 4000);
  });

  it('reads order amounts in the order’s currency: JPY whole, KWD in fils', async () => {
    const line = (price: number, currency: string) => ({
      product: 'p',
      quantity: 1,
      price,
      final_price: price,
      currency,
    });
    const { client } = setup([
      json({ _id: 'o1', currency: 'JPY', total_amount: 1500, items: [line(1500, 'JPY')] }),
      json({ _id: 'o2', currency: 'KWD', total_amount: 1.234, items: [line(1.234, 'KWD')] }),
      json({ _id: 'o3', currency: 'JPY', total_amount: 1500.5, items: [] }),
    ]);
    const yen = await client.getOrder('o1');
    assert.deepEqual([yen.totalAmount, yen.items[0]!.price], [1500, 1500]);
    const dinar = await client.getOrder('o2');
    assert.deepEqual([dinar.totalAmount, dinar.items[0]!.finalPrice], [1234, 1234]);
    assert.equal((await failure(client.getOrder('o3'))).field, 'total_amount');
  });
});

describe('client: the seeds’ orders, users and payments', () => {
  it('reads the 001 create-order answer', async () => {
    const { client } = setup([raw(seed.SEED_001_CREATE)]);
    const o = await client.createOrder({ items: [{ product: '5703fce3308714000dea1ff1', quantity: 1 }] });
    assert.equal(o.id, '58b85693d76d439fdacea41b');
    assert.equal(o.status, 'CREATED');
    assert.equal(o.deliveryStatus, 'PENDING');
    assert.equal(o.currency, 'NOK');
    assert.equal(o.totalAmount, 4000);
    assert.equal(o.totalQuantity, 4);
    assert.equal(o.units, 2);
    assert.equal(o.user, '57ee9c72d76d431f85111432');
    assert.equal(o.created?.getTime(), 1488475795244);
    assert.equal(o.deliveryAddress?.city, 'Oslo');
    assert.equal(o.humanId, '');
    assert.deepEqual(o.items[0], {
      productId: '5703fce3308714000dea1ff1',
      name: 'name of the product',
      quantity: 1,
      price: 2000,
      finalPrice: 1000,
      discount: 0.5,
      vat: 0,
      currency: 'NOK',
      subProducts: [],
    });
    assert.equal(o.items[1]!.finalPrice, 3000);
  });

  it('reads the 000 order, whose items carry no prices', async () => {
    const { client } = setup([raw(seed.SEED_000_ORDER)]);
    const o = await client.createOrder({ items: [] });
    assert.equal(o.totalAmount, 4000);
    assert.equal(o.items.length, 2);
    assert.deepEqual([o.items[0]!.price, o.items[0]!.discount, o.items[1]!.quantity], [0, 0.1, 3]);
  });

  it('reads retrieve, update, update-items and cancel answers', async () => {
    const { client } = setup([
      raw(seed.SEED_001_RETRIEVE),
      raw(seed.SEED_001_UPDATE),
      raw(seed.SEED_001_UPDATE_ITEMS),
      raw(seed.SEED_001_CANCEL),
    ]);
    const retrieved = await client.getOrder('x');
    assert.equal(retrieved.humanId, '51Q4LN');
    assert.equal(retrieved.totalAmount, 120000);
    assert.equal(retrieved.items[0]!.productId, '5a2948b0d57ba22d228b1767');
    assert.equal(retrieved.user, '5a25250cd57ba213edcba515'); // an expanded user, read by its _id
    assert.equal(retrieved.deliveryStatus, 'ACCEPTED');
    const updated = await client.getOrder('x');
    assert.equal(updated.totalAmount, 4000);
    assert.equal(updated.note, 'Delivery before 4PM');
    const items = await client.updateOrderItems('x', []);
    assert.deepEqual([items.totalAmount, items.items[0]!.finalPrice, items.units], [210000, 210000, 1]);
    // The documentation's cancel example spells it CANCELED; the client reads one status.
    assert.equal((await client.cancelOrder('x')).status, 'CANCELLED');
  });

  it('reads the 000 user', async () => {
    const { client } = setup([raw(seed.SEED_000_USER)]);
    assert.deepEqual(await client.createUser({}), {
      id: '5a25250cd57ba213edcba515',
      email: 'diehardlover@email.com',
      firstName: 'John',
      lastName: 'McClane',
      newCustomer: true,
    });
  });

  it('reads the 000 payment method and its card', async () => {
    const { client } = setup([raw(seed.SEED_000_PAYMENT_METHOD)]);
    assert.deepEqual(await client.createPaymentMethod('tok_1Bv5yfEeeXxFpLJtpWYeGYuy'), {
      id: '<payment-method-id>',
      method: 'stripe',
      card: { brand: 'Visa', last4: '4242', expMonth: 12, expYear: 2019, funding: 'credit', country: 'US' },
      source: null,
      setupIntent: null,
    });
  });

  it('reads the 000 payment: amount 450.2 NOK → 45020, the order from subject', async () => {
    const { client } = setup([raw(seed.SEED_000_PAYMENT)]);
    assert.deepEqual(await client.createPayment({ orders: ['<order-id>'], paymentMethod: '<payment-method-id>' }), {
      id: '<payment-id>',
      humanId: '51Q4LN',
      amount: 45020,
      currency: 'NOK',
      currentState: 'created',
      orders: ['<order-id>'],
      paymentMethod: '<payment-method-id>',
      paymentDate: new Date(147998016470),
      errorCode: null,
      errorMessage: null,
      intentId: null,
      clientSecret: null,
      nextAction: null,
      created: new Date(1476118043580),
    });
  });

  it('lists and searches orders (seed 001) with paging, status and the total from X-Total-Count', async () => {
    const { fetch, client } = setup([raw(seed.SEED_001_LIST, { 'X-Total-Count': '31' }), raw(seed.SEED_001_LIST)]);
    const listed = await client.listOrders({ page: 3, size: 10, status: 'SUCCESS' });
    assert.deepEqual([listed.page, listed.size, listed.total], [3, 10, 31]);
    assert.deepEqual(
      listed.items.map((o) => [o.humanId, o.totalAmount, o.currency, o.payments]),
      [['51Q4LN', 120000, 'NOK', []]],
    );
    const found = await client.searchOrders('51q4ln');
    assert.equal(found.total, null, 'no X-Total-Count: the total is unknown');
    assert.deepEqual(
      fetch.calls.map((c) => [c.url.pathname, c.url.search]),
      [
        ['/orders', '?page=3&size=10&order_status=SUCCESS'],
        ['/orders/search', '?query=51q4ln'],
      ],
    );
  });

  it('leaves a malformed order out of a page, with a warning', async (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const { client } = setup([
      json([
        { _id: 'o1', currency: 'EUR', items: [] },
        { _id: 'o2', items: [] },
      ]),
    ]);
    const page = await client.listOrders();
    assert.deepEqual(
      page.items.map((o) => o.id),
      ['o1'],
    );
    assert.equal(warn.mock.callCount(), 1);
  });

  it('lists one order’s payments with ?order=, reading a decline’s code and message', async () => {
    const declined = {
      _id: 'pay1',
      amount: 9.99,
      currency: 'EUR',
      current_state: 'declined',
      orders: [{ $oid: 'o1' }],
      payment_method: 'pm1',
      error_code: 'card_declined',
      decline_code: 'insufficient_funds',
      error_message: 'Your card has insufficient funds.',
      created: { $date: 1700000000000 },
    };
    const { fetch, client } = setup([json([declined])]);
    const [payment] = await client.listPayments('o1');
    assert.deepEqual(
      [payment!.amount, payment!.currentState, payment!.orders, payment!.errorCode, payment!.errorMessage],
      [999, 'declined', ['o1'], 'insufficient_funds', 'Your card has insufficient funds.'],
    );
    assert.equal(payment!.created?.getTime(), 1700000000000);
    assert.equal(fetch.calls[0]!.url.pathname + fetch.calls[0]!.url.search, '/payments?order=o1');
  });

  it('reads a payment’s orders list when given', async () => {
    const { client } = setup([
      json({ _id: 'pay1', amount: 87, currency: 'EUR', orders: [{ $oid: 'o1' }], payment_method: { $oid: 'pm1' } }),
    ]);
    const p = await client.createPayment({ orders: ['o1'], paymentMethod: 'pm1' });
    assert.deepEqual([p.orders, p.paymentMethod, p.amount], [['o1'], 'pm1', 8700]);
  });
});

describe('client: answers that are not the contract', () => {
  it('refuses an object without an id, an order with an unknown status, a product without a price', async () => {
    const { client } = setup([
      json({ name: 'x', price: 1, currency: 'EUR' }),
      json({ _id: 'o', currency: 'EUR', total_amount: 1, order_status: 'TELEPORTED' }),
      json(product({ price: undefined })),
      json(product({ currency: 'EURO' })),
      json('hello'),
    ]);
    const fields = [];
    for (let i = 0; i < 5; i++) {
      const call = i === 1 ? client.getOrder('o') : client.getProduct('p');
      const error = await failure(call);
      assert.equal(error.kind, 'invalid-response');
      assert.equal(error.status, 200);
      fields.push(error.field);
    }
    assert.deepEqual(fields, ['_id', 'order_status', 'price', 'currency', '']);
  });

  it('refuses coupon terms core could not price: both kinds or neither, an amount without its currency', async () => {
    const order = (coupon: unknown) => json({ _id: 'o', currency: 'EUR', total_amount: 1, items: [], coupon });
    const { client } = setup([
      order({ code: 'A', percent_off: 10, amount_off: 5, currency: 'EUR' }),
      order({ code: 'B' }),
      order({ code: 'C', amount_off: 5 }),
      order({ percent_off: 10 }),
      order({ code: 'E', percent_off: 101 }),
      json({ code: 'F', percent_off: 10 }),
      order(null),
      json({ code: 'H', amount_off: 5.5, currency: 'EUR', valid: true, redeem_by: { $date: 1700000000000 } }),
    ]);
    const fields = [];
    for (let i = 0; i < 6; i++) {
      const error = await failure(i < 5 ? client.getOrder('o') : client.getCoupon('F'));
      assert.equal(error.kind, 'invalid-response');
      fields.push(error.field);
    }
    assert.deepEqual(fields, [
      'coupon.percent_off',
      'coupon.percent_off',
      'coupon.currency',
      'coupon.code',
      'coupon.percent_off',
      'valid',
    ]);
    assert.equal((await client.getOrder('o')).coupon, null, 'no coupon');
    const h = await client.getCoupon('H');
    assert.deepEqual([h.amountOff, h.percentOff, h.redeemBy, h.valid], [550, null, new Date(1700000000000), true]);
  });

  it('refuses a list that is not an array', async () => {
    const { client } = setup([json({ items: 'nope' })]);
    assert.equal((await failure(client.listProducts())).kind, 'invalid-response');
  });

  it('leaves a malformed product out of a page, with a warning', async (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const { client } = setup([
      json([product(), { name: 'no price', currency: 'EUR', _id: 'bad' }, product({ _id: 'p2' })]),
    ]);
    const page = await client.listProducts();
    assert.deepEqual(
      page.items.map((p) => p.id),
      ['p1', 'p2'],
    );
    assert.equal(warn.mock.callCount(), 1);
  });

  it('refuses a rate outside 0..1', async () => {
    const { client } = setup([json(product({ discount: 1.5 }))]);
    assert.equal((await failure(client.getProduct('p'))).field, 'discount');
  });
});

describe('client: paging', () => {
  it('takes the total from X-Total-Count and echoes page and size', async () => {
    const { client } = setup([json([product()], 200, { 'X-Total-Count': '42' })]);
    const page = await client.listProducts({ page: 3, size: 1 });
    assert.deepEqual({ ...page, items: page.items.length }, { items: 1, page: 3, size: 1, total: 42 });
  });

  it('has a null total when the header is missing or not a count, and the documented defaults', async () => {
    const { client } = setup([raw(seed.SEED_002_LIST), json([], 200, { 'X-Total-Count': 'many' })]);
    const first = await client.listProducts();
    assert.deepEqual([first.page, first.size, first.total, first.items.length], [0, 10, null, 1]);
    assert.equal((await client.searchProducts('x')).total, null);
  });
});
