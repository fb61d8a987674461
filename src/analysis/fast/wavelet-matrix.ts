import { argsortFloat64 } from './argsort';
import { BitVector, BitVectorBuilder } from './bit-vector';
import { checkThreshold, cutIndex, lowerBound, type BoundInput } from './bounds';

/**
 * Wavelet matrix over a sequence of small non-negative integers (here: y ranks in x order).
 * Answers "how many of positions [l, r) hold a value < c" in O(log sigma) rank operations,
 * which is the building block of every 2-D rectangle count below.
 *
 * Level d (from the top bit down) stores bit d of every value, the sequence being stably
 * re-ordered after each level with zeros first (Claude, Navarro & Ordóñez, 2015).
 */
export class WaveletMatrix {
  private constructor(
    private readonly levels: readonly BitVector[],
    /** zeros[d] = number of zero bits at level d (where the ones' half starts). */
    private readonly zeros: Uint32Array,
    /** Sequence length. */
    readonly length: number,
  ) {}

  /** Builds over `values`, each in [0, sigma). O(n log sigma). */
  static build(values: Uint32Array, sigma: number): WaveletMatrix {
    const n = values.length;
    let bits = 0;
    while (bits < 32 && 2 ** bits < sigma) bits++;
    // One spare slot each: the branch-free partition below may write one past the zeros.
    let cur = new Uint32Array(n + 1);
    cur.set(values);
    let next = new Uint32Array(n + 1);
    const onesBuf = new Uint32Array(n + 1);
    const levels: BitVector[] = [];
    const zeros = new Uint32Array(bits);
    for (let d = 0; d < bits; d++) {
      const shift = bits - 1 - d;
      const builder = new BitVectorBuilder(n);
      // Bits are packed 32 at a time (a per-bit set() would make the build ~2x slower).
      let acc = 0;
      let ones = 0;
      for (let i = 0; i < n; i++) {
        const bit = ((cur[i] as number) >>> shift) & 1;
        ones += bit;
        acc |= bit << (i & 31);
        if ((i & 31) === 31) {
          builder.setWord(i >>> 5, acc);
          acc = 0;
        }
      }
      if (n & 31) builder.setWord(n >>> 5, acc);
      const z = n - ones;
      // Stable partition, zeros first. Branch-free (each value written to both outputs, only
      // one cursor advances) because the bits are random and a branch mispredicts half the time.
      let zi = 0;
      let oi = 0;
      for (let i = 0; i < n; i++) {
        const v = cur[i] as number;
        const bit = (v >>> shift) & 1;
        next[zi] = v;
        onesBuf[oi] = v;
        zi += bit ^ 1;
        oi += bit;
      }
      next.set(onesBuf.subarray(0, oi), z);
      levels.push(builder.finish());
      zeros[d] = z;
      [cur, next] = [next, cur];
    }
    return new WaveletMatrix(levels, zeros, n);
  }

  /** Value at position i. */
  access(i: number): number {
    let v = 0;
    for (let d = 0; d < this.levels.length; d++) {
      const bv = this.levels[d] as BitVector;
      if (bv.get(i)) {
        v = v * 2 + 1;
        i = (this.zeros[d] as number) + bv.rank1(i);
      } else {
        v = v * 2;
        i = bv.rank0(i);
      }
    }
    return v;
  }

  /** Positions in [l, r) whose value is < c. */
  countLess(l: number, r: number, c: number): number {
    if (l >= r || c <= 0) return 0;
    const bits = this.levels.length;
    if (c >= 2 ** bits) return r - l;
    let res = 0;
    for (let d = 0; d < bits; d++) {
      const bv = this.levels[d] as BitVector;
      const l1 = bv.rank1(l);
      const r1 = bv.rank1(r);
      if ((c >>> (bits - 1 - d)) & 1) {
        // Values with a 0 here are all below c; continue among the ones.
        res += r - r1 - (l - l1);
        const z = this.zeros[d] as number;
        l = z + l1;
        r = z + r1;
      } else {
        l -= l1;
        r -= r1;
      }
    }
    return res;
  }

  /** Typed-array bytes held. */
  get memoryBytes(): number {
    return this.levels.reduce((s, b) => s + b.memoryBytes, this.zeros.byteLength);
  }
}

/**
 * Exact 2-D counting over points (x[i], y[i]): points sorted by x, y replaced by its rank
 * among the distinct y values, so any real threshold maps to a position (x) or rank (y) by
 * binary search and ties never straddle a cut.
 */
export class PointIndex {
  private constructor(
    /** x values ascending. */
    private readonly xs: Float64Array,
    /** Distinct y values ascending; rank r stands for distinctY[r]. */
    private readonly distinctY: Float64Array,
    private readonly wm: WaveletMatrix,
  ) {}

  /** Builds from NaN-free coordinates (callers filter). About 0.2–0.4 s for 1M points. */
  static build(x: Float64Array, y: Float64Array): PointIndex {
    const n = x.length;
    if (y.length !== n) throw new RangeError(`x has ${n} entries, y has ${y.length}`);
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(x[i] as number) || Number.isNaN(y[i] as number)) throw new RangeError(`point ${i} has a NaN coordinate`);
    }
    // Dense y ranks: equal values share a rank.
    const yOrder = argsortFloat64(y);
    const yRank = new Uint32Array(n);
    const distinct = new Float64Array(n);
    let sigma = 0;
    for (let i = 0; i < n; i++) {
      const k = yOrder[i] as number;
      const v = y[k] as number;
      if (sigma === 0 || (distinct[sigma - 1] as number) < v) distinct[sigma++] = v;
      yRank[k] = sigma - 1;
    }
    const xOrder = argsortFloat64(x);
    const xs = new Float64Array(n);
    const seq = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const k = xOrder[i] as number;
      xs[i] = x[k] as number;
      seq[i] = yRank[k] as number;
    }
    return new PointIndex(xs, distinct.slice(0, sigma), WaveletMatrix.build(seq, sigma));
  }

  /** Number of points. */
  get size(): number {
    return this.xs.length;
  }

  /** Typed-array bytes held. */
  get memoryBytes(): number {
    return this.xs.byteLength + this.distinctY.byteLength + this.wm.memoryBytes;
  }

  /** Points with xLo <= x < xHi and yLo <= y < yHi; ±Infinity allowed; empty when lo >= hi. */
  countRect(xLo: number, xHi: number, yLo: number, yHi: number): number {
    const x0 = lowerBound(this.xs, checkThreshold(xLo));
    const x1 = lowerBound(this.xs, checkThreshold(xHi));
    const y0 = lowerBound(this.distinctY, checkThreshold(yLo));
    const y1 = lowerBound(this.distinctY, checkThreshold(yHi));
    return this.countCuts(x0, x1, y0, y1);
  }

  /** Position in x order of the first point whose x passes the bound (= points below it). */
  xCut(b: BoundInput): number {
    return cutIndex(this.xs, b);
  }

  /** First y rank passing the bound: points with rank < it are exactly those below it. */
  yCut(b: BoundInput): number {
    return cutIndex(this.distinctY, b);
  }

  /** Points with x position in [x0, x1) and y rank in [y0, y1) (cuts from xCut / yCut). */
  countCuts(x0: number, x1: number, y0: number, y1: number): number {
    if (x0 >= x1 || y0 >= y1) return 0;
    return this.wm.countLess(x0, x1, y1) - this.wm.countLess(x0, x1, y0);
  }

  /** Points with x position < x1 and y rank < y1: one wavelet query (dominance count). */
  countBelowCuts(x1: number, y1: number): number {
    return this.wm.countLess(0, x1, y1);
  }
}
