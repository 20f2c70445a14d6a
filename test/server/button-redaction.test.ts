// Button's error answers are stored (GET /admin/reports) and logged: the API key must be in neither,
// not even in part. It used to be cut to 300 characters before the key was redacted, so a key that
// straddled the cut was half-kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ButtonApi } from '../../server/button/api.ts';
import type { ReportRow } from '../../server/button/outbox.ts';

const KEY = 'btn_live_key_0123456789abcdefghij';
const BASIC = Buffer.from(`${KEY}:`).toString('base64');

const row = { id: 1, kind: 'create', order_id: 'o1', attempts: 1, payload: { total: 1 } } as unknown as ReportRow;

async function errorFor(status: number, body: string): Promise<string> {
  const api = new ButtonApi({
    apiKey: KEY,
    apiUrl: 'http://button.invalid',
    timeoutMs: 1000,
    fetch: async () => new Response(body, { status }),
    stopSignal: new AbortController().signal,
  });
  const outcome = await api.deliver(row);
  assert.notEqual(outcome.result, 'sent');
  return (outcome as { error: string }).error;
}

/** No run of 6 characters of the secret survives anywhere in the text. */
function assertNoPartOf(secret: string, text: string): void {
  for (let i = 0; i + 6 <= secret.length; i++) {
    assert.ok(!text.includes(secret.slice(i, i + 6)), `part of the key (${secret.slice(i, i + 6)}) kept: ${text}`);
  }
}

describe('the Button key in an error answer', () => {
  for (const status of [400, 503]) {
    for (const at of [280, 290, 295, 299, 300, 480, 495]) {
      it(`is redacted whole when it straddles the cut (HTTP ${status}, at ${at})`, async () => {
        for (const secret of [KEY, BASIC]) {
          const error = await errorFor(status, `${'x'.repeat(at)}${secret} and more ${'y'.repeat(300)}`);
          assertNoPartOf(secret, error);
          assert.ok(error.length <= 320, 'still cut to about 300 characters');
        }
      });
    }
  }

  it('and when Button echoes it several times, with the text around it kept', async () => {
    const error = await errorFor(422, `{"error":"bad key ${KEY}","auth":"Basic ${BASIC}"}`);
    assert.equal(error, 'HTTP 422: {"error":"bad key [redacted]","auth":"Basic [redacted]"}');
  });
});
