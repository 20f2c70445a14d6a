import { Hono } from 'hono';
import { requireUserOrAdmin } from '../auth.ts';
import { callerUser, callerUserMade } from '../caller.ts';
import { send, sendText, type AppContext, type AppEnv, type Deps } from '../context.ts';
import type { Queryable } from '../db/database.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, badRequest, notFound } from '../http/errors.ts';
import { objectId } from '../http/ids.ts';
import { stringify, type Json } from '../http/json.ts';
import { idValue, paging, reqString } from '../http/validate.ts';
import { keepWithEffect, writeWithKey } from '../idempotency.ts';
import { paymentMethodJson } from '../model/payment-json.ts';
import {
  deletePaymentMethod,
  insertPaymentMethodSql,
  listPaymentMethods,
  newPaymentMethodRow,
  paymentMethodById,
  updateSetup,
  type NewPaymentMethod,
  type PaymentMethodRow,
} from '../model/payment-methods.ts';
import { userById, type UserRow } from '../model/users.ts';
import { originOf } from '../payments/answer.ts';
import { PaymentMethodError } from '../payments/processor.ts';
import { completeSetup, refreshSetup, startSetup, type SetupResult } from '../payments/setup.ts';
import { readReturnUrl } from './payments.ts';

/** The user a payment method is for: the token's user, or the `user` an admin names. */
async function actingUser(c: AppContext, db: Queryable, now: number, userField: unknown): Promise<UserRow> {
  const caller = c.get('caller');
  requireUserOrAdmin(caller);
  if (caller.kind === 'admin') return userById(db, c.get('company'), idValue(userField));
  return callerUserMade(c, db, now);
}

/** A processor's refusal as the answer (400, 402 with the decline code, 403), or 502 when it was not reached. */
async function asProcessor<T>(field: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PaymentMethodError) {
      throw new HttpError(
        error.status,
        error.code,
        error.message,
        field,
        error.declineCode ? { decline_code: error.declineCode } : {},
      );
    }
    console.error(`payment processor: ${error instanceof Error ? error.message : String(error)}`);
    throw new HttpError(502, 'processor-unavailable', 'The payment processor could not be reached; try again', field);
  }
}

/**
 * Payment methods: seed 000's `POST {payment_method: "stripe", token}` (a token's card), or without a
 * token a SetupIntent for the browser to confirm, then `PUT /:id {payment_method_id}`; `GET` (the list,
 * paged; one, reading a pending SetupIntent anew), `DELETE` (no longer offered).
 */
export function paymentMethodRoutes({ db, processor, now }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** Answers the row, keeping the answer with its effect in `tx` when the request has an Idempotency-Key. */
  async function answer(c: AppContext, tx: Queryable, row: PaymentMethodRow): Promise<Json> {
    const json = paymentMethodJson(row, originOf(c));
    await keepWithEffect(tx, c, { status: 200, body: stringify(json) });
    return json;
  }

  async function own(c: AppContext, deleted = false): Promise<PaymentMethodRow> {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const row = await paymentMethodById(db, c.get('company'), c.req.param('id') ?? '', deleted);
    const mine = caller.kind === 'admin' || (row && row.user_id === (await callerUser(c, db))?.id);
    if (!row || !mine) throw notFound('Payment method');
    return row;
  }

  app.post('/', async (c) => {
    const body = jsonBody(c);
    if (body.payment_method !== 'stripe') {
      throw badRequest('payment-method-invalid', 'payment_method must be "stripe"', 'payment_method');
    }
    const token = body.token === undefined || body.token === null ? undefined : reqString(body, 'token', 255);
    const user = await actingUser(c, db, now(), body.user);
    const id = objectId(now());
    let fields: Omit<NewPaymentMethod, 'id' | 'user' | 'processor'>;
    if (token !== undefined) {
      const attached = await asProcessor('token', () =>
        processor.attach({ token, customerId: user.stripe_customer_id, email: user.email, userId: user.id }),
      );
      fields = { customerId: attached.customerId, token, card: attached.card, setupIntent: null };
    } else {
      const started = await asProcessor('payment_method', () => startSetup(processor, user, id));
      fields = { customerId: started.customerId, token: null, card: {}, setupIntent: started.setup };
    }
    // The payment method and its Idempotency-Key's answer are written together, in one statement.
    const method = { id, user, processor: processor.name, ...fields };
    const row = newPaymentMethodRow(method, now());
    const text = stringify(paymentMethodJson(row, originOf(c)));
    await writeWithKey(db, c, { body: text }, (q, gate) => insertPaymentMethodSql(q, method, row, gate));
    return sendText(c, text);
  });

  app.put('/:id', async (c) => {
    const row = await own(c);
    const body = jsonBody(c);
    if (body.token !== undefined) {
      throw badRequest(
        'token-readonly',
        'A saved card can not change; add another with POST /payment_methods',
        'token',
      );
    }
    const given = reqString(body, 'payment_method_id', 255);
    if (!row.setup_intent) {
      throw badRequest(
        'setup-intent-missing',
        'This payment method was made from a token; it has no SetupIntent to complete',
        'payment_method_id',
      );
    }
    const returnUrl = readReturnUrl(body);
    const result = await asProcessor('payment_method_id', () => completeSetup(processor, row, given, returnUrl));
    return send(c, await save(c, row, result));
  });

  function save(c: AppContext, row: PaymentMethodRow, result: SetupResult): Promise<Json> {
    return db.transaction(async (tx) =>
      answer(c, tx, await updateSetup(tx, row.id, result.setup, result.saved, now())),
    );
  }

  app.get('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const query = (name: string) => c.req.query(name);
    const page = paging((name) => (name === 'size' ? (query('size') ?? '100') : query(name)));
    const { rows, total } = await listPaymentMethods(
      db,
      c.get('company'),
      caller.kind === 'admin' ? { userId: query('user') } : { sub: caller.sub },
      page,
    );
    const origin = originOf(c);
    return send(
      c,
      rows.map((r) => paymentMethodJson(r, origin)),
      200,
      { 'X-Total-Count': String(total), 'X-Pagination-Total': String(total) },
    );
  });

  app.get('/:id', async (c) => {
    let row = await own(c, true);
    if (row.setup_intent?.status === 'requires_action' && !row.deleted) {
      // The customer may have authenticated since: read the SetupIntent again.
      const result = await refreshSetup(processor, row).catch(() => null);
      if (result) row = await updateSetup(db, row.id, result.setup, result.saved, now());
    }
    return send(c, paymentMethodJson(row, originOf(c)));
  });

  app.delete('/:id', async (c) => {
    const row = await own(c, true);
    return send(c, paymentMethodJson(await deletePaymentMethod(db, row.id, now()), originOf(c)));
  });

  return app;
}
