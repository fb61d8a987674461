/**
 * Exact cent totals of a sorted column's amounts over any index range. A running total is kept
 * every BLOCK values and the rest of a range is added up when asked (fewer than BLOCK additions):
 * 1/64 of a full prefix array's memory — a 12-month panel's ladders held 96 MB of prefix sums,
 * new memory that costs time to get in the page as well as room.
 *
 * Amounts are integer cents (`Math.round(a * 100)`) summed in doubles, so every total is an exact
 * integer while the running total stays below 2^53 cents (`exact`). NaN and ±Infinity add nothing.
 */
const SHIFT = 6;
const BLOCK = 1 << SHIFT;

const centsOf = (a: number) => (Number.isFinite(a) ? Math.round(a * 100) : 0);

export class CentSums {
  private constructor(
    /** The amounts, in the column's sorted order (the sorted values themselves when they are the amounts). */
    private readonly amounts: Float64Array,
    /** blocks[b] = cents of the first b·BLOCK amounts. */
    private readonly blocks: Float64Array,
    /** False when some running total exceeded 2^53 cents, so totals may be off. */
    readonly exact: boolean,
  ) {}

  static build(amounts: Float64Array): CentSums {
    const m = amounts.length;
    const blocks = new Float64Array((m >>> SHIFT) + 1);
    let s = 0;
    let abs = 0;
    for (let i = 0; i < m; i++) {
      if ((i & (BLOCK - 1)) === 0) blocks[i >>> SHIFT] = s;
      const c = centsOf(amounts[i]!);
      s += c;
      abs += Math.abs(c);
    }
    if ((m & (BLOCK - 1)) === 0) blocks[m >>> SHIFT] = s;
    return new CentSums(amounts, blocks, abs <= Number.MAX_SAFE_INTEGER);
  }

  /** Cents of the first `i` amounts. */
  prefix(i: number): number {
    let s = this.blocks[i >>> SHIFT]!;
    for (let j = (i >>> SHIFT) << SHIFT; j < i; j++) s += centsOf(this.amounts[j]!);
    return s;
  }

  /** Cents of the amounts at indexes `[a, b)`. */
  range(a: number, b: number): number {
    return this.prefix(b) - this.prefix(a);
  }

  /** Typed-array bytes held beyond `values` (the column's sorted values, when they are the amounts). */
  bytesBeyond(values: Float64Array): number {
    return this.blocks.byteLength + (this.amounts === values ? 0 : this.amounts.byteLength);
  }
}
