#!/usr/bin/env node
// `npm run test:server:pg`: the server suite a second time, on the PostgreSQL named by
// TILLKIT_TEST_DATABASE_URL (.ci/run starts one); each suite gets its own schema. Skipped without it.
import { spawnSync } from 'node:child_process';

if (!process.env.TILLKIT_TEST_DATABASE_URL) {
  console.log(
    'test:server:pg skipped: TILLKIT_TEST_DATABASE_URL not set (e.g. postgres://user:pass@127.0.0.1:5432/db)',
  );
  process.exit(0);
}
const { status } = spawnSync(process.execPath, ['scripts/test-node.mjs', 'server'], {
  stdio: 'inherit',
  env: { ...process.env, TILLKIT_TEST_DB: 'postgres' },
});
process.exit(status ?? 1);
