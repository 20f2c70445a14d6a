// The widget puts a product's image URL into <img src>: only http(s) and page-relative URLs pass the
// wire parser; javascript:, data: and other schemes an API might answer are left out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { product, safeImageUrl } from '../../src/api/builton/products.ts';

const base = { _id: { $oid: '58f9f856b70e2a56c4a0db3d' }, name: 'P', price: 3.14, currency: 'EUR' };

describe('image URLs from the API', () => {
  it('keeps http(s) and relative URLs as given', () => {
    for (const url of [
      'https://cdn.example.com/a.jpg',
      'http://example.com/a.png?x=1#y',
      'HTTPS://EXAMPLE.COM/A.JPG',
      '/media/covers/heat.svg',
      'covers/heat.svg',
      './a.png',
      '//cdn.example.com/a.jpg',
    ]) {
      assert.equal(safeImageUrl(url), url, url);
      assert.equal(product({ ...base, image: { url } }).image, url, url);
      assert.deepEqual(
        product({ ...base, media: [{ kind: 'image', url, name: 'n' }] }).media.map((m) => m.url),
        [url],
      );
    }
  });

  it('refuses javascript:, data: and every other scheme, however disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0000javascript:alert(1)',
      'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'blob:https://example.com/uuid',
      'file:///etc/passwd',
      'ftp://example.com/a.jpg',
      'http://[bad',
    ]) {
      assert.equal(safeImageUrl(url), null, JSON.stringify(url));
      assert.equal(product({ ...base, image: { url } }).image, null, JSON.stringify(url));
      assert.equal(product({ ...base, image_url: url }).image, null, JSON.stringify(url));
      const p = product({ ...base, media: [{ kind: 'image', url, name: 'bad' }, { url: '/ok.png' }] });
      assert.deepEqual(
        p.media.map((m) => m.url),
        ['/ok.png'],
      );
      // With the bad image refused, the first safe medium is the picture.
      assert.equal(p.image, '/ok.png');
    }
  });

  it('an image id that is no URL is still no image', () => {
    assert.equal(product({ ...base, image: { $oid: '5d1dfd344c5274000bb346d9' } }).image, null);
    assert.equal(safeImageUrl(''), null);
    assert.equal(safeImageUrl(42), null);
  });
});
