import { Hono } from 'hono';
import { requireUserOrAdmin } from '../auth.ts';
import { send, type AppEnv, type Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { optObject, optObjectArray, optString, optStringArray } from '../http/validate.ts';
import { logIn, userForToken, userJson } from '../model/users.ts';

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
    const fields: Record<string, unknown> = {};
    for (const key of TEXT_FIELDS) {
      const value = optString(body, key, key === 'bio' || key === 'note' ? 5000 : 320);
      if (value !== undefined) fields[key] = value;
    }
    const addresses = optObjectArray(body, 'addresses', 20);
    if (addresses !== undefined) fields.addresses = addresses;
    const billing = optObject(body, 'billing_address');
    if (billing !== undefined) fields.billing_address = billing;
    const tags = optStringArray(body, 'tags');
    if (tags !== undefined) fields.tags = tags;

    const at = now();
    const user = await userForToken(db, c.get('company'), caller.sub, caller.email, at);
    const updated = await logIn(db, user.id, fields, at);
    // The first log-in of a user is the one that makes them a new customer.
    return send(c, userJson(updated, user.last_login === null));
  });

  return app;
}
