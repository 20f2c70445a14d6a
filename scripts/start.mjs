#!/usr/bin/env node
// `npm start`: the reference API server (embedded database in .tillkit-data, the DVD catalogue, demo
// sign-in on) and the demo shop served by Vite, both on this machine, started together: the API's
// address is known before it listens, so Vite does not wait for the database to open (on a first run,
// PGlite's initdb takes seconds). Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { createServer } from 'vite';

const apiPort = Number(process.env.TILLKIT_API_PORT ?? 8787);
const shopPort = Number(process.env.TILLKIT_SHOP_PORT ?? 5173);
const shopOrigins = [`http://localhost:${shopPort}`, `http://127.0.0.1:${shopPort}`];
const apiUrl = `http://127.0.0.1:${apiPort}`;
const started = performance.now();
const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);

// Demo-only values: a real deployment sets its own (the server refuses these in production).
const demoEnv = {
  PORT: String(apiPort),
  HOST: '127.0.0.1',
  // The demo shop's key, then the Bootic demo's (the page at /?shop=bootic).
  TILLKIT_API_KEY: process.env.TILLKIT_API_KEY ?? 'pk_demo_tillkit,pk_demo_bootic',
  TILLKIT_SERVICE_KEY: process.env.TILLKIT_SERVICE_KEY ?? 'sk_demo_service_only_for_the_local_demo',
  TILLKIT_JWT_SECRET: process.env.TILLKIT_JWT_SECRET ?? 'demo-jwt-secret-only-for-the-local-demo-0123456789',
  TILLKIT_DEMO_AUTH: '1',
  TILLKIT_CORS_ORIGINS: process.env.TILLKIT_CORS_ORIGINS ?? shopOrigins.join(','),
};

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, ...demoEnv },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let vite;
const apiListening = new Promise((resolve, reject) => {
  let seen = '';
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    seen += chunk;
    if (seen.includes(apiUrl)) resolve();
    // The server's second line comes once its database is open and the catalogue loaded.
    if (chunk.includes('database:')) console.log(`  The API's database is open (${elapsed()} s).`);
  });
  server.on('exit', (code) => reject(new Error(`The API server stopped (exit code ${code}).`)));
});

process.env.VITE_TILLKIT_API_URL = apiUrl;
process.env.VITE_TILLKIT_API_KEY = demoEnv.TILLKIT_API_KEY.split(',')[0].trim();
try {
  vite = await createServer({ server: { port: shopPort, strictPort: true, host: '127.0.0.1' } });
  await vite.listen();
  await apiListening;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  server.kill('SIGTERM');
  await vite?.close();
  process.exit(1);
}
console.log(
  `\n  Rewind, the demo shop:  http://127.0.0.1:${shopPort}/\n  On Bootic (CLP):        http://127.0.0.1:${shopPort}/?shop=bootic\n  Reference API:          ${apiUrl}\n  The shop is served (${elapsed()} s); the API answers once its database is open.\n`,
);

const stop = async () => {
  server.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
  console.error(`The API server stopped (exit code ${code}).`);
  void vite.close().then(() => process.exit(code ?? 1));
});
