/**
 * Stable ascending radix sorts of NaN-free doubles (LSD, on their IEEE-754 bits).
 *
 * Why not `indices.sort((a, b) => v[a] - v[b])`: a comparator sort of 1M indices takes
 * several hundred ms in V8, while this takes a few tens of ms and allocates only typed arrays.
 */

// Little-endian views of one double; every engine the app runs on is little-endian.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = 0;
const HI = 1;

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;
/** 64 key bits in 11-bit digits: shifts within the low word, the straddling digit, the high word. */
const PASSES = 6;

/**
 * Work arrays of a radix sort, kept for the next sort. New memory is dear: on the bench machine
 * Chromium pays about 3 ms per MB the first time a new array is written, against 0.05 ms per MB
 * after (`memory.new_memory_*` in bench/results), and a 12-month panel sorts one column per period
 * in a row — 24 MB of work arrays per 1M values, each time. One sort at a time per instance.
 */
export class RadixBuffers {
  /** keyHi, keyLo, index, and the same three again as the scatter targets of each pass. */
  private arrays: Uint32Array[] = [];

  /** Six arrays of at least `n` entries (contents unspecified). */
  take(n: number): Uint32Array[] {
    if ((this.arrays[0]?.length ?? -1) < n) this.arrays = Array.from({ length: 6 }, () => new Uint32Array(n));
    return this.arrays;
  }
}

/** Writes the unsigned key of `v` (integer order = numeric order; -0 as +0) at `at`. */
export function putKey(keyHi: Uint32Array, keyLo: Uint32Array, at: number, v: number): void {
  // Flip all bits of negatives, set the sign bit of non-negatives.
  f64[0] = v === 0 ? 0 : v;
  const hi = u32[HI] as number;
  const lo = u32[LO] as number;
  if (hi >>> 31) {
    keyHi[at] = ~hi >>> 0;
    keyLo[at] = ~lo >>> 0;
  } else {
    keyHi[at] = (hi | 0x80000000) >>> 0;
    keyLo[at] = lo;
  }
}

/** The doubles of sorted keys `[0, n)` (the inverse of `putKey`), into a new array. */
export function keysToDoubles(keyHi: Uint32Array, keyLo: Uint32Array, n: number): Float64Array {
  const out = new Float64Array(n);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const hi = keyHi[i] as number;
    const lo = keyLo[i] as number;
    if (hi >>> 31) {
      words[2 * i] = lo;
      words[2 * i + 1] = (hi & 0x7fffffff) >>> 0;
    } else {
      words[2 * i] = ~lo >>> 0;
      words[2 * i + 1] = ~hi >>> 0;
    }
  }
  return out;
}

/** Where a sort's result lies: one of the two sets of arrays it was given. */
export interface SortedKeys {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  /** The indexes, permuted along (absent when the sort was given none). */
  readonly index?: Uint32Array;
}

/**
 * Sorts keys `[0, n)` of `bufs` (from `RadixBuffers.take`: keyHi, keyLo, index, then the
 * scatter targets), stably, carrying the index array along when `withIndex`.
 */
export function sortKeys(bufs: readonly Uint32Array[], n: number, withIndex: boolean): SortedKeys {
  let [keyHi, keyLo, idx, outHi, outLo, outIdx] = bufs as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  if (n >= 2) {
    // One histogram per pass, all from a single read of the keys.
    const counts = new Uint32Array(PASSES * BUCKETS);
    for (let i = 0; i < n; i++) {
      const hi = keyHi[i] as number;
      const lo = keyLo[i] as number;
      for (let p = 0; p < PASSES; p++) {
        const d = digitOf(hi, lo, p);
        counts[p * BUCKETS + d] = (counts[p * BUCKETS + d] as number) + 1;
      }
    }
    const offsets = new Uint32Array(BUCKETS);
    for (let p = 0; p < PASSES; p++) {
      const base = p * BUCKETS;
      // A digit shared by all keys (e.g. the exponent bits of values of one magnitude) sorts nothing.
      let trivial = false;
      let sum = 0;
      for (let d = 0; d < BUCKETS; d++) {
        const c = counts[base + d] as number;
        if (c === n) trivial = true;
        offsets[d] = sum;
        sum += c;
      }
      if (trivial) continue;
      for (let i = 0; i < n; i++) {
        const hi = keyHi[i] as number;
        const lo = keyLo[i] as number;
        const d = digitOf(hi, lo, p);
        const at = offsets[d] as number;
        offsets[d] = at + 1;
        outHi[at] = hi;
        outLo[at] = lo;
        if (withIndex) outIdx[at] = idx[i] as number;
      }
      if (withIndex) [idx, outIdx] = [outIdx, idx];
      [keyHi, outHi] = [outHi, keyHi];
      [keyLo, outLo] = [outLo, keyLo];
    }
  }
  return withIndex ? { hi: keyHi, lo: keyLo, index: idx } : { hi: keyHi, lo: keyLo };
}

/**
 * Returns `order` such that `values[order[0]] <= values[order[1]] <= ...`; equal values keep
 * their input order. -0 sorts with +0. Values must not be NaN (callers drop them first).
 */
export function argsortFloat64(values: Float64Array): Uint32Array {
  const n = values.length;
  const bufs = new RadixBuffers().take(n);
  for (let i = 0; i < n; i++) {
    putKey(bufs[0]!, bufs[1]!, i, values[i] as number);
    bufs[2]![i] = i;
  }
  return sortKeys(bufs, n, true).index!;
}

function digitOf(hi: number, lo: number, pass: number): number {
  switch (pass) {
    case 0:
      return lo & MASK;
    case 1:
      return (lo >>> 11) & MASK;
    case 2:
      // Bits 22..32: the top 10 bits of the low word and the lowest bit of the high word.
      return ((lo >>> 22) | ((hi & 1) << 10)) & MASK;
    case 3:
      return (hi >>> 1) & MASK;
    case 4:
      return (hi >>> 12) & MASK;
    default:
      return (hi >>> 23) & MASK;
  }
}
