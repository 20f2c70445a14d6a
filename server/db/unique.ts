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

/** A unique index refused a statement's row: PostgreSQL's unique_violation on that constraint. */
export const uniqueViolation = (error: unknown, constraint: string): boolean =>
  (error as { code?: string }).code === '23505' && (error as { constraint?: string }).constraint === constraint;

/**
 * As `insertWithUniqueCode`, for a single statement run alone (no transaction around it) that inserts
 * the row with a plain INSERT: a code already taken aborts the whole statement (nothing of it is
 * written) with a unique violation on `constraint`, and `run` is called again with another code.
 */
export async function withUniqueCode<T>(
  draw: () => string,
  run: (code: string) => Promise<T>,
  constraint: string,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(draw());
    } catch (error) {
      if (attempt >= ATTEMPTS || !uniqueViolation(error, constraint)) throw error;
    }
  }
}
