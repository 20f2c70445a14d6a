import { absoluteUrl, date, money, oid, rate, type Json } from '../http/json.ts';
import type { Links } from './product-links.ts';
import type { Medium, ProductRow } from './products.ts';

const mediumJson = (m: Medium, origin: string): Json => ({
  kind: m.kind,
  url: absoluteUrl(m.url, origin),
  name: m.name,
  human_id: m.human_id,
});

/** Seed 002's product object; `final_price` is core's, stored with the product. */
export function productJson(row: ProductRow, links: Links, origin: string, expanded?: readonly Json[]): Json {
  const image = row.image ?? row.media[0] ?? null;
  return {
    _id: oid(row.id),
    _cls: 'Product',
    human_id: row.human_id,
    name: row.name,
    description: row.description,
    short_description: row.short_description,
    currency: row.currency,
    price: money(row.price, row.currency),
    discount: rate(row.discount),
    final_price: money(row.final_price, row.currency),
    vat: rate(row.vat),
    main_product: row.main_product,
    _sub_products: (links.subs.get(row.id) ?? []).map(oid),
    parents: (links.parents.get(row.id) ?? []).map(oid),
    sub_products: expanded,
    tags: row.tags,
    properties: row.properties,
    image: image ? mediumJson(image, origin) : null,
    media: row.media.map((m) => mediumJson(m, origin)),
    path: row.path,
    external_reference: row.external_reference ?? undefined,
    active: row.active,
    deleted: row.deleted,
    company: oid(row.company_id),
    created: date(row.created),
    modified: date(row.modified),
    company_take: -1,
    max_distance: 0,
    default_position: [-1, -1],
    business_rules: [],
  };
}
