/** Order statistics for benchmark samples. Nearest-rank percentiles: p95 of 50 samples is the 48th smallest. */

export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly min: number;
  readonly mean: number;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: round(median(samples)),
    p95: round(percentile(samples, 0.95)),
    max: round(samples.length ? Math.max(...samples) : NaN),
    min: round(samples.length ? Math.min(...samples) : NaN),
    mean: round(samples.length ? samples.reduce((s, x) => s + x, 0) / samples.length : NaN),
  };
}

/** Two decimals: enough for ms and MB, and keeps the JSON readable. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function ratio(a: number, b: number): number {
  return b > 0 && Number.isFinite(a) ? round(a / b, 3) : NaN;
}
