import { isJsonObject, isTillError, unitPrice } from '../../core/index.ts';
import type { HttpResponse } from '../http.ts';
import type { ApiProduct, ListQuery, Medium, Page } from '../types.ts';
import { Shape, array, date, id, ids, money, object, optMoney, optStr, rate, required, str } from './wire.ts';

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
    media,
    image: imageUrl(p['image']) ?? imageUrl(p['image_url']) ?? media[0]?.url ?? null,
    created: date(p['created']),
    deleted: p['deleted'] === true,
  };
}

/**
 * A page of products. A malformed product is left out with a warning rather than failing the whole
 * page: one bad entry in a merchant's catalogue should not empty the shop window.
 */
export function productPage(data: unknown, response: HttpResponse, q: ListQuery): Page<ApiProduct> {
  if (!Array.isArray(data)) throw new Shape('');
  const items: ApiProduct[] = [];
  for (const entry of data) {
    try {
      items.push(product(entry));
    } catch (error) {
      if (!(error instanceof Shape || isTillError(error))) throw error;
      console.warn('[tillkit] left out a product the API sent malformed:', error.message, entry);
    }
  }
  const total = response.headers.get('X-Total-Count');
  return {
    items,
    page: q.page ?? 0,
    size: q.size ?? 10,
    total: total !== null && /^\d+$/.test(total.trim()) ? Number(total) : null,
  };
}
