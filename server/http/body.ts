import { isJsonObject } from 'tillkit/core';
import type { AppContext } from '../context.ts';
import { HttpError } from './errors.ts';
import type { Body } from './validate.ts';

/** The JSON body of a POST/PUT: an object, or 400. An empty body reads as `{}`. */
export function jsonBody(c: AppContext): Body {
  const text = c.get('rawBody') ?? '';
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'json-invalid', `The body is not valid JSON: ${(error as Error).message}`, 'body');
  }
  // PostgreSQL text and JSONB can not hold U+0000; refuse it here rather than fail in the database.
  if (text.includes('\\u0000'))
    throw new HttpError(400, 'json-invalid', 'The body contains a NUL character (\\u0000)', 'body');
  if (!isJsonObject(value)) throw new HttpError(400, 'json-invalid', 'The body must be a JSON object', 'body');
  return value;
}
