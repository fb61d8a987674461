/**
 * Build time, memory and per-query latency of the fast threshold structures at 1M customers.
 * Run: npx tsx bench/fast-structures.ts
 *
 * Data: lognormal AUM-like amounts in cents precision, 2% NaN; period 1 drifts from period 0;
 * 2% of customers only in one period. Queries: 10,000 random threshold sets each.
 */
import { QuadrantIndex } from '../src/analysis/fast/quadrant';
import { SortedColumn } from '../src/analysis/fast/sorted-column';
import { TransitionIndex } from '../src/analysis/fast/transitions';
import { PointIndex } from '../src/analysis/fast/wavelet-matrix';

const N = 1_000_000;
const QUERIES = 10_000;
const WARMUP = 2_000;

// mulberry32, seeded so runs are comparable.
let seed = 12345;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
const lognormal = () => Math.round(Math.exp(11 + 1.6 * gauss()) * 100) / 100;
const column = (n: number, nanShare: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => (rnd() < nanShare ? NaN : f(i)));

/** Four descending inclusive bounds = a 5-tier ladder, drawn from the data's distribution. */
const ladderBounds = () => [lognormal(), lognormal(), lognormal(), lognormal()].sort((a, b) => b - a);

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

function latency(name: string, query: () => unknown): string {
  (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: start clean of build garbage
  for (let i = 0; i < WARMUP; i++) query();
  const us = new Float64Array(QUERIES);
  let sink = 0;
  for (let i = 0; i < QUERIES; i++) {
    const t = performance.now();
    const r = query();
    us[i] = (performance.now() - t) * 1000;
    if (r) sink++;
  }
  us.sort();
  const q = (p: number) => (us[Math.min(QUERIES - 1, Math.floor(p * QUERIES))] as number).toFixed(1).padStart(6);
  // Max is usually a GC pause or another process, not the structure; p99.9 shows the tail.
  return `${name.padEnd(36)} p50 ${q(0.5)}  p95 ${q(0.95)}  p99 ${q(0.99)}  p99.9 ${q(0.999)}  max ${q(1)} µs${sink < 0 ? '!' : ''}`;
}

/** Cold build (first call, JIT not warm: what the app sees once) and a warm rebuild. */
function report<T extends { memoryBytes: number }>(name: string, build: () => T): T {
  const [, cold] = time(build);
  const [s, warm] = time(build);
  const mb = (s.memoryBytes / 2 ** 20).toFixed(1);
  console.log(`${name.padEnd(36)} build cold ${cold.toFixed(0).padStart(4)} ms, warm ${warm.toFixed(0).padStart(4)} ms   held ${mb.padStart(5)} MB`);
  return s;
}

console.log(`node ${process.version}, ${N.toLocaleString('en')} customers, ${QUERIES.toLocaleString('en')} queries each\n`);

const aum = column(N, 0.02, lognormal);
const deposits = column(N, 0, () => lognormal());
const v1 = aum.map((v) => (Number.isNaN(v) || rnd() < 0.01 ? NaN : rnd() < 0.3 ? v : Math.round(v * Math.exp(0.3 * gauss()) * 100) / 100));
const onlyFrom = column(20_000, 0.02, lognormal);
const onlyTo = column(20_000, 0.02, lognormal);
const y = aum.map((v) => (Number.isNaN(v) || rnd() < 0.01 ? NaN : Math.round(v * Math.exp(gauss()) * 0.1 * 100) / 100));

console.log('— build —');
const col = report('SortedColumn (values = amounts)', () => SortedColumn.build(aum));
const colAmt = report('SortedColumn (separate amounts)', () => SortedColumn.build(aum, deposits));
const both = aum.map((v, i) => (Number.isNaN(v) || Number.isNaN(y[i] as number) ? NaN : v));
const px = both.filter((v) => !Number.isNaN(v));
const py = y.filter((_, i) => !Number.isNaN(both[i] as number));
const points = report(`PointIndex (${px.length} pts)`, () => PointIndex.build(px, py));
const quad = report('QuadrantIndex', () => QuadrantIndex.build(aum, y));
const trans = report('TransitionIndex (1M + 2×20k)', () => TransitionIndex.build({ v0: aum, v1, onlyFrom, onlyTo }));
const bits = (px.length * Math.ceil(Math.log2(new Set(py).size))) / 8 / 2 ** 20;
console.log(`  PointIndex = wavelet bits n·⌈log2 σ⌉ ${bits.toFixed(1)} MB + 12.5% rank directory, x keys 8 B/point, distinct y 8 B/value`);

console.log('\n— queries (µs) —');
const pool = Array.from({ length: 4096 }, ladderBounds);
let k = 0;
const nextBounds = () => pool[k++ & 4095] as number[];
console.log(latency('ladder 5 tiers, counts + cents', () => col.ladder(nextBounds())));
console.log(latency('ladder 5 tiers, separate amounts', () => colAmt.ladder(nextBounds())));
console.log(latency('countRect (random rectangle)', () => {
  const [a, b, c, d] = nextBounds() as [number, number, number, number];
  return points.countRect(c, a, d, b);
}));
console.log(latency('quadrant counts', () => {
  const [a, , b] = nextBounds() as [number, number, number, number];
  return quad.counts(a, b / 10);
}));
console.log(latency('transition matrix 5×5 (+unr/new/gone)', () => trans.matrix(nextBounds())));
