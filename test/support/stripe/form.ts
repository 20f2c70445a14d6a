// Stripe's v1 request bodies and query strings: `application/x-www-form-urlencoded` with brackets for
// nesting, as the official SDK writes them (`metadata[order]=x`, `payment_method_types[0]=card`,
// `expand[]=latest_charge`). Parsed into plain objects and arrays so that two requests can be compared by
// meaning (Stripe's idempotency layer compares parameters, not bytes).

export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

/** `a[b][0]=x` → `{a: {b: ['x']}}`; `a[]=x&a[]=y` → `{a: ['x', 'y']}`. A repeated plain key keeps the last value. */
export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const path = splitKey(rawKey);
    if (!path) throw new FormError(`Invalid parameter name: ${rawKey}`, rawKey);
    assign(root, path, value, rawKey);
  }
  return finish(root) as FormObject;
}

export class FormError extends Error {
  readonly param: string;
  constructor(message: string, param: string) {
    super(message);
    this.param = param;
  }
}

function splitKey(key: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return null;
  const rest = [...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!);
  return [match[1]!, ...rest];
}

// Arrays are built as objects keyed by index (or by push order for `[]`) and turned into arrays at the end.
const PUSH = Symbol('push');
type Building = FormObject & { [PUSH]?: number };

function assign(target: Building, path: string[], value: string, rawKey: string): void {
  let node = target;
  for (let i = 0; i < path.length; i++) {
    let key = path[i]!;
    if (key === '') {
      node[PUSH] = (node[PUSH] ?? 0) + 1;
      key = `${node[PUSH] - 1}`;
    }
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === undefined || typeof next === 'string') node[key] = {};
    else if (Array.isArray(next)) throw new FormError(`Invalid array: ${rawKey}`, rawKey);
    node = node[key] as Building;
  }
}

function finish(value: FormValue | Building): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const isArray = keys.length > 0 && (PUSH in value || keys.every((k) => /^\d+$/.test(k)));
  if (isArray) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => finish(value[String(k)]!));
  }
  const out: FormObject = {};
  for (const key of keys) out[key] = finish(value[key]!);
  return out;
}

/** Equal by meaning: objects whatever their key order, arrays in order. */
export function sameParams(a: FormValue | undefined, b: FormValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string' || a === undefined || b === undefined) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameParams(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => k in b && sameParams(a[k], b[k]));
}
