import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RawDecimal, money, stringify } from '../../server/http/json.ts';

describe('the server JSON writer', () => {
  it('writes money with exactly the currency decimals', () => {
    assert.equal(stringify({ total_amount: money(8700, 'EUR') }), '{"total_amount":87.00}');
    assert.equal(stringify({ amount: money(1500, 'JPY') }), '{"amount":1500}');
    assert.equal(stringify({ amount: money(1234, 'KWD') }), '{"amount":1.234}');
    assert.equal(stringify([money(5, 'EUR')]), '[0.05]');
  });

  it('writes everything else as JSON.stringify does and leaves out undefined members', () => {
    const value = { a: 'x"y', b: [1, null, true], c: undefined, d: { e: new RawDecimal('0.25') } };
    assert.equal(stringify(value), '{"a":"x\\"y","b":[1,null,true],"d":{"e":0.25}}');
    assert.deepEqual(JSON.parse(stringify(value)), { a: 'x"y', b: [1, null, true], d: { e: 0.25 } });
  });
});
