import type { Queryable } from '../db/database.ts';
import { DEMO_BOOTIC_SHOP_ID } from '../demo.ts';
import { DEMO_EXTRAS, DEMO_FILMS } from './catalogue.ts';
import type { CatalogueFlavour } from './seed.ts';

/**
 * The Bootic demo: the same used DVDs, sold by a Chilean shop on Bootic. Prices in CLP (no decimals:
 * the EUR catalogue's 4.99 becomes 4990), IVA 19 % included, and every product a Bootic variant whose
 * id is its `external_reference`: films 1201…, add-ons 901….
 */
export const BOOTIC_DEMO_SHOP = { id: DEMO_BOOTIC_SHOP_ID, name: 'Rewind Chile', currency: 'CLP' } as const;

const FILM_VARIANT_BASE = 1201;
const EXTRA_VARIANT_BASE = 901;

/** The variant id of a demo product (by slug). */
export function booticVariantId(slug: string): number {
  const film = DEMO_FILMS.findIndex((f) => f.slug === slug);
  if (film >= 0) return FILM_VARIANT_BASE + film;
  const extra = DEMO_EXTRAS.findIndex((e) => e.slug === slug);
  if (extra >= 0) return EXTRA_VARIANT_BASE + extra;
  throw new Error(`no demo product ${slug}`);
}

/** Addresses the shop knows, as if from earlier orders (the first is seed 003's). */
export const BOOTIC_DEMO_ADDRESSES = [
  {
    id: 35666,
    street: 'Av. Brasil 20',
    street_2: '4to piso',
    locality_name: 'Valparaiso',
    region_name: 'Valparaiso',
    country_name: 'Chile',
    postal_code: null,
    country_code: 'CL',
  },
  {
    id: 35667,
    street: 'Av. Providencia 1208',
    street_2: 'Depto. 52',
    locality_name: 'Providencia',
    region_name: 'Region Metropolitana',
    country_name: 'Chile',
    postal_code: '7500000',
    country_code: 'CL',
  },
  {
    id: 35668,
    street: 'Barros Arana 541',
    street_2: null,
    locality_name: 'Concepcion',
    region_name: 'Biobio',
    country_name: 'Chile',
    postal_code: '4030000',
    country_code: 'CL',
  },
] as const;

/** A contact the shop already has (seed 003's), so an order can name it by email alone. */
export const BOOTIC_DEMO_CONTACT = {
  email: 'joe@bloggs.com',
  name: 'Joe Bloggs',
  phone_number: '12322222222',
} as const;

async function seedShop(tx: Queryable, company: string, now: number): Promise<void> {
  const shop = BOOTIC_DEMO_SHOP;
  const [inserted] = await tx.query(
    `INSERT INTO bootic_shops (id, company_id, name, currency, created) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [shop.id, company, shop.name, shop.currency, now],
  );
  if (!inserted) return; // another company already owns the demo shop id
  for (const a of BOOTIC_DEMO_ADDRESSES) {
    await tx.query(
      `INSERT INTO bootic_addresses (id, shop_id, street, street_2, locality_name, region_name, country_name, postal_code, country_code, created)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
      [
        a.id,
        shop.id,
        a.street,
        a.street_2,
        a.locality_name,
        a.region_name,
        a.country_name,
        a.postal_code,
        a.country_code,
        now,
      ],
    );
  }
  const c = BOOTIC_DEMO_CONTACT;
  await tx.query(
    `INSERT INTO bootic_contacts (shop_id, email, name, phone_number, created, modified) VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (shop_id, email) DO NOTHING`,
    [shop.id, c.email, c.name, c.phone_number, now],
  );
}

export const BOOTIC_FLAVOUR: CatalogueFlavour = {
  currency: BOOTIC_DEMO_SHOP.currency,
  vat: 0.19,
  price: (cents) => cents * 10,
  reference: (slug) => String(booticVariantId(slug)),
  properties: (slug) => {
    const film = DEMO_FILMS.some((f) => f.slug === slug);
    return {
      variant: film ? 'DVD' : 'Standard',
      sku: `${film ? 'DVD' : 'XTR'}-${booticVariantId(slug)}`,
      weight_in_grams: film ? 110 : 40,
    };
  },
  extra: seedShop,
};
