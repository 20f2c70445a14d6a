import { Params, type Queryable } from '../db/database.ts';
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

/** The user a token's `sub` names, if they have been seen (reading creates nobody). */
export async function userBySub(db: Queryable, company: string, sub: string): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(`SELECT * FROM users WHERE company_id = $1 AND sub = $2`, [company, sub]);
  return row;
}

/**
 * The user a JWT names, made on first sight (`caller.ts`: a valid token is enough to order, so a shop
 * that skipped `POST /v2/users`, or lost it to a reload, does not strand its customer).
 */
export async function makeUser(
  db: Queryable,
  company: string,
  sub: string,
  email: string | undefined,
  now: number,
): Promise<UserRow> {
  const [created] = await db.query<UserRow>(
    `INSERT INTO users (id, company_id, sub, email, created, modified)
     VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (company_id, sub) DO NOTHING
     RETURNING *`,
    [objectId(now), company, sub, email ?? null, now],
  );
  // Another request made it in the meantime.
  return created ?? (await userBySub(db, company, sub))!;
}

/** Every column of `users` and its type, in the order `INSERT` lists them. */
const USER_COLUMNS = {
  id: 'text',
  company_id: 'text',
  sub: 'text',
  email: 'text',
  first_name: 'text',
  last_name: 'text',
  salutation: 'text',
  mobile_phone_number: 'text',
  addresses: 'jsonb',
  billing_address: 'jsonb',
  bio: 'text',
  note: 'text',
  tags: 'jsonb',
  stripe_customer_id: 'text',
  created: 'bigint',
  modified: 'bigint',
  last_login: 'bigint',
} as const;

/**
 * The user as a log-in (`POST /v2/users`) leaves them: `existing` (else a new user of the token, as
 * `makeUser` makes one) with `fields`, `last_login` and `modified` set to `at`.
 */
export function loggedIn(
  existing: UserRow | undefined,
  who: { readonly company: string; readonly sub: string; readonly email: string | undefined },
  fields: Readonly<Record<string, unknown>>,
  at: number,
): UserRow {
  const base: UserRow = existing ?? {
    id: objectId(at),
    company_id: who.company,
    sub: who.sub,
    email: who.email ?? null,
    first_name: null,
    last_name: null,
    salutation: null,
    mobile_phone_number: null,
    addresses: [],
    billing_address: null,
    bio: null,
    note: null,
    tags: [],
    stripe_customer_id: null,
    created: at,
    modified: at,
    last_login: null,
  };
  return { ...base, ...fields, last_login: at, modified: at };
}

/**
 * A log-in as one statement (for `writeWithKey`): the user `row` (from `loggedIn`) inserted, or, already
 * there, given the `fields`, `last_login` and `modified`; only when `gate` holds. Answers the stored row.
 */
export function logInSql(q: Params, row: UserRow, fields: Readonly<Record<string, unknown>>, gate: string): string {
  const columns = Object.keys(USER_COLUMNS) as (keyof typeof USER_COLUMNS)[];
  const updated = [...Object.keys(fields).filter((f) => f in USER_COLUMNS), 'last_login', 'modified'];
  return `INSERT INTO users (${columns.join(', ')})
     SELECT ${columns.map((column) => q.typed(row[column], USER_COLUMNS[column])).join(', ')} WHERE ${gate}
     ON CONFLICT (company_id, sub) DO UPDATE SET ${updated.map((f) => `${f} = EXCLUDED.${f}`).join(', ')}
     RETURNING *`;
}

/** A user an admin names by id (`user` in a body), or a 400 naming that field. */
export async function userById(db: Queryable, company: string, id: unknown, field = 'user'): Promise<UserRow> {
  if (id === undefined || id === null) throw badRequest('required', `${field} is required when an admin calls`, field);
  if (!isObjectId(id)) throw badRequest('user-unknown', `No user with id ${JSON.stringify(id)}`, field);
  const [row] = await db.query<UserRow>(`SELECT * FROM users WHERE company_id = $1 AND id = $2`, [company, id]);
  if (!row) throw badRequest('user-unknown', `No user with id ${id}`, field);
  return row;
}

/** The company's users among `ids`, by id. */
export async function usersByIds(db: Queryable, ids: readonly string[]): Promise<Map<string, UserRow>> {
  if (ids.length === 0) return new Map();
  const q = new Params();
  const rows = await db.query<UserRow>(`SELECT * FROM users WHERE id = ANY(${q.texts([...new Set(ids)])})`, q.values);
  return new Map(rows.map((r) => [r.id, r]));
}

/** One user of the company by id, or undefined (a malformed id never reaches the database). */
export async function findUser(db: Queryable, company: string, id: string): Promise<UserRow | undefined> {
  if (!isObjectId(id)) return undefined;
  const [row] = await db.query<UserRow>(`SELECT * FROM users WHERE company_id = $1 AND id = $2`, [company, id]);
  return row;
}

const JSON_COLUMNS = new Set(['addresses', 'billing_address', 'tags']);

/** Sets the fields given, validated, and `modified`. Returns the user as stored. */
export async function updateUser(
  db: Queryable,
  id: string,
  fields: Readonly<Record<string, unknown>>,
  at: number,
): Promise<UserRow> {
  const params: unknown[] = [id, at];
  const assignments = Object.entries(fields).map(([column, value]) => {
    const json = JSON_COLUMNS.has(column);
    params.push(json ? JSON.stringify(value) : value);
    return `${column} = $${params.length}${json ? '::jsonb' : ''}`;
  });
  const [updated] = await db.query<UserRow>(
    `UPDATE users SET ${[...assignments, 'modified = $2'].join(', ')} WHERE id = $1 RETURNING *`,
    params,
  );
  return updated!;
}

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
