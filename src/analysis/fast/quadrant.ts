import type { BoundInput } from './bounds';
import { PointIndex } from './wavelet-matrix';

/** Customers per quadrant; "h" = at or above the cut, "l" = below it (x first, then y). */
export interface QuadrantCounts {
  readonly hh: number;
  readonly lh: number;
  readonly hl: number;
  readonly ll: number;
  /** Customers with x or y missing (NaN), whatever the cuts. */
  readonly unrated: number;
}

/**
 * Quadrant counts for any pair of cuts in two wavelet-matrix queries (O(log n)): only the
 * "both low" corner needs the 2-D structure; the other three follow from marginal counts.
 */
export class QuadrantIndex {
  private constructor(
    private readonly points: PointIndex,
    readonly unrated: number,
  ) {}

  /** Builds from per-customer x and y; NaN in either puts the customer in `unrated`. */
  static build(x: Float64Array, y: Float64Array): QuadrantIndex {
    if (x.length !== y.length) throw new RangeError(`x has ${x.length} entries, y has ${y.length}`);
    let m = 0;
    for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i] as number) && !Number.isNaN(y[i] as number)) m++;
    const px = new Float64Array(m);
    const py = new Float64Array(m);
    for (let i = 0, j = 0; i < x.length; i++) {
      const a = x[i] as number;
      const b = y[i] as number;
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      px[j] = a;
      py[j++] = b;
    }
    return new QuadrantIndex(PointIndex.build(px, py), x.length - m);
  }

  /** Typed-array bytes held. */
  get memoryBytes(): number {
    return this.points.memoryBytes;
  }

  /**
   * Counts with "high" meaning `x >= xCut` / `y >= yCut` (or `>` for `{ value, strict: true }`).
   * ±Infinity cuts are allowed; NaN throws.
   */
  counts(xCut: BoundInput, yCut: BoundInput): QuadrantCounts {
    const p = this.points;
    const xLow = p.xCut(xCut);
    const yLow = p.yCut(yCut);
    const ll = p.countBelowCuts(xLow, yLow);
    const yLowAll = p.countBelowCuts(p.size, yLow);
    const lh = xLow - ll;
    const hl = yLowAll - ll;
    return { hh: p.size - xLow - hl, lh, hl, ll, unrated: this.unrated };
  }
}
