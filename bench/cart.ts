// How long pricing a 10,000-line cart takes, exactly (src/core summarize), next to a plain float loop
// over the same lines in the same process. Run: npm run bench:cart
import { summarize, type PricingLine } from '../src/core/index.ts';

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
