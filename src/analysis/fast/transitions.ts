import { checkLadder, type BoundInput } from './bounds';
import { RadixBuffers } from './argsort';
import { SortedColumn } from './sorted-column';
import { PointIndex } from './wavelet-matrix';

/**
 * Two-period tier migration counts. With T tier buckets (see `matrix`), rows are the period-0
 * bucket and columns the period-1 bucket:
 *   rows    0..T-1 tiers, T = unrated, T+1 = "(new)"  (only in period 1)
 *   columns 0..T-1 tiers, T = unrated, T+1 = "(gone)" (only in period 0)
 * counts[T+1][T+1] is always 0.
 */
export interface TransitionMatrix {
  /** Tier buckets T (bounds + 1, or bounds when `belowIsUnrated`). */
  readonly tiers: number;
  /** (T+2) × (T+2) customer counts, `counts[from][to]`. */
  readonly counts: number[][];
}

export interface TransitionInput {
  /** Period-0 value of customers present in both periods (NaN = unrated then). */
  readonly v0: Float64Array;
  /** Period-1 value of the same customers, same order. */
  readonly v1: Float64Array;
  /** Period-0 value of customers only in period 0. */
  readonly onlyFrom: Float64Array;
  /** Period-1 value of customers only in period 1. */
  readonly onlyTo: Float64Array;
}

export interface MatrixOptions {
  /**
   * Values below the last bound are unrated rather than a bottom tier (e.g. star points,
   * whose lowest tier is `> 0`): the bucket below the last bound is folded into unrated.
   */
  readonly belowIsUnrated?: boolean;
}

/**
 * Exact transition matrix for any ladder in O(k² log n): a wavelet matrix over customers
 * rated in both periods (k+1 tiers → (k+1)² rectangles, from (k+1)·(k+1) dominance counts)
 * and sorted columns for the one-sided groups (rated in one period only, new, gone).
 */
export class TransitionIndex {
  private constructor(
    private readonly both: PointIndex,
    /** Rated in period 0, unrated in period 1. */
    private readonly fromOnlyRated: SortedColumn,
    /** Unrated in period 0, rated in period 1. */
    private readonly toOnlyRated: SortedColumn,
    /** Unrated in both periods. */
    private readonly neitherRated: number,
    private readonly gone: SortedColumn,
    private readonly fresh: SortedColumn,
  ) {}

  static build(input: TransitionInput): TransitionIndex {
    const { v0, v1 } = input;
    if (v0.length !== v1.length) throw new RangeError(`v0 has ${v0.length} entries, v1 has ${v1.length}`);
    let nBoth = 0;
    let nFrom = 0;
    let nTo = 0;
    for (let i = 0; i < v0.length; i++) {
      const a = !Number.isNaN(v0[i] as number);
      const b = !Number.isNaN(v1[i] as number);
      if (a && b) nBoth++;
      else if (a) nFrom++;
      else if (b) nTo++;
    }
    const x = new Float64Array(nBoth);
    const y = new Float64Array(nBoth);
    const fromOnly = new Float64Array(nFrom);
    const toOnly = new Float64Array(nTo);
    for (let i = 0, j = 0, f = 0, t = 0; i < v0.length; i++) {
      const a = v0[i] as number;
      const b = v1[i] as number;
      if (!Number.isNaN(a) && !Number.isNaN(b)) {
        x[j] = a;
        y[j++] = b;
      } else if (!Number.isNaN(a)) fromOnly[f++] = a;
      else if (!Number.isNaN(b)) toOnly[t++] = b;
    }
    // The four sorts run one after another on the same work arrays (see RadixBuffers).
    const countOnly = { sums: false, buffers: new RadixBuffers() } as const;
    return new TransitionIndex(
      PointIndex.build(x, y),
      SortedColumn.build(fromOnly, undefined, countOnly),
      SortedColumn.build(toOnly, undefined, countOnly),
      v0.length - nBoth - nFrom - nTo,
      SortedColumn.build(input.onlyFrom, undefined, countOnly),
      SortedColumn.build(input.onlyTo, undefined, countOnly),
    );
  }

  /** Typed-array bytes held. */
  get memoryBytes(): number {
    return this.both.memoryBytes + this.fromOnlyRated.memoryBytes + this.toOnlyRated.memoryBytes + this.gone.memoryBytes + this.fresh.memoryBytes;
  }

  /**
   * Counts for the ladder `bounds` (best tier first, inclusive unless `{ value, strict: true }`,
   * same rules as `SortedColumn.ladder`). Throws RangeError when bounds do not decrease.
   */
  matrix(bounds: readonly BoundInput[], options: MatrixOptions = {}): TransitionMatrix {
    checkLadder(bounds);
    const k = bounds.length;
    const buckets = k + 1; // before folding
    const p = this.both;
    // Cut positions ascending: 0, cut(b_{k-1}), ..., cut(b_0), n. Bucket i spans
    // [xc[k-i], xc[k-i+1]) in x order; the same for y ranks.
    const xc = new Array<number>(buckets + 1);
    const yc = new Array<number>(buckets + 1);
    xc[0] = 0;
    yc[0] = 0;
    for (let i = 0; i < k; i++) {
      xc[k - i] = p.xCut(bounds[i] as BoundInput);
      yc[k - i] = p.yCut(bounds[i] as BoundInput);
    }
    xc[buckets] = p.size;
    yc[buckets] = Number.MAX_SAFE_INTEGER; // every rank is below it
    // dom[a][b] = points with x position < xc[a] and y rank < yc[b].
    const dom: number[][] = [];
    for (let a = 0; a <= buckets; a++) {
      const row = new Array<number>(buckets + 1);
      for (let b = 0; b <= buckets; b++) row[b] = a === 0 || b === 0 ? 0 : p.countBelowCuts(xc[a] as number, yc[b] as number);
      dom.push(row);
    }
    const size = buckets + 2;
    const U = buckets;
    const E = buckets + 1; // (new) row / (gone) column
    const m: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    for (let from = 0; from < buckets; from++) {
      const a = k - from; // ascending cut index of this bucket's lower edge
      const lo = dom[a] as number[];
      const hi = dom[a + 1] as number[];
      const rowOut = m[from] as number[];
      for (let to = 0; to < buckets; to++) {
        const b = k - to;
        // Inclusion–exclusion of four dominance counts gives the rectangle.
        rowOut[to] = (hi[b + 1] as number) - (lo[b + 1] as number) - (hi[b] as number) + (lo[b] as number);
      }
    }
    // One-sided groups: a single ladder each.
    const fill = (col: SortedColumn, put: (bucket: number, count: number) => void) => {
      const r = col.ladder(bounds);
      for (let i = 0; i < buckets; i++) put(i, r.counts[i] as number);
      return r.missing;
    };
    fill(this.fromOnlyRated, (i, c) => ((m[i] as number[])[U] = c));
    fill(this.toOnlyRated, (i, c) => ((m[U] as number[])[i] = c));
    (m[U] as number[])[U] = this.neitherRated;
    const goneUnrated = fill(this.gone, (i, c) => ((m[i] as number[])[E] = c));
    (m[U] as number[])[E] = goneUnrated;
    const newUnrated = fill(this.fresh, (i, c) => ((m[E] as number[])[i] = c));
    (m[E] as number[])[U] = newUnrated;
    return options.belowIsUnrated ? foldBelow(m, k) : { tiers: buckets, counts: m };
  }
}

/** Merges row/column `below` (index k) into unrated (index k+1), shrinking the matrix by one. */
function foldBelow(m: number[][], k: number): TransitionMatrix {
  // Old index k (below) and k+1 (unrated) both become the new unrated index k.
  const target = (i: number) => (i > k ? i - 1 : i);
  const size = m.length - 1;
  const out: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < m.length; i++) {
    for (let j = 0; j < m.length; j++) {
      const row = out[target(i)] as number[];
      row[target(j)] = (row[target(j)] as number) + ((m[i] as number[])[j] as number);
    }
  }
  return { tiers: k, counts: out };
}
