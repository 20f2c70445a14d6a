import { unitPrice } from 'tillkit/core';
import type { Migration } from './migration.ts';

/**
 * A product's `final_price` (one unit after its discount, rounded as an order line is: core's
 * `unitPrice`), stored so that the product list can sort by the price it shows. model/products.ts writes
 * it with core whenever a product is written; the products already stored are priced by core here.
 */
export const migration: Migration = {
  id: '003_product_final_price',
  sql: `
ALTER TABLE products ADD COLUMN final_price BIGINT;
`,
  async then(tx) {
    const terms = await tx.query<{ price: number; discount: string; currency: string }>(
      `SELECT DISTINCT price, discount, currency FROM products`,
    );
    for (const term of terms) {
      await tx.query(
        `UPDATE products SET final_price = $1 WHERE price = $2 AND discount = $3::numeric AND currency = $4`,
        [unitPrice(term), term.price, term.discount, term.currency],
      );
    }
    await tx.query(`ALTER TABLE products ALTER COLUMN final_price SET NOT NULL`);
  },
};
