import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { humanId } from '../http/ids.ts';
import { insertProduct, linkSubProducts, type ProductRow } from '../model/products.ts';
import { DEMO_CURRENCY, DEMO_EXTRAS, DEMO_FILMS, DEMO_VAT, decade } from './catalogue.ts';
import { coverPath } from './covers.ts';

/** Stable ids for the demo products (per company), so docs and end-to-end tests can name them. */
export const demoProductId = (company: string, slug: string): string =>
  createHash('sha256').update(`tillkit-demo:${company}:${slug}`).digest('hex').slice(0, 24);

/** Makes sure each API key's company exists. */
export async function ensureCompanies(db: Database, companies: readonly string[], now: number): Promise<void> {
  for (const id of companies) {
    await db.query(`INSERT INTO companies (id, name, created) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [id, `Company ${id.slice(0, 6)}`, now]);
  }
}

/**
 * Loads the demo catalogue into a company the first time only: `companies.seeded_at` is set in the same
 * transaction, under a row lock, so restarts (and two servers starting at once) never load it twice.
 */
export async function seedDemoCatalogue(db: Database, company: string, now: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [state] = await tx.query<{ seeded_at: number | null }>(`SELECT seeded_at FROM companies WHERE id = $1 FOR UPDATE`, [company]);
    if (!state || state.seeded_at !== null) return false;
    const count = DEMO_EXTRAS.length + DEMO_FILMS.length;
    // Distinct creation times, oldest first in catalogue order, so `sort=created` lists it as written.
    let index = 0;
    const created = () => now - (count - index++) * 60_000;
    const vat = String(DEMO_VAT);
    const extras = new Map<string, ProductRow>();
    for (const extra of DEMO_EXTRAS) {
      const medium = { kind: 'image', url: coverPath(extra.slug), name: extra.name, human_id: humanId() };
      const row = await insertProduct(
        tx,
        company,
        demoProductId(company, extra.slug),
        {
          name: extra.name,
          currency: DEMO_CURRENCY,
          price: extra.price,
          vat,
          main_product: false,
          short_description: extra.short,
          description: extra.long,
          tags: ['extra'],
          media: [medium],
          properties: { kind: 'extra' },
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
          currency: DEMO_CURRENCY,
          price: film.price,
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
          },
        },
        at,
      );
      await linkSubProducts(tx, company, row, film.extras.map((slug) => extras.get(slug)!.id), at);
    }
    await tx.query(`UPDATE companies SET seeded_at = $2 WHERE id = $1`, [company, now]);
    return true;
  });
}
