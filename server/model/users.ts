import type { Queryable } from '../db/database.ts';
import { badRequest } from '../http/errors.ts';
import { objectId, isObjectId } from '../http/ids.ts';
import { date, oid, optionalDate, type Json } from '../http/json.ts';

export interface UserRow {
  readonly id: string;
  readonly company_id: string;
  readonly sub: string;
  readonly email: string | null;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly salutation: string | null;
  readonly mobile_phone_number: string | null;
  readonly addresses: Json[];
  readonly billing_address: Json | null;
  readonly bio: string | null;
  readonly note: string | null;
  readonly tags: string[];
  readonly stripe_customer_id: string | null;
  readonly created: number;
  readonly modified: number;
  readonly last_login: number | null;
  [column: string]: unknown;
}

/**
 * The user a JWT names, created on first sight. `POST /v2/users` is still how a customer "logs in"
 * (it sets `last_login` and reports `new_customer`), but a valid token is enough to order: a shop that
 * skipped the call, or lost it to a reload, does not strand its customer.
 */
export async function userForToken(
  db: Queryable,
  company: string,
  sub: string,
  email: string | undefined,
  now: number,
): Promise<UserRow> {
  const [found] = await db.query<UserRow>(`SELECT * FROM users WHERE company_id = $1 AND sub = $2`, [company, sub]);
  if (found) return found;
  const [created] = await db.query<UserRow>(
    `INSERT INTO users (id, company_id, sub, email, created, modified)
     VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (company_id, sub) DO NOTHING
     RETURNING *`,
    [objectId(now), company, sub, email ?? null, now],
  );
  if (created) return created;
  // Another request made it in the meantime.
  const [raced] = await db.query<UserRow>(`SELECT * FROM users WHERE company_id = $1 AND sub = $2`, [company, sub]);
  return raced!;
}

/** A user an admin names by id (`user` in a body), or a 400 naming that field. */
export async function userById(db: Queryable, company: string, id: unknown, field = 'user'): Promise<UserRow> {
  if (id === undefined || id === null) throw badRequest('required', `${field} is required when an admin calls`, field);
  if (!isObjectId(id)) throw badRequest('user-unknown', `No user with id ${JSON.stringify(id)}`, field);
  const [row] = await db.query<UserRow>(`SELECT * FROM users WHERE company_id = $1 AND id = $2`, [company, id]);
  if (!row) throw badRequest('user-unknown', `No user with id ${id}`, field);
  return row;
}

/** The id of the user a token's `sub` names, if they have been seen (reading creates nobody). */
export async function userIdBySub(db: Queryable, company: string, sub: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(`SELECT id FROM users WHERE company_id = $1 AND sub = $2`, [
    company,
    sub,
  ]);
  return row?.id;
}

/** The company's users among `ids`, by id. */
export async function usersByIds(db: Queryable, ids: readonly string[]): Promise<Map<string, UserRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<UserRow>(
    `SELECT * FROM users WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify([...new Set(ids)])],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** One user of the company by id, or undefined (a malformed id never reaches the database). */
export async function findUser(db: Queryable, company: string, id: string): Promise<UserRow | undefined> {
  if (!isObjectId(id)) return undefined;
  const [row] = await db.query<UserRow>(`SELECT * FROM users WHERE company_id = $1 AND id = $2`, [company, id]);
  return row;
}

const JSON_COLUMNS = new Set(['addresses', 'billing_address', 'tags']);

/**
 * Sets the fields given, validated, and `modified`; a log-in (`POST /v2/users`) also sets `last_login`.
 * Returns the user as stored.
 */
export async function updateUser(
  db: Queryable,
  id: string,
  fields: Readonly<Record<string, unknown>>,
  at: number,
  login = false,
): Promise<UserRow> {
  const params: unknown[] = [id, at];
  const assignments = Object.entries(fields).map(([column, value]) => {
    const json = JSON_COLUMNS.has(column);
    params.push(json ? JSON.stringify(value) : value);
    return `${column} = $${params.length}${json ? '::jsonb' : ''}`;
  });
  if (login) assignments.push('last_login = $2');
  const [updated] = await db.query<UserRow>(
    `UPDATE users SET ${[...assignments, 'modified = $2'].join(', ')} WHERE id = $1 RETURNING *`,
    params,
  );
  return updated!;
}

/** A log-in (`POST /v2/users`): the fields given, validated, and `last_login`; returns the user as stored. */
export const logIn = (db: Queryable, id: string, fields: Readonly<Record<string, unknown>>, at: number) =>
  updateUser(db, id, fields, at, true);

/** Seed 000's user object. */
export function userJson(row: UserRow, newCustomer?: boolean): Json {
  return {
    _id: oid(row.id),
    _cls: 'User',
    roles: ['user'],
    auth0_id: row.sub,
    email: row.email ?? '',
    first_name: row.first_name ?? '',
    last_name: row.last_name ?? '',
    salutation: row.salutation ?? '',
    mobile_phone_number: row.mobile_phone_number ?? '',
    addresses: row.addresses,
    billing_address: row.billing_address ?? {},
    bio: row.bio ?? '',
    note: row.note ?? '',
    avatar: '',
    tags: row.tags,
    stripe_customer_id: row.stripe_customer_id ?? '',
    company: oid(row.company_id),
    created: date(row.created),
    modified: date(row.modified),
    last_login: optionalDate(row.last_login),
    deleted: false,
    new_customer: newCustomer,
  };
}
