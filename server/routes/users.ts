import { Hono } from 'hono';
import { requireUserOrAdmin } from '../auth.ts';
import { callerUser, callerUserMade, rememberUser } from '../caller.ts';
import { send, sendText, type AppContext, type AppEnv, type Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, notFound } from '../http/errors.ts';
import { stringify } from '../http/json.ts';
import { optObject, optObjectArray, optString, optStringArray, type Body } from '../http/validate.ts';
import { correctKeptAnswer, writeWithKey } from '../idempotency.ts';
import { findUser, loggedIn, logInSql, updateUser, userJson, type UserRow } from '../model/users.ts';
import { canonical } from '../payments/test-store.ts';
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
    const before = await callerUser(c, db);
    // The first log-in of a user is the one that makes them a new customer.
    const newCustomer = (before?.last_login ?? null) === null;
    // The user as this log-in leaves them, written with the Idempotency-Key's answer in one statement.
    const next = loggedIn(before, { company: c.get('company'), sub: caller.sub, email: caller.email }, fields, at);
    const foreseen = userJson(next, newCustomer);
    const body = stringify(foreseen);
    const [row] = await writeWithKey<UserRow>(db, c, { body }, (q, gate) => ({
      select: logInSql(q, next, fields, gate),
    }));
    rememberUser(c, row!);
    const stored = userJson(row!, newCustomer);
    if (canonical(stored) === canonical(foreseen)) return sendText(c, body);
    // Changed by another request meanwhile: the answer is the user as stored, and the key keeps it.
    await correctKeptAnswer(db, c, stringify(stored));
    return send(c, stored);
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
      return callerUserMade(c, db, now());
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
