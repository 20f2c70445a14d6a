#!/usr/bin/env node
import { ConfigError } from './config.ts';
import { DEMO_ENV } from './demo.ts';
import { startServer } from './start.ts';

/**
 * `npm run server` (`tsx server/main.ts`). Configuration comes from the environment (server/README.md).
 * Outside production, missing keys fall back to the published demo keys, with a warning; `--demo` also
 * turns on the demo sign-in and CORS for any origin, which is what the demo shop needs.
 */
async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  const env: Record<string, string | undefined> = { ...process.env };
  if (env.NODE_ENV !== 'production') {
    const missing = Object.keys(DEMO_ENV).filter((name) => !env[name]);
    if (missing.length > 0) {
      for (const name of missing) env[name] = DEMO_ENV[name];
      console.warn(
        `Using the published demo values for ${missing.join(', ')} (development only; set them for anything real).`,
      );
    }
    if (demo) {
      env.TILLKIT_DEMO_AUTH ??= '1';
      env.TILLKIT_CORS_ORIGINS ??= '*';
    }
  }
  // Listening first: requests wait while a fresh PGlite directory is initialised.
  const server = await startServer({
    env,
    onListening: (url) => console.log(`Tillkit reference API listening on ${url}`),
  });
  const { config } = server;
  console.log(
    `  database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.dataDir}`}; payments: ${config.payments}` +
      `; demo sign-in: ${config.demoAuth ? 'on' : 'off'}; CORS: ${config.corsOrigins.join(', ') || 'off'}` +
      `; Button reports: ${config.buttonApiKey ? `on (${config.buttonApiUrl})` : 'off'}`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
