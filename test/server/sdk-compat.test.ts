// BuiltOn's official JavaScript SDK (@builton/core-sdk 4.2.4), unchanged, against the reference server
// over HTTP: every method of its users, products and orders resources that has an endpoint, checked by
// the values it reads (totals by the formula, the tag filter's results, the ends of paging), not only
// by status. Payment methods and payments are in sdk-compat-payments.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { refused, sdkClients } from '../support/sdk-clients.ts';
import {
  addSubProducts,
  createProduct,
  createWorkedExample,
  startTestServer,
  type TestServer,
} from '../support/server.ts';

let server: TestServer;
/** The SDK as a signed-in customer, as another customer, and as an admin (the service key as bearer). */
let alice: any;
let bob: any;
let admin: any;
let aliceToken: string;
const p: Record<string, string> = {};
const drama: string[] = [];
const MAINS = 23;

before(async () => {
  server = await startTestServer();
  ({ alice, bob, admin, aliceToken } = await sdkClients(server));
  Object.assign(p, await createWorkedExample(server));
  // A shelf: 10 dramas (one of them with add-ons), 7 comedies, 4 horror films, and A and B above.
  for (let i = 0; i < 9; i++) {
    drama.push(await createProduct(server, { name: `Drama Film ${i}`, price: 5, currency: 'EUR', tags: ['drama'] }));
  }
  for (let i = 0; i < 7; i++)
    await createProduct(server, { name: `Comedy Film ${i}`, price: 4, currency: 'EUR', tags: ['Comedy'] });
  for (let i = 0; i < 4; i++)
    await createProduct(server, { name: `Horror Film ${i}`, price: 6, currency: 'EUR', tags: ['horror', 'night'] });
  p.heat = await createProduct(server, { name: 'Heat', price: 9.99, currency: 'EUR', tags: ['Drama', '1990s'] });
  drama.push(p.heat);
  const subs = [];
  for (const name of ['Gift wrap', 'Collector’s sleeve', 'Commentary booklet']) {
    subs.push(await createProduct(server, { name, price: 1.5, currency: 'EUR', main_product: false }));
  }
  p.wrap = subs[0]!;
  await addSubProducts(server, p.heat, subs);
});
after(() => server.close());

/** Walks a Pagination with `next()` until it stops moving; answers every page's ids and how many moves. */
async function walk(pagination: any): Promise<{ pages: string[][]; moves: number }> {
  const pages: string[][] = [pagination.current.map((x: any) => x.id)];
  let moves = 0;
  for (;;) {
    const before = pagination.current;
    const page = pagination.page;
    await pagination.next();
    if (pagination.current === before) {
      assert.equal(pagination.page, page, 'next() at the last page stays there');
      return { pages, moves };
    }
    moves++;
    pages.push(pagination.current.map((x: any) => x.id));
    assert.ok(moves < 50, 'paging ends');
  }
}

describe('SDK: products', () => {
  it('get(): a page of Products, paginationTotal, and next() stopping at the last page', async () => {
    const first = await alice.products.get({ size: 10 });
    assert.equal(first.current[0].constructor.name, 'Product');
    assert.equal(Number(first.paginationTotal), MAINS, 'X-Pagination-Total: main products only');
    const { pages, moves } = await walk(first);
    assert.equal(moves, 2);
    assert.deepEqual(
      pages.map((page) => page.length),
      [10, 10, 3],
    );
    const ids = pages.flat();
    assert.equal(new Set(ids).size, MAINS, 'every product once');
    // previous() and goToPage() query the pages they name.
    await first.previous();
    assert.equal(first.page, 1);
    assert.deepEqual(
      first.current.map((x: any) => x.id),
      pages[1],
    );
    await first.goToPage(0);
    assert.deepEqual(
      first.current.map((x: any) => x.id),
      pages[0],
    );
  });

  it('get({tags}): only products with one of the tags, case-insensitively, paged to the end', async () => {
    const dramas = await alice.products.get({ tags: ['drama'], size: 4 });
    assert.equal(Number(dramas.paginationTotal), 10);
    const { pages } = await walk(dramas);
    assert.deepEqual(
      pages.map((page) => page.length),
      [4, 4, 2],
    );
    assert.deepEqual(new Set(pages.flat()), new Set(drama));
    // When the total divides by the size, the SDK asks one page more (⌊10 / 5⌋ = 2), which is empty.
    const byFive = await walk(await alice.products.get({ tags: ['drama'], size: 5 }));
    assert.deepEqual(
      byFive.pages.map((page) => page.length),
      [5, 5, 0],
    );
    const either = await alice.products.get({ tags: 'comedy,HORROR', size: 100 });
    assert.equal(Number(either.paginationTotal), 11);
    assert.ok(
      either.current.every((x: any) => x.tags.some((t: string) => ['comedy', 'horror'].includes(t.toLowerCase()))),
    );
  });

  it('search(query, {tags}): the text and the tags together', async () => {
    const films = await alice.products.search('film', { size: 100 });
    assert.equal(Number(films.paginationTotal), 20);
    const horror = await alice.products.search('film', { tags: ['horror'], size: 100 });
    assert.equal(Number(horror.paginationTotal), 4);
    assert.ok(horror.current.every((x: any) => x.name.startsWith('Horror Film') && x.tags.includes('horror')));
    const none = await alice.products.search('comedy', { tags: ['night'] });
    assert.equal(Number(none.paginationTotal), 0);
    assert.deepEqual(none.current, []);
  });

  it('get(id), set(id).get(), refresh(): one Product with its price after discount', async () => {
    const a = await alice.products.get(p.A);
    assert.equal(a.constructor.name, 'Product');
    assert.equal(a.id, p.A);
    assert.equal(a.price, 40);
    assert.equal(a.final_price, 36);
    const heat = await alice.products.set(p.heat).get();
    assert.equal(heat.name, 'Heat');
    assert.equal(heat._sub_products.length, 3);
    assert.equal((await heat.refresh()).name, 'Heat');
    assert.equal((await refused(alice.products.get('eeeeeeeeeeeeeeeeeeeeeeee'))).status, 404);
  });

  it('getSubProducts(id), searchSubProducts(id, query): the add-ons a product offers', async () => {
    const subs = await alice.products.getSubProducts(p.heat, { size: 2 });
    assert.equal(Number(subs.paginationTotal), 3);
    const { pages } = await walk(subs);
    const all = pages.flat();
    assert.equal(all.length, 3);
    const found = await alice.products.searchSubProducts(p.heat, 'wrap');
    assert.equal(Number(found.paginationTotal), 1);
    assert.equal(found.current[0].id, p.wrap);
    assert.equal(found.current[0].main_product, false);
    const none = await alice.products.getSubProducts(p.A);
    assert.deepEqual(none.current, []);
    assert.equal((await refused(alice.products.getSubProducts('eeeeeeeeeeeeeeeeeeeeeeee'))).status, 404);
  });
});

describe('SDK: users', () => {
  let aliceId: string;

  it('create() / authenticate(): POST /v2/users, the user as a User', async () => {
    const user = await alice.users.create({ first_name: 'Alice', last_name: 'Liddell' });
    assert.equal(user.constructor.name, 'User');
    assert.equal(user.first_name, 'Alice');
    assert.equal(user.email, 'alice@example.com');
    aliceId = user.id;
    assert.match(aliceId, /^[0-9a-f]{24}$/);
    const again = await alice.authenticate({ bearerToken: aliceToken, body: {} });
    assert.equal(again.id, aliceId);
    assert.equal(again.new_customer, false);
  });

  it('setMe().get(), set(id).get(), getFromId(id): the same user', async () => {
    const me = await alice.users.setMe().get();
    assert.equal(me.constructor.name, 'User');
    assert.equal(me.id, aliceId);
    assert.equal(me.last_name, 'Liddell');
    assert.equal((await alice.users.set(aliceId).get()).first_name, 'Alice');
    assert.equal((await alice.users.get(aliceId)).first_name, 'Alice');
    assert.equal((await admin.users.set({ _id: { $oid: aliceId } }).get()).email, 'alice@example.com');
  });

  it('a user reaches only themself; /users/me is a user’s', async () => {
    assert.equal((await refused(bob.users.set(aliceId).get())).status, 404);
    assert.equal((await refused(admin.users.setMe().get())).status, 403);
    assert.equal((await refused(admin.users.get('eeeeeeeeeeeeeeeeeeeeeeee'))).status, 404);
  });

  it('setMe().update(body), update(id, body): PUT changes the profile', async () => {
    const updated = await alice.users.setMe().update({ bio: 'Reads a lot' });
    assert.equal(updated.bio, 'Reads a lot');
    assert.equal(updated.first_name, 'Alice');
    const byAdmin = await admin.users.update(aliceId, { note: 'VIP' });
    assert.equal(byAdmin.note, 'VIP');
    assert.equal((await alice.users.setMe().get()).note, 'VIP');
    assert.equal((await refused(bob.users.update(aliceId, { note: 'x' }))).status, 404);
  });

  it('setMe().getOrders(), getOrders(id): the user’s orders, paged to the end', async () => {
    for (let i = 0; i < 3; i++) await alice.orders.create({ items: [{ product: p.A, quantity: i + 1 }] });
    await bob.orders.create({ items: [{ product: p.B, quantity: 1 }] });
    const mine = await alice.users.setMe().getOrders({ size: 2 });
    assert.equal(Number(mine.paginationTotal), 3);
    assert.equal(mine.current[0].constructor.name, 'Order');
    const { pages } = await walk(mine);
    assert.deepEqual(
      pages.map((page) => page.length),
      [2, 1],
    );
    const byAdmin = await admin.users.getOrders(aliceId, { size: 10 });
    assert.equal(Number(byAdmin.paginationTotal), 3);
    assert.ok(byAdmin.current.every((o: any) => o.user._id.$oid === aliceId));
    assert.equal((await refused(bob.users.getOrders(aliceId))).status, 404);
  });
});

describe('SDK: orders', () => {
  let order: any;

  it('create(body): an Order priced by the formula (the worked example: 87.00 EUR)', async () => {
    order = await alice.orders.create({
      items: [
        { product: p.A, quantity: 2 },
        { product: p.B, quantity: 1, sub_products: [p.B1] },
      ],
      note: 'by the SDK',
    });
    assert.equal(order.constructor.name, 'Order');
    assert.equal(order.total_amount, 87);
    assert.deepEqual(
      order.items.map((i: any) => i.final_price),
      [72, 15],
    );
    assert.equal(order.total_quantity, 3);
    assert.equal(order.order_status, 'CREATED');
    assert.equal(order.currency, 'EUR');
  });

  it('create with a coupon: total_amount = Σ final_price − the coupon’s discount', async () => {
    await admin.request.query({ type: 'post', path: 'coupons', body: { code: 'SDK10', percent_off: 10 } });
    const discounted = await alice.orders.create({ items: [{ product: p.A, quantity: 2 }], coupon: 'sdk10' });
    assert.equal(discounted.total_amount, 64.8);
    assert.equal(discounted.discount_amount, 7.2);
    assert.equal(discounted.coupon.code, 'SDK10');
  });

  it('get(id), set(id).get(), refresh(): the order, with its user as a User the SDK can fetch', async () => {
    const again = await alice.orders.get(order.id);
    assert.equal(again.human_id, order.human_id);
    assert.equal(again.total_amount, 87);
    assert.equal((await alice.orders.set(order.id).get()).note, 'by the SDK');
    // The SDK's own test: `sa.users.set(order.user).get()` reads the user the order names.
    const user = await admin.users.set(again.user).get();
    assert.equal(user.constructor.name, 'User');
    assert.equal(user.email, 'alice@example.com');
    assert.equal((await refused(bob.orders.get(order.id))).status, 404);
  });

  it('get({page, size}) and search(query): lists with their totals', async () => {
    const all = await admin.orders.get({ size: 3 });
    const total = Number(all.paginationTotal);
    assert.ok(total >= 5);
    const { pages } = await walk(all);
    assert.equal(pages.flat().length, total);
    const found = await alice.orders.search(order.human_id);
    assert.equal(Number(found.paginationTotal), 1);
    assert.equal(found.current[0].id, order.id);
  });

  it('update(id, body), set(id).update(): a note, and an admin’s delivery_status ACCEPTED and DONE', async () => {
    const noted = await alice.orders.update(order.id, { note: 'leave at the door' });
    assert.equal(noted.note, 'leave at the door');
    assert.equal(noted.total_amount, 87);
    const accepted = await admin.orders.set(order.id).update({ delivery_status: 'ACCEPTED' });
    assert.equal(accepted.delivery_status, 'ACCEPTED');
    const done = await admin.orders.update(order.id, { delivery_status: 'DONE' });
    assert.equal(done.delivery_status, 'DONE');
    const forbidden = await refused(alice.orders.update(order.id, { delivery_status: 'DONE' }));
    assert.equal(forbidden.status, 403);
  });

  it('an admin moves the delivery on after payment; other changes of a paid order stay refused', async () => {
    const paidOrder = await alice.orders.create({ items: [{ product: p.B, quantity: 1 }] });
    const method = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, aliceToken);
    const paid = await server.post(
      '/payments',
      { orders: [paidOrder.id], payment_method: method.body._id.$oid },
      aliceToken,
    );
    assert.equal(paid.status, 200, paid.text);
    const accepted = await admin.orders.update(paidOrder.id, { delivery_status: 'ACCEPTED' });
    assert.equal(accepted.delivery_status, 'ACCEPTED');
    assert.equal(accepted.order_status, 'SUCCESS');
    assert.equal((await refused(admin.orders.update(paidOrder.id, { note: 'late' }))).status, 409);
  });

  it('getPayments(id): the order’s payments as Payments', async () => {
    // A token's card declined (seed 000's Charges), then a card saved through a SetupIntent: a payment of
    // another kind, so the declined one is closed and a second payment pays the order.
    const declining = await server.post(
      '/payment_methods',
      { payment_method: 'stripe', token: 'tok_chargeDeclined' },
      aliceToken,
    );
    const method = await server.post('/payment_methods', { payment_method: 'stripe' }, aliceToken);
    await server.put(`/payment_methods/${method.body._id.$oid}`, { payment_method_id: 'pm_card_visa' }, aliceToken);
    const first = await server.post(
      '/payments',
      { orders: [order.id], payment_method: declining.body._id.$oid },
      aliceToken,
    );
    assert.equal(first.status, 402);
    const second = await server.post(
      '/payments',
      { orders: [order.id], payment_method: method.body._id.$oid },
      aliceToken,
    );
    assert.equal(second.status, 200);
    const payments = await alice.orders.getPayments(order.id, { size: 1 });
    assert.equal(Number(payments.paginationTotal), 2);
    assert.equal(payments.current[0].constructor.name, 'Payment');
    assert.equal(payments.current[0].current_state, 'canceled');
    assert.equal(payments.current[0].error_code, 'card_declined');
    // 2 payments by 1: the SDK's next() stops at page ⌊2 / 1⌋ = 2, one empty page past the last (its
    // arithmetic, when the total divides by the size); the server answers that page empty, total kept.
    const { pages } = await walk(payments);
    assert.deepEqual(
      pages.map((page) => page.length),
      [1, 1, 0],
    );
    const [paid] = (await alice.orders.set(order.id).getPayments({ page: 1, size: 1 })).current;
    assert.equal(paid.current_state, 'succeeded');
    assert.equal(paid.amount, 87);
    assert.equal((await alice.orders.get(order.id)).order_status, 'SUCCESS');
    assert.equal((await refused(bob.orders.getPayments(order.id))).status, 404);
  });

  it('cancel(id): POST with no body at all, CANCELLED', async () => {
    const open = await alice.orders.create({ items: [{ product: p.B, quantity: 1 }] });
    const cancelled = await alice.orders.cancel(open.id);
    assert.equal(cancelled.order_status, 'CANCELLED');
    assert.equal(
      (await refused(alice.orders.cancel(order.id))).status,
      409,
      'a paid order is not the user’s to cancel',
    );
  });
});
