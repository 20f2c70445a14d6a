import { Hono } from 'hono';
import { requireUserOrAdmin } from '../auth.ts';
import { send, type AppContext, type AppEnv, type Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, notFound } from '../http/errors.ts';
import { optObject, optObjectArray, optString, optStringArray, type Body } from '../http/validate.ts';
import { findUser, logIn, updateUser, userForToken, userJson, type UserRow } from '../model/users.ts';
import { listOrdersResponse } from './order-list.ts';

const TEXT_FIELDS = ['first_name', 'last_name', 'salutation', 'email', 'mobile_phone_number', 'bio', 'note'] as const;

/** The profile fields a body sets, all validated before anything is written. */
function userFields(body: Body): Record<string, unknown> {
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
  return fields;
}

const userTokenRequired = (what: string) =>
  new HttpError(403, 'user-token-required', `${what} is the user of a JWT; call it with a user token`, 'Authorization');

/** `POST /v2/users`: creates the customer a JWT names, or logs them in, updating the fields given. */
export function userRoutes({ db, now }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    if (caller.kind !== 'user') throw userTokenRequired('POST /v2/users creates');
    const fields = userFields(jsonBody(c));
    const at = now();
    const user = await userForToken(db, c.get('company'), caller.sub, caller.email, at);
    const updated = await logIn(db, user.id, fields, at);
    // The first log-in of a user is the one that makes them a new customer.
    return send(c, userJson(updated, user.last_login === null));
  });

  return app;
}

/**
 * `/users/me` and `/users/:id` as the official SDK reads them (`users.setMe().get()`, `users.set(id)`,
 * an order's `user`): the user object, `PUT` to change its profile, and `/orders` their orders. A user
 * reaches only themself (`me`, or their own id; another id is 404); an admin any user of the company.
 */
export function userObjectRoutes({ db, now }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function target(c: AppContext): Promise<UserRow> {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const id = c.req.param('id') ?? '';
    const company = c.get('company');
    if (id === 'me') {
      if (caller.kind !== 'user') throw userTokenRequired('/users/me');
      // A valid token is enough to use the API: its user exists from first sight.
      return userForToken(db, company, caller.sub, caller.email, now());
    }
    const user = await findUser(db, company, id);
    if (!user || (caller.kind === 'user' && user.sub !== caller.sub)) throw notFound('User');
    return user;
  }

  app.get('/:id', async (c) => send(c, userJson(await target(c))));

  app.put('/:id', async (c) => {
    const user = await target(c);
    const fields = userFields(jsonBody(c));
    return send(c, userJson(await updateUser(db, user.id, fields, now())));
  });

  app.get('/:id/orders', async (c) => {
    const user = await target(c);
    return listOrdersResponse(db, c, { company: c.get('company'), userId: user.id }, undefined);
  });

  return app;
}
