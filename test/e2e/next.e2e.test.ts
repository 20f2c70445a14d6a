// Tillkit in a Next.js application (app router), as the README shows it: examples/next is built by `next build`
// (which type-checks it: the `tillkit/react` components' props and `onTill…` handlers), served by `next start`,
// which renders the page on the server for each request, and driven in Chromium to a paid order after
// hydration, the client component's state updated by the elements' events. This is the case plain tags fail
// (facebook/react#35446: hydration sets no properties and attaches no listeners), and what `tillkit/react`'s
// @lit/react components are for.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SpawnedServer } from '../support/spawn-server.mjs';
import { ensureFreshBuild, root } from '../build/fresh-build.ts';
import { buyTwoAndPay, linkTillkit, routeExampleApi, run, startExampleApi } from './examples.ts';
import { launchChromium } from './harness.ts';

const app = join(root, 'examples/next');
const NEXT = 'next/dist/bin/next';
const env = { NEXT_TELEMETRY_DISABLED: '1' };
let api: SpawnedServer;
let browser: Browser;
let next: ChildProcess | undefined;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** `next start` on a free port; resolves with its origin once it answers. */
async function startNext(): Promise<string> {
  const port = await freePort();
  next = spawn(process.execPath, [join(root, 'node_modules', NEXT), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: app,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('next start did not get ready in time')), 60_000);
    let seen = '';
    next!.stdout!.on('data', (chunk: Buffer) => {
      seen += String(chunk);
      if (/ready/i.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    next!.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`next start exited with ${code}:\n${seen}`));
    });
  });
  next.stdout!.resume();
  return origin;
}

before(async () => {
  ensureFreshBuild();
  linkTillkit();
  [api, browser] = await Promise.all([startExampleApi(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await api?.stop();
  if (next && next.exitCode === null) {
    const exited = new Promise((resolve) => next!.once('exit', resolve));
    next.kill('SIGTERM');
    await exited;
  }
});

describe('a Next.js page rendered on the server (examples/next)', () => {
  let origin: string;

  it('builds with `next build`, which type-checks the `tillkit/react` components and handlers', () => {
    const output = run(NEXT, ['build'], app, env);
    assert.match(output, /Finished TypeScript/, 'next build ran the type check');
    assert.match(output, /ƒ \//, 'the page is rendered on the server per request');
  });

  it('renders the elements into the server’s HTML, with their state left to hydration', async () => {
    origin = await startNext();
    const html = await (await fetch(origin)).text();
    for (const tag of ['till-config', 'till-product-list', 'till-cart', 'till-checkout'])
      assert.match(html, new RegExp(`<${tag}[ >]`), `<${tag}> is in the server's HTML`);
    assert.match(html, /<p>0(<!-- -->)? in the basket<\/p>/, 'React rendered its own state on the server');
    // Properties are set in the browser, never written as lower-cased attributes (the plain-tag failure).
    assert.doesNotMatch(html, /\b(apiurl|pagesize|tokenurl)=/i);
  });

  it('sells two DVDs after hydration: React state follows till-cart-change and shows the paid order’s number', async () => {
    const page = await browser.newPage();
    await routeExampleApi(page, api);
    await page.goto(origin);
    await buyTwoAndPay(page, api);
    await page.close();
  });
});
