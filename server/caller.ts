import type { AppContext } from './context.ts';
import type { Queryable } from './db/database.ts';
import { makeUser, userBySub, type UserRow } from './model/users.ts';

/**
 * A user token's user, looked up once per request: the Idempotency-Key layer finds it with the key
 * (`findKeyAndUser`), or the first route code that needs it here; later calls in the request use that.
 * Undefined for an admin or an anonymous caller, and for a user not seen yet.
 */
export async function callerUser(c: AppContext, db: Queryable): Promise<UserRow | undefined> {
  const caller = c.get('caller');
  if (caller.kind !== 'user') return undefined;
  const known = c.get('user');
  if (known !== undefined) return known ?? undefined;
  const row = await userBySub(db, c.get('company'), caller.sub);
  c.set('user', row ?? null);
  return row;
}

/** The user token's user, made on first sight: a valid token is enough to use the API. */
export async function callerUserMade(c: AppContext, db: Queryable, at: number): Promise<UserRow> {
  const caller = c.get('caller');
  if (caller.kind !== 'user') throw new Error('callerUserMade needs a user token');
  const found = await callerUser(c, db);
  if (found) return found;
  const made = await makeUser(db, c.get('company'), caller.sub, caller.email, at);
  c.set('user', made);
  return made;
}

/** What the request now knows of its user (after a route changed it). */
export function rememberUser(c: AppContext, row: UserRow): void {
  if (c.get('caller').kind === 'user') c.set('user', row);
}
