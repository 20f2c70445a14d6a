import { isJsonObject } from 'tillkit/core';
import type { AppContext } from '../context.ts';
import { HttpError } from './errors.ts';
import { invalidUtf8At, parseStrictJson } from './strict-json.ts';
import type { Body } from './validate.ts';

/**
 * The one body reader. Every POST, PUT and DELETE body is read once, within the size limit, by the
 * middleware (`readRequestBody`), before any route or the idempotency layer runs, so a refused body
 * writes nothing. On the JSON API routes (all but `RAW_BODY_PATHS`) a non-empty body must be
 * `Content-Type: application/json` (charset UTF-8 if one is named; else 415), valid UTF-8, valid JSON,
 * with each member once and every string real text (see `strict-json.ts`); else 400 naming the field.
 * An empty body reads as `{}`, whatever its type: the SDK sends none for a bodiless POST.
 */

/** Routes that read their body as bytes (a signed webhook must verify exactly what was sent). */
export const RAW_BODY_PATHS: readonly string[] = ['/webhooks/'];

export const isRawBodyPath = (path: string): boolean => RAW_BODY_PATHS.some((prefix) => path.startsWith(prefix));

const decoder = new TextDecoder('utf-8', { fatal: true });

/** `application/json`, optionally `; charset=utf-8`: anything else is not a JSON body (415). */
function assertJsonType(header: string | undefined): void {
  const [type = '', ...params] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') {
    throw new HttpError(
      415,
      'content-type-unsupported',
      header
        ? `Content-Type ${JSON.stringify(header)} is not accepted: send the body as application/json`
        : 'The body has no Content-Type: send it as application/json',
      'Content-Type',
    );
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpError(415, 'content-type-unsupported', 'A JSON body must be UTF-8 (charset=utf-8)', 'Content-Type');
  }
}

/**
 * Reads the request's body (the middleware calls this once): keeps the bytes and the text, and on a
 * JSON route parses it strictly. Throws the 400 and 415 answers.
 */
export async function readRequestBody(c: AppContext): Promise<void> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  c.set('rawBytes', bytes);
  if (isRawBodyPath(new URL(c.req.url).pathname)) {
    c.set('rawBody', new TextDecoder().decode(bytes));
    return;
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new HttpError(
      400,
      'encoding-invalid',
      `The body is not valid UTF-8 (byte ${invalidUtf8At(bytes)} is not part of a UTF-8 character)`,
      'body',
    );
  }
  c.set('rawBody', text);
  if (text.trim() === '') return;
  assertJsonType(c.req.header('Content-Type'));
  c.set('json', parseStrictJson(text));
}

/** The JSON body of a POST/PUT, parsed by `readRequestBody`: an object, or 400. An empty body reads as `{}`. */
export function jsonBody(c: AppContext): Body {
  const value = c.get('json');
  if (value === undefined) return {};
  if (!isJsonObject(value)) throw new HttpError(400, 'json-invalid', 'The body must be a JSON object', 'body');
  return value;
}

/** The body exactly as sent, for a route of `RAW_BODY_PATHS` (a signed webhook). */
export const rawBody = (c: AppContext): Uint8Array => c.get('rawBytes') ?? new Uint8Array();
