// Render and update times of <till-cart> in Chromium with the CPU slowed 4× (a cheap phone), next to
// a baseline in the same page: the same lines written as one innerHTML string, no framework at all.
// Uses the built bundle: `npm run build && npm run bench:render`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { launchChromium } from '../test/e2e/harness.ts';

const LINES = 50;
const ROUNDS = 30;
const THROTTLE = 4;

const dist = join(import.meta.dirname, '..', 'dist');
const server = createServer((request, response) => void serve(request, response));

async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url!, 'http://x').pathname;
  if (path === '/') {
    response
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end('<!doctype html><html lang="en"><body><till-cart></till-cart><div id="baseline"></div></body></html>');
    return;
  }
  try {
    const body = await readFile(
      path === '/render-page.js' ? join(import.meta.dirname, 'render-page.js') : join(dist, path),
    );
    response
      .writeHead(200, { 'Content-Type': extname(path) === '.js' ? 'text/javascript' : 'application/octet-stream' })
      .end(body);
  } catch {
    response.writeHead(404).end();
  }
}
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as { port: number };

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });

  const result = await page.evaluate(
    // The page-side module is plain JavaScript served beside dist/ (see render-page.js).
    ([url, lines, rounds]) =>
      import(url).then((m) => m.run(lines, rounds)) as Promise<{ plain: number; render: number; update: number }>,
    ['/render-page.js', LINES, ROUNDS] as const,
  );

  console.log(`<till-cart> with ${LINES} lines, Chromium, CPU throttled ${THROTTLE}×, median of ${ROUNDS} rounds`);
  console.log(`  baseline (one innerHTML string, no framework): ${result.plain.toFixed(1)} ms`);
  console.log(
    `  first render of the cart (adds, summary, format): ${result.render.toFixed(1)} ms  (${(result.render / result.plain).toFixed(1)}× baseline)`,
  );
  console.log(
    `  one quantity change, re-render:                ${result.update.toFixed(1)} ms  (${(result.update / result.plain).toFixed(1)}× baseline)`,
  );
} finally {
  await browser.close();
  server.close();
}
