import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Queryable } from '../../server/db/database.ts';
import { companyIdFor } from '../../server/auth.ts';
import { lockOrders } from '../../server/model/order-payments.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A payment looks its orders up by index however many orders the shop has: the plan PostgreSQL keeps for
// a named statement (a generic plan, made without the ids) must not read the whole orders table. Lists of
// ids are planned as arrays (`Params.texts`); `id IN (SELECT jsonb_array_elements_text($n))`, guessed at
// 100 ids, was planned as a scan of every order, on each payment.

let server: TestServer;
let company: string;

before(async () => {
  server = await startTestServer();
  company = companyIdFor(server.apiKey);
  const signedIn = await server.post('/v2/users', {}, await server.userToken('plans'));
  assert.equal(signedIn.status, 200, signedIn.text);
  const [user] = await server.db.query<{ id: string }>(`SELECT id FROM users WHERE sub = 'plans'`);
  // A shop with 5,000 orders, its statistics current (as autovacuum keeps them).
  await server.db.query(
    `INSERT INTO orders (id, company_id, user_id, human_id, currency, items, total_amount, total_vat,
                         total_quantity, units, created, modified)
     SELECT lpad(to_hex(n), 24, '0'), $1, $2, 'H' || n, 'EUR', '[]'::jsonb, 100, 20, 1, 1, n, n
       FROM generate_series(1, 5000) n`,
    [company, user!.id],
  );
  await server.db.query(`ANALYZE orders`);
});
after(() => server.close());

/** The statement a model function sends, captured instead of run. */
async function statementOf(run: (db: Queryable) => Promise<unknown>): Promise<{ sql: string; params: unknown[] }> {
  let sent: { sql: string; params: unknown[] } | undefined;
  const capture: Queryable = {
    query: async (sql, params = []) => {
      sent ??= { sql, params: [...params] };
      return [];
    },
  };
  await run(capture).catch(() => {});
  return sent!;
}

/** The generic plan PostgreSQL keeps for a prepared statement, as text. */
async function genericPlan(statement: { sql: string; params: unknown[] }): Promise<string> {
  return server.db.transaction(async (tx) => {
    await tx.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
    const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.sql}`, statement.params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe('plans of the payment path', () => {
  it('locks a payment’s orders by index, not by reading every order', async () => {
    const ids = ['000000000000000000000010', '000000000000000000000020'];
    const plan = await genericPlan(await statementOf((db) => lockOrders(db, company, ids)));
    assert.doesNotMatch(plan, /Seq Scan on orders/, plan);
    assert.match(plan, /Index Scan using orders_pkey on orders/, plan);
    // And the statement finds them.
    const locked = await server.db.transaction((tx) => lockOrders(tx, company, ids));
    assert.deepEqual(
      locked.map((o) => o.id),
      ids,
    );
  });
});
