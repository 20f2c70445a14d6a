import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { humanId } from '../http/ids.ts';
import { linkSubProducts } from '../model/product-links.ts';
import { insertProduct, type ProductRow } from '../model/products.ts';
import { DEMO_BOOTIC_API_KEY } from '../demo.ts';
import { BOOTIC_FLAVOUR } from './bootic.ts';
import { seedDemoCoupons } from './coupons.ts';
import { DEMO_CURRENCY, DEMO_EXTRAS, DEMO_FILMS, DEMO_VAT, decade } from './catalogue.ts';
import { coverPath } from './covers.ts';
import type { Queryable } from '../db/database.ts';

/** How a company's copy of the demo catalogue is priced and labelled. */
export interface CatalogueFlavour {
  readonly currency: string;
  readonly vat: number;
  /** The catalogue's EUR cents → this currency's minor units. */
  price(cents: number): number;
  /** A product's `external_reference` (a Bootic variant id), if any. */
  reference?(slug: string): string;
  /** Extra properties of a product. */
  properties?(slug: string): Record<string, string | number>;
  /** Anything else to load in the same transaction (a Bootic shop). */
  extra?(tx: Queryable, company: string, now: number): Promise<void>;
}

/** The demo shop in EUR, with its discount codes (`coupons.ts`). */
export const EUR_FLAVOUR: CatalogueFlavour = {
  currency: DEMO_CURRENCY,
  vat: DEMO_VAT,
  price: (cents) => cents,
  extra: seedDemoCoupons,
};

/** Stable ids for the demo products (per company), so docs and end-to-end tests can name them. */
export const demoProductId = (company: string, slug: string): string =>
  createHash('sha256').update(`tillkit-demo:${company}:${slug}`).digest('hex').slice(0, 24);

/** Makes sure each API key's company exists. */
export async function ensureCompanies(db: Database, companies: readonly string[], now: number): Promise<void> {
  for (const id of companies) {
    await db.query(`INSERT INTO companies (id, name, created) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [
      id,
      `Company ${id.slice(0, 6)}`,
      now,
    ]);
  }
}

/**
 * Loads the demo catalogue into a company the first time only: `companies.seeded_at` is set in the same
 * transaction, under a row lock, so restarts (and two servers starting at once) never load it twice.
 */
export async function seedDemoCatalogue(
  db: Database,
  company: string,
  now: number,
  flavour: CatalogueFlavour = EUR_FLAVOUR,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [state] = await tx.query<{ seeded_at: number | null }>(
      `SELECT seeded_at FROM companies WHERE id = $1 FOR UPDATE`,
      [company],
    );
    if (!state || state.seeded_at !== null) return false;
    const count = DEMO_EXTRAS.length + DEMO_FILMS.length;
    // Distinct creation times, oldest first in catalogue order, so `sort=created` lists it as written.
    let index = 0;
    const created = () => now - (count - index++) * 60_000;
    const vat = String(flavour.vat);
    const currency = flavour.currency;
    const extras = new Map<string, ProductRow>();
    for (const extra of DEMO_EXTRAS) {
      const medium = { kind: 'image', url: coverPath(extra.slug), name: extra.name, human_id: humanId() };
      const row = await insertProduct(
        tx,
        company,
        demoProductId(company, extra.slug),
        {
          name: extra.name,
          currency,
          price: flavour.price(extra.price),
          vat,
          ...(flavour.reference ? { external_reference: flavour.reference(extra.slug) } : {}),
          main_product: false,
          short_description: extra.short,
          description: extra.long,
          tags: ['extra'],
          media: [medium],
          properties: { kind: 'extra', ...flavour.properties?.(extra.slug) },
        },
        created(),
      );
      extras.set(extra.slug, row);
    }
    for (const film of DEMO_FILMS) {
      const medium = { kind: 'image', url: coverPath(film.slug), name: `${film.name} cover`, human_id: humanId() };
      const at = created();
      const row = await insertProduct(
        tx,
        company,
        demoProductId(company, film.slug),
        {
          name: film.name,
          currency,
          price: flavour.price(film.price),
          ...(flavour.reference ? { external_reference: flavour.reference(film.slug) } : {}),
          ...(film.discount ? { discount: String(film.discount) } : {}),
          vat,
          short_description: film.short,
          description: film.long,
          tags: [...film.genres, decade(film.year), 'dvd'],
          media: [medium],
          properties: {
            year: film.year,
            director: film.director,
            runtime_minutes: film.runtime,
            condition: film.condition,
            format: 'DVD',
            region: '2',
            ...flavour.properties?.(film.slug),
          },
        },
        at,
      );
      await linkSubProducts(
        tx,
        company,
        row,
        film.extras.map((slug) => extras.get(slug)!.id),
        at,
      );
    }
    await flavour.extra?.(tx, company, now);
    await tx.query(`UPDATE companies SET seeded_at = $2 WHERE id = $1`, [company, now]);
    return true;
  });
}

/**
 * The demo data of the company an API key names: the Bootic demo (the catalogue in CLP with variant
 * ids, and the shop "Rewind Chile") for the published Bootic demo key, the EUR catalogue otherwise.
 */
export const seedCompanyDemo = (db: Database, apiKey: string, company: string, now: number): Promise<boolean> =>
  seedDemoCatalogue(db, company, now, apiKey === DEMO_BOOTIC_API_KEY ? BOOTIC_FLAVOUR : EUR_FLAVOUR);
