import os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * A fixed workload timed the same way in every run. This kind of machine's speed drifts by up
 * to 3× between runs, so a figure is only comparable with another run's next to these.
 */
export interface Calibration {
  /** Sorting 2,000,000 seeded random doubles in Node (one thread), best of 3, ms. */
  readonly jsSortMs: number;
  /** Native DuckDB, 1 thread: `sum(hash(i))` over 30,000,000 rows, best of 3, ms. */
  readonly nativeHashMs: number;
}

function seeded(n: number): Float64Array {
  let s = 20261207;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return out;
}

export async function calibrate(): Promise<Calibration> {
  const best = (xs: number[]) => Math.min(...xs);
  const sorts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const a = seeded(2_000_000);
    const t0 = performance.now();
    a.sort();
    sorts.push(performance.now() - t0);
  }
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await db.connect();
  const hashes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await c.runAndReadAll('SELECT sum(hash(i)) FROM range(30000000) t(i)');
    hashes.push(performance.now() - t0);
  }
  c.closeSync();
  db.closeSync();
  return { jsSortMs: best(sorts), nativeHashMs: best(hashes) };
}

/** The 1-minute load average, sampled every `everyMs` through the run. */
export function loadSampler(everyMs = 5000): { stop(): { start: number; mean: number; max: number; end: number; samples: number } } {
  const samples = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), everyMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(os.loadavg()[0]!);
      return { start: samples[0]!, mean: samples.reduce((a, b) => a + b, 0) / samples.length, max: Math.max(...samples), end: samples.at(-1)!, samples: samples.length };
    },
  };
}
