import { HttpError } from './errors.ts';

/**
 * JSON as this API accepts it: valid UTF-8, valid JSON, every string real text, every member once.
 * `JSON.parse` alone lets the last of two equal keys win (`"quantity": 1, "quantity": 9999` orders 9999)
 * and keeps lone UTF-16 surrogates (`"\ud800"`), which PostgreSQL's JSONB refuses and its text columns
 * silently turn into U+FFFD. Each refusal is a 400 naming the member at fault (`items[0].quantity`).
 */

const invalid = (code: string, message: string, field: string) => new HttpError(400, code, message, field);

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte → length and the allowed range of the second byte (no overlongs, no surrogates, ≤ U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return i;
    }
    i += length;
  }
  return -1;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a decoded string can not be stored as text, or undefined. */
function badText(value: string): string | undefined {
  if (value.includes('\u0000')) return 'a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'a lone UTF-16 surrogate (such as \\ud800), which is not text';
  return undefined;
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly path: string;
  readonly keys: Set<string>;
  index: number;
  key: string | undefined;
  expectKey: boolean;
}

const member = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Where the next value of the innermost container goes: `items[2]`, `delivery_address.city`, or the body. */
function valuePath(top: Frame | undefined): string {
  if (!top) return '';
  return top.kind === 'array' ? `${top.path}[${top.index}]` : member(top.path, top.key ?? '');
}

/**
 * Walks JSON text that `JSON.parse` has accepted (so its syntax is known to be right), checking every
 * string and every object's member names.
 */
function checkMembers(text: string): void {
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const top = stack[stack.length - 1];
    if (ch === '{' || ch === '[') {
      const kind = ch === '{' ? 'object' : 'array';
      stack.push({
        kind,
        path: valuePath(top),
        keys: new Set(),
        index: 0,
        key: undefined,
        expectKey: kind === 'object',
      });
      i++;
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      i++;
    } else if (ch === ',') {
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) top.index++;
      i++;
    } else if (ch === ':') {
      if (top) top.expectKey = false;
      i++;
    } else if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const value = JSON.parse(text.slice(i, end + 1)) as string;
      i = end + 1;
      if (top?.kind === 'object' && top.expectKey) {
        const field = top.path || 'body';
        const bad = badText(value);
        if (bad) throw invalid('text-invalid', `A member name in ${field} contains ${bad}`, field);
        if (top.keys.has(value)) {
          const at = member(top.path, value);
          throw invalid('json-duplicate-key', `${at} is given more than once; give each member once`, at);
        }
        top.keys.add(value);
        top.key = value;
      } else {
        const field = valuePath(top) || 'body';
        const bad = badText(value);
        if (bad) throw invalid('text-invalid', `${field} contains ${bad}`, field);
      }
    } else i++;
  }
}

/** Parses a request body's text strictly (see above); throws 400s naming the field. */
export function parseStrictJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid('json-invalid', `The body is not valid JSON: ${(error as Error).message}`, 'body');
  }
  checkMembers(text);
  return value;
}
