// `npm run bench:render` (after `npm run build`): render and update times of <till-cart> and
// <till-product-list> from dist/ in Chromium with the CPU slowed 4× (a cheap phone), each next to a
// plain-DOM baseline with the same markup and the same stylesheets (bench/plain.js), timed in the same
// page or the same run. Figures, not assertions; the ratio element / plain is the one to read.
//
//   warm   rounds in one page, element and plain alternately (bench/render-page.js): a 50-line cart
//          rendered from scratch, one quantity change in a 1,000-line cart, a 50-product list.
//   cold   a fresh page per sample, from navigation to the 50-line cart's first complete render and
//          layout, against a plain page that renders the same markup from the same saved cart:
//          "first visit" in a new browser context (empty HTTP and code caches), "next page" a new
//          page in the same context (scripts cached).
//
// `--runs 3` (a new browser each), `--rounds 30` (warm samples per side), `--pages 8` (cold samples
// per side). Per run: each side's median, and the median of the ratios of the samples taken in pairs
// (one right after the other); then min / median / max of those over the runs.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../test/e2e/harness.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '30' },
    pages: { type: 'string', default: '8' },
    only: { type: 'string', default: '' },
    profile: { type: 'string', default: '' },
    dist: { type: 'string', default: '' },
    latency: { type: 'string', default: '0' },
  },
});
const RUNS = Number(args.runs);
const ROUNDS = Number(args.rounds);
const PAGES = Number(args.pages);
/** `--latency <ms>`: each request of the cold pages waits this long (a phone's network), via DevTools. */
const LATENCY = Number(args.latency);
const THROTTLE = 4;
const CART_LINES = 50;
const BIG_CART = 1000;
const PRODUCTS = 50;
const CART_KEY = 'till:cart:default';

const dist = args.dist || join(import.meta.dirname, '..', 'dist');
/** Captured from the warm page: the cart's stylesheets and its saved lines, for the cold pages. */
let cartCss: string[] = [];
let saved = '';

/** The first script of both cold pages: when the page's own work starts (the document is there). */
const START = '<script>window.__start = performance.now();</script>';

const coldElementPage = `<!doctype html><html lang="en"><head><meta charset="utf-8">${START}
<script type="module" src="/tillkit.js"></script></head><body><till-cart></till-cart>
<script type="module">
const el = document.querySelector('till-cart');
window.__done = el.updateComplete.then(() => { void el.offsetHeight; return performance.now(); });
</script></body></html>`;

const coldPlainPage =
  () => `<!doctype html><html lang="en"><head><meta charset="utf-8">${START}</head><body><div id="cart"></div>
<script type="module">
import { cartHtml, formatters, mount } from '/bench/plain.js';
const css = ${JSON.stringify(cartCss)};
const sheets = css.map((text) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(text); return sheet; });
const lines = JSON.parse(localStorage.getItem(${JSON.stringify(CART_KEY)})).lines;
const host = mount(document.getElementById('cart'), sheets, cartHtml(lines, formatters('en', 'EUR')));
void host.offsetHeight;
window.__done = Promise.resolve(performance.now());
</script></body></html>`;

async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url!, 'http://x').pathname;
  const html = (body: string) => response.writeHead(200, { 'Content-Type': 'text/html' }).end(body);
  if (path === '/')
    return void html('<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>');
  if (path === '/cold/element') return void html(coldElementPage);
  if (path === '/cold/plain') return void html(coldPlainPage());
  try {
    const file = path.startsWith('/bench/') ? join(import.meta.dirname, path.slice(7)) : join(dist, path);
    const body = await readFile(file);
    response
      .writeHead(200, {
        'Content-Type': extname(path) === '.js' ? 'text/javascript' : 'application/octet-stream',
        'Cache-Control': 'max-age=3600',
      })
      .end(body);
  } catch {
    response.writeHead(404).end();
  }
}

const server = createServer((request, response) => void serve(request, response));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

async function throttledWithSession(context: BrowserContext) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return { page, cdp };
}

interface Times {
  element: number[];
  plain: number[];
  mismatch?: { element: string; plain: string } | null;
}

/** The page side's figures, in one page with the modules loaded. */
async function warm(browser: Browser) {
  const context = await browser.newContext();
  const { page, cdp } = await throttledWithSession(context);
  await page.goto(`${origin}/`);
  // `--profile <prefix>`: CPU profiles of each side's timed rounds (the page wraps each in
  // console.profile), written as <prefix>-<figure>-<side>-<round>.cpuprofile for DevTools. The times of
  // a profiled run are not worth reading.
  const profiles: { title: string; profile: unknown }[] = [];
  if (args.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    cdp.on('Profiler.consoleProfileFinished', (e) => void profiles.push({ title: e.title ?? '', profile: e.profile }));
    await page.evaluate(() => void ((window as unknown as { __profile: boolean }).__profile = true));
  }
  const call = async <T>(name: string, ...params: number[]) => {
    const result = (await page.evaluate(
      // The page side is plain JavaScript served beside dist/ (bench/render-page.js).
      ([url, n, p]) => import(url).then((m: Record<string, (...a: number[]) => unknown>) => m[n]!(...p)),
      ['/bench/render-page.js', name, params] as const,
    )) as T;
    for (const { title, profile } of profiles.splice(0))
      await writeFile(`${args.profile}-${name}-${title}.cpuprofile`, JSON.stringify(profile));
    return result;
  };
  const want = (name: string) => !args.only || args.only.split(',').includes(name);
  const out: Record<string, Times> = {};
  if (want('cart') || want('cold')) {
    const first = await call<Times & { css: string[]; saved: string }>('cartFirstRender', ROUNDS, CART_LINES);
    cartCss = first.css;
    saved = first.saved;
    out['cart'] = first;
  }
  if (want('update')) out['update'] = await call<Times>('cartUpdate', ROUNDS, BIG_CART);
  if (want('products')) {
    const { total, ...fromAnswer } = await call<Times & { total: Times }>('productList', ROUNDS, PRODUCTS);
    out['products'] = fromAnswer;
    out['productsTotal'] = total;
  }
  await context.close();
  return out;
}

/** One fresh page's times to the cart's first complete render: from navigation, and from its first script. */
async function coldPage(context: BrowserContext, side: 'element' | 'plain') {
  const { page, cdp } = await throttledWithSession(context);
  if (LATENCY) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LATENCY,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  }
  await page.goto(`${origin}/cold/${side}`);
  const { start, done } = await page.evaluate(async () => {
    const w = window as unknown as { __done: Promise<number>; __start: number };
    return { start: w.__start, done: await w.__done };
  });
  await page.close();
  return { navigation: done, script: done - start };
}

async function cold(browser: Browser) {
  const seed = (raw: string) => `localStorage.setItem(${JSON.stringify(CART_KEY)}, ${JSON.stringify(raw)});`;
  const times = () => ({ element: [] as number[], plain: [] as number[] });
  const out = { first: times(), firstScript: times(), next: times(), nextScript: times() };
  for (let i = 0; i < PAGES; i++) {
    for (const side of i % 2 ? (['plain', 'element'] as const) : (['element', 'plain'] as const)) {
      const context = await browser.newContext();
      await context.addInitScript(seed(saved));
      const first = await coldPage(context, side); // a first visit: nothing cached
      const next = await coldPage(context, side); // the next page: scripts in the HTTP cache
      await context.close();
      out.first[side].push(first.navigation);
      out.firstScript[side].push(first.script);
      out.next[side].push(next.navigation);
      out.nextScript[side].push(next.script);
    }
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

const FIGURES = [
  ['cart', `<till-cart>, ${CART_LINES} lines, first render (warm)`],
  ['first', `<till-cart>, ${CART_LINES} lines, fresh page, first visit: navigation → render`],
  ['firstScript', `<till-cart>, ${CART_LINES} lines, fresh page, first visit: first script → render`],
  ['next', `<till-cart>, ${CART_LINES} lines, fresh page, next page (scripts cached): navigation → render`],
  ['nextScript', `<till-cart>, ${CART_LINES} lines, fresh page, next page (scripts cached): first script → render`],
  ['update', `<till-cart>, ${BIG_CART} lines, one quantity change`],
  ['products', `<till-product-list>, ${PRODUCTS} products, from the API's answer to the cards (warm)`],
  [
    'productsTotal',
    `<till-product-list>, ${PRODUCTS} products, from its creation (its loading state, the API's 50 ms) to the cards`,
  ],
] as const;

const runs: Record<string, { element: number; plain: number; ratio: number }>[] = [];
console.log(
  `Chromium, CPU throttled ${THROTTLE}×, ${RUNS} runs (a new browser each): warm ${ROUNDS} rounds a side, cold ${PAGES} pages a side${LATENCY ? `, ${LATENCY} ms per request on the cold pages` : ''}`,
);
console.log(
  `load before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} CPUs`,
);
for (let run = 0; run < RUNS; run++) {
  const browser = await launchChromium();
  try {
    const found: Record<string, Times> = await warm(browser);
    if (!args.only || args.only.includes('cold')) Object.assign(found, await cold(browser));
    const figures: (typeof runs)[number] = {};
    for (const [name, times] of Object.entries(found)) {
      if (times.mismatch) {
        console.error(`${name}: the element and the baseline render different DOM:`, times.mismatch);
        process.exitCode = 1;
      }
      const element = median(times.element);
      const plain = median(times.plain);
      // Each round's element and plain samples are taken one right after the other: the ratio is the
      // median of those pairs' ratios, which a change in the machine's load during the run moves least.
      const ratio = median(times.element.map((time, i) => time / times.plain[i]!));
      figures[name] = { element, plain, ratio };
    }
    runs.push(figures);
    console.log(
      `run ${run + 1}: ${FIGURES.filter(([n]) => figures[n])
        .map(([n]) => `${n} ${ms(figures[n]!.element)} / ${ms(figures[n]!.plain)} = ${figures[n]!.ratio.toFixed(2)}×`)
        .join('; ')}`,
    );
  } finally {
    await browser.close();
  }
}
server.close();

const spread = (xs: number[], format: (x: number) => string) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `${format(sorted[0]!)} / ${format(median(sorted))} / ${format(sorted.at(-1)!)}`;
};
console.log(
  `\nmin / median / max over ${RUNS} runs (each run's medians; the ratio: each run's median of its paired samples' ratios):\n`,
);
console.log('| what | element | plain DOM, same markup and CSS | ratio |');
console.log('| --- | --- | --- | --- |');
for (const [name, label] of FIGURES) {
  const rows = runs.map((r) => r[name]).filter((r) => r !== undefined);
  if (!rows.length) continue;
  console.log(
    `| ${label} | ${spread(
      rows.map((r) => r.element),
      ms,
    )} | ${spread(
      rows.map((r) => r.plain),
      ms,
    )} | ${spread(
      rows.map((r) => r.ratio),
      (x) => `${x.toFixed(2)}×`,
    )} |`,
  );
}
console.log(
  `\nload after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
