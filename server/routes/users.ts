import { Hono } from 'hono';
import { requireUserOrAdmin } from '../auth.ts';
import { send, type AppEnv, type Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { optObject, optObjectArray, optString, optStringArray } from '../http/validate.ts';
import { userForToken, userJson, type UserRow } from '../model/users.ts';

const TEXT_FIELDS = ['first_name', 'last_name', 'salutation', 'email', 'mobile_phone_number', 'bio', 'note'] as const;

/** `POST /v2/users`: creates the customer a JWT names, or logs them in, updating the fields given. */
export function userRoutes({ db, now }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    if (caller.kind !== 'user') {
      throw new HttpError(
        403,
        'user-token-required',
        'POST /v2/users creates the user of a JWT; call it with a user token',
        'Authorization',
      );
    }
    const body = jsonBody(c);
    // Validate everything before writing anything.
    const sets: [string, unknown][] = [];
    for (const key of TEXT_FIELDS) {
      const value = optString(body, key, key === 'bio' || key === 'note' ? 5000 : 320);
      if (value !== undefined) sets.push([key, value]);
    }
    const addresses = optObjectArray(body, 'addresses', 20);
    if (addresses !== undefined) sets.push(['addresses', JSON.stringify(addresses)]);
    const billing = optObject(body, 'billing_address');
    if (billing !== undefined) sets.push(['billing_address', JSON.stringify(billing)]);
    const tags = optStringArray(body, 'tags');
    if (tags !== undefined) sets.push(['tags', JSON.stringify(tags)]);

    const at = now();
    const company = c.get('company');
    const user = await userForToken(db, company, caller.sub, caller.email, at);
    const params: unknown[] = [user.id, at];
    const assignments = sets.map(([column, value]) => {
      params.push(value);
      const cast = column === 'addresses' || column === 'billing_address' || column === 'tags' ? '::jsonb' : '';
      return `${column} = $${params.length}${cast}`;
    });
    const [updated] = await db.query<UserRow>(
      `UPDATE users SET ${[...assignments, 'modified = $2', 'last_login = $2'].join(', ')} WHERE id = $1 RETURNING *`,
      params,
    );
    // The first log-in of a user is the one that makes them a new customer.
    return send(c, userJson(updated!, user.last_login === null));
  });

  return app;
}
