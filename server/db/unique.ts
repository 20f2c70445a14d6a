const ATTEMPTS = 8;

/**
 * Inserts a row under a random code that must be unique (a `human_id`, a Bootic order code): `insert`
 * runs `INSERT … ON CONFLICT DO NOTHING RETURNING *` with the code given and returns the row, or
 * undefined when the code was taken, and another code is drawn. ON CONFLICT, not a caught unique
 * violation, so a transaction around it stays usable.
 */
export async function insertWithUniqueCode<T>(
  draw: () => string,
  insert: (code: string) => Promise<T | undefined>,
  what: string,
): Promise<T> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = await insert(draw());
    if (row) return row;
  }
  throw new Error(`could not draw a unique ${what}`);
}
