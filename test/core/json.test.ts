import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isJsonObject } from '../../src/core/index.ts';

describe('isJsonObject', () => {
  it('is true for an object parsed from JSON, empty or not', () => {
    assert.equal(isJsonObject(JSON.parse('{"a":1}')), true);
    assert.equal(isJsonObject({}), true);
  });

  it('is false for null, arrays and every other JSON value', () => {
    for (const value of [null, undefined, [], [1], 'text', 0, true])
      assert.equal(isJsonObject(value), false, String(value));
  });
});
