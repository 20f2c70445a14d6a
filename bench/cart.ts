// How long pricing a 10,000-line cart takes, exactly (src/core summarize), next to a plain float loop
// over the same lines in the same process; and what the cart store (src/state/cart) costs when a
// script adds many products in one task, or one quantity changes in a long cart, next to a plain array
// saved once with JSON.stringify. Run: npm run bench:cart
import { summarize, type PricingLine, type Product } from '../src/core/index.ts';
import { createCartStore } from '../src/state/cart/store.ts';
import type { StorageLike } from '../src/state/storage.ts';

const LINES = 10_000;
const ROUNDS = 200;

// A fixed pseudo-random catalogue (mulberry32), so every run prices the same cart.
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(42);
const lines: PricingLine[] = Array.from({ length: LINES }, () => ({
  price: 499 + Math.floor(next() * 2000),
  subProducts: next() < 0.3 ? [{ price: 199 }] : [],
  discount: [0, 0, 0.1, 0.2, 0.5][Math.floor(next() * 5)]!,
  vat: 0.25,
  quantity: 1 + Math.floor(next() * 5),
  currency: 'EUR',
}));

function floatLoop(): number {
  let total = 0;
  for (const line of lines) {
    let unit = line.price / 100;
    for (const sub of line.subProducts ?? []) unit += sub.price / 100;
    total += Math.round(unit * (1 - Number(line.discount)) * line.quantity * 100) / 100;
  }
  return total;
}

function time(run: () => unknown): { median: number; p95: number } {
  for (let i = 0; i < 20; i++) run(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(ROUNDS / 2)]!, p95: samples[Math.floor(ROUNDS * 0.95)]! };
}

const exact = time(() => summarize(lines));
const float = time(floatLoop);
const total = summarize(lines).total;
console.log(`cart of ${LINES} lines, ${ROUNDS} rounds each (node ${process.version})`);
console.log(
  `  summarize (exact, integer minor units): median ${exact.median.toFixed(3)} ms, p95 ${exact.p95.toFixed(3)} ms`,
);
console.log(
  `  float loop (baseline, not exact):       median ${float.median.toFixed(3)} ms, p95 ${float.p95.toFixed(3)} ms`,
);
console.log(`  ratio exact / float: ${(exact.median / float.median).toFixed(1)}×`);
console.log(`  totals: exact ${total} cents, float ${floatLoop().toFixed(2)} EUR`);

// The cart store: adds and quantity changes as a page makes them, saved to a storage that counts what
// it is given (in memory: a browser's localStorage costs more per byte, which makes writes weigh more).
function countingStorage() {
  const saved = new Map<string, string>();
  const counts = { writes: 0, bytes: 0 };
  const storage: StorageLike = {
    getItem: (key) => saved.get(key) ?? null,
    setItem: (key, value) => {
      counts.writes++;
      counts.bytes += value.length;
      saved.set(key, value);
    },
    removeItem: (key) => void saved.delete(key),
  };
  return { storage, counts };
}

const films = (count: number): Product[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `film-${i}`,
    name: `Used DVD number ${i}`,
    price: 499 + ((i * 37) % 1500),
    discount: i % 3 ? 0 : 0.1,
    vat: 0.25,
    currency: 'EUR',
  }));

/** The end of the task's microtasks, where the cart saves what the task changed. */
const endOfTask = () => Promise.resolve();

async function timeAsync(run: () => Promise<unknown>, rounds: number): Promise<number> {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

/** `count` adds in one task, to the end of the task (when the cart has saved), with the summary read. */
async function burst(count: number) {
  const products = films(count);
  let last = { writes: 0, bytes: 0 };
  const store = await timeAsync(async () => {
    const { storage, counts } = countingStorage();
    const cart = createCartStore({ key: 'bench', storage, events: null });
    const stop = cart.$lines.listen(() => {}); // mounted, as an element keeps it
    for (const product of products) cart.add(product);
    cart.$summary.get();
    await endOfTask();
    stop();
    last = counts;
  }, 20);
  // A plain array of the same lines, saved once.
  const plain = await timeAsync(async () => {
    const { storage } = countingStorage();
    const lines: object[] = [];
    for (const p of products) lines.push({ key: p.id, productId: p.id, name: p.name, price: p.price, quantity: 1 });
    storage.setItem('bench', JSON.stringify({ v: 1, lines }));
    await endOfTask();
  }, 20);
  return { store, plain, ...last };
}

/** One quantity change in a cart of `count` lines: the store's set, summary and save. */
async function change(count: number) {
  const { storage, counts } = countingStorage();
  const cart = createCartStore({ key: 'bench', storage, events: null });
  cart.$lines.listen(() => {});
  for (const product of films(count)) cart.add(product);
  await new Promise((resolve) => setTimeout(resolve));
  let round = 0;
  const before = { ...counts };
  const store = await timeAsync(async () => {
    const line = cart.$lines.get()[(round++ * 379) % count]!;
    cart.setQuantity(line.key, line.quantity === 1 ? 2 : 1);
    cart.$summary.get();
    await endOfTask();
  }, 50);
  const writesPerChange = (counts.writes - before.writes) / round;
  const lines = films(count).map((p) => ({ key: p.id, productId: p.id, name: p.name, price: p.price, quantity: 1 }));
  const plain = await timeAsync(async () => {
    const i = (round++ * 379) % count;
    lines[i] = { ...lines[i]!, quantity: lines[i]!.quantity === 1 ? 2 : 1 };
    let total = 0;
    for (const line of lines) total += line.price * line.quantity;
    storage.setItem('plain', JSON.stringify({ v: 1, lines, total }));
    await endOfTask();
  }, 50);
  return { store, plain, writesPerChange };
}

console.log('\ncart store (src/state/cart), median of 20–50 rounds, each to the end of its task:');
for (const count of [50, 1000]) {
  const b = await burst(count);
  console.log(
    `  ${count} adds in one task: ${b.store.toFixed(2)} ms, ${b.writes} storage write(s), ${(b.bytes / 1024).toFixed(1)} KiB written; plain array saved once: ${b.plain.toFixed(2)} ms (${(b.store / b.plain).toFixed(1)}×)`,
  );
}
const c = await change(1000);
console.log(
  `  one quantity change in a 1,000-line cart: ${c.store.toFixed(2)} ms, ${c.writesPerChange} write; plain array re-totalled and saved: ${c.plain.toFixed(2)} ms (${(c.store / c.plain).toFixed(1)}×)`,
);
