import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createProduct, startTestServer, type TestServer } from '../support/server.ts';

interface Tags {
  products: number;
  tags: { name: string; count: number }[];
}

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: true });
});
after(() => server.close());

describe('GET /tags', () => {
  it('lists every tag of the catalogue’s main products with its count, by name', async () => {
    const response = await server.get('/tags');
    assert.equal(response.status, 200);
    const { products, tags } = response.body as Tags;
    const listed = (await server.get('/products?size=1')).headers.get('X-Total-Count');
    assert.equal(String(products), listed, 'as many products as /products lists');
    const names = tags.map((t) => t.name);
    for (const tag of ['thriller', 'horror', 'mystery', '1940s', '1950s', '1960s', 'dvd'])
      assert.ok(names.includes(tag), tag);
    assert.ok(!names.includes('extra'), 'the tags of sub-products are not the catalogue’s');
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    for (const { name, count } of tags.filter((t) => ['horror', '1950s', 'dvd'].includes(t.name))) {
      const found = await server.get(`/products/tags?size=1&tags=${encodeURIComponent(name)}`);
      assert.equal(String(count), found.headers.get('X-Total-Count'), name);
    }
    assert.equal(tags.find((t) => t.name === 'dvd')!.count, products, 'every film is a DVD');
  });

  it('counts a tag once whatever its case, and leaves deleted products out', async () => {
    const before = (await server.get('/tags')).body as Tags;
    const horror = before.tags.find((t) => t.name === 'horror')!.count;
    const id = await createProduct(server, {
      name: 'Nosferatu',
      price: 5,
      currency: 'EUR',
      tags: ['Horror', 'silent'],
    });
    const added = (await server.get('/tags')).body as Tags;
    assert.equal(added.products, before.products + 1);
    assert.equal(added.tags.find((t) => t.name.toLowerCase() === 'horror')!.count, horror + 1);
    assert.equal(added.tags.filter((t) => t.name.toLowerCase() === 'horror').length, 1);
    assert.equal(added.tags.find((t) => t.name === 'silent')!.count, 1);
    await server.put(`/products/${id}`, { deleted: true }, server.serviceKey);
    assert.deepEqual((await server.get('/tags')).body, before);
  });

  it('needs the API key, as product reads do', async () => {
    assert.equal((await server.request('GET', '/tags', { apiKey: null })).status, 401);
  });
});
