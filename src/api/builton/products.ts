import { isJsonObject, unitPrice } from '../../core/index.ts';
import type { HttpResponse } from '../http.ts';
import type { ApiProduct, CatalogueTags, ListQuery, Medium, Page } from '../types.ts';
import { array, date, id, ids, int, money, object, optMoney, optStr, page, rate, required, str } from './wire.ts';

/**
 * A URL the widget may put in `<img src>`: http(s), or relative to the page (`/media/a.svg`,
 * `covers/a.jpg`, `//cdn.example.com/a.jpg`). `javascript:`, `data:`, `blob:` and every other scheme
 * are refused, judged as the browser's own URL parser reads the text (which drops tabs and newlines and
 * trims spaces, so `" java\tscript:…"` is `javascript:` too).
 */
export function safeImageUrl(url: unknown): string | null {
  if (typeof url !== 'string' || !url.trim()) return null;
  try {
    const { protocol } = new URL(url, 'https://relative.invalid/');
    return protocol === 'https:' || protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** An image URL: `image` as an object with `url` or a URL string (an image's bare id is no URL). */
function imageUrl(v: unknown): string | null {
  const url = isJsonObject(v) ? v['url'] : v;
  return typeof url === 'string' && /[/:.]/.test(url) ? safeImageUrl(url) : null;
}

export function product(v: unknown): ApiProduct {
  const p = object(v, '');
  const currency = required(p['currency'], 'currency');
  const price = money(p['price'], currency, 'price');
  const discount = rate(p['discount'], 'discount');
  const media: Medium[] = array(p['media'], 'media').flatMap((m) => {
    const url = isJsonObject(m) ? safeImageUrl(m['url']) : null;
    return isJsonObject(m) && url ? [{ kind: str(m['kind'], 'image'), url, name: str(m['name']) }] : [];
  });
  return {
    id: id(p['_id'] ?? p['id'], '_id'),
    humanId: optStr(p['human_id']),
    name: required(p['name'], 'name'),
    description: str(p['description']),
    shortDescription: str(p['short_description']),
    ref: optStr(p['external_reference']),
    currency,
    price,
    discount,
    vat: rate(p['vat'], 'vat'),
    // Older answers (and the admin create) leave final_price out; it is then the documented formula.
    finalPrice: optMoney(p['final_price'], currency, 'final_price', unitPrice({ price, discount, currency })),
    mainProduct: p['main_product'] !== false,
    subProducts: ids(p['_sub_products'] ?? p['sub_products'], '_sub_products'),
    parents: ids(p['parents'], 'parents'),
    tags: array(p['tags'], 'tags').filter((t): t is string => typeof t === 'string'),
    properties: isJsonObject(p['properties']) ? p['properties'] : {},
    media,
    image: imageUrl(p['image']) ?? imageUrl(p['image_url']) ?? media[0]?.url ?? null,
    created: date(p['created']),
    deleted: p['deleted'] === true,
  };
}

/** A page of products; a malformed product is left out with a warning (see `page`). */
export const productPage = (data: unknown, response: HttpResponse, q: ListQuery): Page<ApiProduct> =>
  page(data, response, q, product, 'a product');

/** `GET /tags`'s answer: tags without a name or a whole count are left out. */
export function catalogueTags(data: unknown): CatalogueTags {
  const body = object(data, '');
  const tags = array(body['tags'], 'tags').flatMap((t) =>
    isJsonObject(t) && typeof t['name'] === 'string' && t['name'] && Number.isSafeInteger(t['count'])
      ? [{ name: t['name'], count: t['count'] as number }]
      : [],
  );
  return { products: int(body['products'], 0), tags };
}
