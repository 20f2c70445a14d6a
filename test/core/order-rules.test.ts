import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ORDER_STATUSES, isEmail, isPayableStatus, isPhoneNumber, lineKey } from '../../src/core/index.ts';

describe('order rules', () => {
  it('an order is payable when new, declined or failed, and only then', () => {
    assert.deepEqual(
      ORDER_STATUSES.filter((s) => isPayableStatus(s)),
      ['CREATED', 'DECLINED', 'FAILED'],
    );
    assert.equal(isPayableStatus('created'), false);
  });

  it('a line is its product and its add-ons, in any order', () => {
    assert.equal(lineKey('p'), 'p');
    assert.equal(lineKey('p', []), 'p');
    assert.equal(lineKey('p', ['s2', 's1']), 'p+s1+s2');
    assert.equal(lineKey('p', ['s1', 's2']), lineKey('p', ['s2', 's1']));
    assert.notEqual(lineKey('p', ['s1']), lineKey('p'));
  });
});

describe('contact rules', () => {
  it('an email is name@domain.tld without spaces', () => {
    for (const ok of ['ana@example.com', ' ana@example.com ', 'a.b+c@mail.example.cl']) assert.ok(isEmail(ok), ok);
    for (const bad of ['', 'ana', 'ana@example', 'ana @example.com', '@example.com', 'ana@.com@x']) {
      assert.equal(isEmail(bad), false, bad);
    }
  });

  it('a phone number has at least six digits and only separators besides', () => {
    for (const ok of ['+56 9 1234 5678', '(555) 010-0199', '123456', ' 12.34.56 ']) assert.ok(isPhoneNumber(ok), ok);
    for (const bad of ['', '12345', '+1 (2) 3-4', 'call 123456', '1234567890123456789012', '++123456']) {
      assert.equal(isPhoneNumber(bad), false, bad);
    }
  });
});
