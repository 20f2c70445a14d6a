// Nothing secret ships: every file under dist/ (the script-tag bundle, the npm build, the type
// declarations, the manifest) is scanned for key-like secrets and for the secret values the demo and
// the tests really use. Publishable values (`pk_...`, the API key) are fine.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEMO_JWT_SECRET, DEMO_SERVICE_KEY } from '../../server/demo.ts';
import {
  TEST_JWT_SECRET as SPAWNED_JWT_SECRET,
  TEST_SERVICE_KEY as SPAWNED_SERVICE_KEY,
} from '../support/spawn-server.mjs';
import { TEST_JWT_SECRET, TEST_SERVICE_KEY } from '../support/server.ts';
import { dist, ensureFreshBuild, root } from './fresh-build.ts';

/** Shapes of secrets: Stripe secret and restricted keys, webhook secrets, private keys, signed JWTs. */
const PATTERNS: [string, RegExp][] = [
  ['a Stripe secret or restricted key', /\b(?:sk|rk)_(?:test|live)_[0-9a-zA-Z]+/],
  ['a secret-key-like value', /\b(?:sk|rk)_[a-z]+_[0-9a-zA-Z_]{8,}/],
  ['a Stripe webhook secret', /\bwhsec_[0-9a-zA-Z]{8,}/],
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['a JSON Web Token', /\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]+/],
];

/** The defaults `npm start` uses (scripts/start.mjs), read from the script itself. */
function startDefaults(): string[] {
  const script = readFileSync(join(root, 'scripts/start.mjs'), 'utf8');
  return [...script.matchAll(/TILLKIT_(?:SERVICE_KEY|JWT_SECRET)\s*\?\?\s*'([^']+)'/g)].map((m) => m[1]!);
}

/** Every secret value in use here: the demo's, the tests', and whatever this environment sets. */
function knownSecrets(): string[] {
  const fromEnv = [
    'TILLKIT_SERVICE_KEY',
    'TILLKIT_JWT_SECRET',
    'STRIPE_SECRET_KEY',
    'BUTTON_API_KEY',
    'BOOTIC_ACCESS_TOKEN',
  ].map((name) => process.env[name] ?? '');
  const defaults = startDefaults();
  assert.equal(defaults.length, 2, 'scripts/start.mjs still names its demo service key and JWT secret');
  return [
    ...new Set([
      DEMO_SERVICE_KEY,
      DEMO_JWT_SECRET,
      TEST_SERVICE_KEY,
      TEST_JWT_SECRET,
      SPAWNED_SERVICE_KEY,
      SPAWNED_JWT_SECRET,
      ...defaults,
      ...fromEnv,
    ]),
  ].filter((value) => value.length >= 8);
}

/** What in `text` looks secret: `[what, the match]` pairs. */
export function findSecrets(text: string, secrets: readonly string[]): [string, string][] {
  const found: [string, string][] = [];
  for (const [what, pattern] of PATTERNS) {
    const match = new RegExp(pattern.source, 'g').exec(text);
    if (match) found.push([what, match[0]]);
  }
  for (const secret of secrets)
    if (text.includes(secret)) found.push(['a secret value used by the demo or the tests', secret]);
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

before(() => ensureFreshBuild());

describe('secrets in dist/', () => {
  it('the scan recognises what it looks for', () => {
    const secrets = knownSecrets();
    assert.ok(secrets.includes(DEMO_SERVICE_KEY) && secrets.includes(TEST_JWT_SECRET));
    for (const sample of [
      'sk_live_51Habc0123',
      'rk_test_abcDEF123',
      `key="${DEMO_JWT_SECRET}"`,
      'whsec_0123456789ab',
      '-----BEGIN PRIVATE KEY-----',
    ]) {
      assert.ok(findSecrets(sample, secrets).length > 0, sample);
    }
    assert.deepEqual(findSecrets('pk_test_tillkit pk_live_51Habc skeleton task_list', secrets), []);
  });

  it('no file in dist/ holds a secret', () => {
    const secrets = knownSecrets();
    const all = files(dist);
    assert.ok(all.length > 50, 'dist/ is built');
    const leaks = all.flatMap((file) =>
      findSecrets(readFileSync(file, 'utf8'), secrets).map(
        ([what, match]) => `${relative(root, file)}: ${what} (${match.slice(0, 12)}…)`,
      ),
    );
    assert.deepEqual(leaks, []);
  });
});
