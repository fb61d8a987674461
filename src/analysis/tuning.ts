import type { Table } from 'apache-arrow';
import { float64Column, gather, int32Column, vector } from './extraction-columns';
import { QuadrantIndex, SortedColumn, TransitionIndex, type BoundInput } from './fast';
import { RadixBuffers } from './fast/argsort';
import { groupCodes } from './fast/group-codes';
import { NEW, GONE, type TransitionCell } from './migration';
import { amountColumnOf, type TierCount } from './tier-distribution';
import { fixedTiers } from './tuning-sql';
import { tiersOf, UNRATED, type LadderScheme, type QuadrantScheme } from '../schemes/types';

/**
 * Tuners answer "what if the thresholds were these?" from columns extracted once (see
 * tuning-sql.ts) — exactly, in microseconds — so a slider drag never waits on a query.
 * The plain SQL path stays the reference they are tested against.
 */

type Fixed = Map<string, { customers: number; cents: number }>;

/**
 * Threshold-independent tiers (overrides, unrated) counted once: `fixed[k]` is row k's code
 * (0: none; k ≥ 1: `tiers[k - 1]`, see `fixedTiers`), `amounts[k]` its amount.
 */
function fixedCounts(tiers: readonly string[], fixed: Int32Array, amounts?: Float64Array): Fixed {
  const out: Fixed = new Map();
  for (let k = 0; k < fixed.length; k++) {
    const code = fixed[k]!;
    if (code === 0) continue;
    const tier = tiers[code - 1];
    if (tier === undefined) throw new Error(`extraction result has fixed tier code ${code} of ${tiers.length}`);
    const c = out.get(tier) ?? { customers: 0, cents: 0 };
    c.customers++;
    // Amounts of unrated rows are not part of any tier's total (as in the SQL path).
    const a = amounts?.[k];
    if (tier !== UNRATED.id && a !== undefined && Number.isFinite(a)) c.cents += Math.round(a * 100);
    out.set(tier, c);
  }
  return out;
}

const toBound = (b: LadderScheme['bounds'][number]): BoundInput => ({ value: b.min, strict: b.inclusive === false });

/** One period of a ladder scheme. */
export class LadderTuner {
  private constructor(
    private readonly scheme: LadderScheme,
    /** The on-ladder values, sorted (for histograms, sensitivity, movers). */
    readonly column: SortedColumn,
    private readonly fixed: Fixed,
    private readonly hasAmount: boolean,
  ) {}

  /** From the result of `ladderInputsQuery`. */
  static fromTable(scheme: LadderScheme, table: Table): LadderTuner {
    const n = table.numRows;
    return LadderTuner.fromRows(scheme, float64Column(table, 'v'), int32Column(table, 'fixed'), new Float64Array(n));
  }

  /**
   * From one tuner's rows: `v`, the metric; `fixed`, the fixed-tier codes; `values`, an array of
   * the same length to use (the ladder's values: `v` where no tier is fixed); `buffers`, sort work
   * arrays shared by a table's groups.
   */
  private static fromRows(scheme: LadderScheme, v: Float64Array, fixed: Int32Array, values: Float64Array, buffers?: RadixBuffers): LadderTuner {
    let any = false;
    for (let k = 0; k < v.length; k++) {
      values[k] = fixed[k] === 0 ? v[k]! : NaN;
      if (!Number.isNaN(v[k]!)) any = true;
    }
    // A metric that is an amount (AUM) is also what each tier sums, override tiers included.
    const amounts = amountColumnOf(scheme) !== undefined && any ? v : undefined;
    const column = SortedColumn.build(values, amounts, { buffers });
    return new LadderTuner(scheme, column, fixedCounts(fixedTiers(scheme), fixed, amounts), amounts !== undefined);
  }

  /** One tuner per value of a grouping column (e.g. per branch), from one extraction. */
  static byGroup(scheme: LadderScheme, table: Table, group: string, emptyLabel = '—'): Map<string, LadderTuner> {
    const g = table.getChild(group);
    if (!g) throw new Error(`extraction result has no column "${group}"`);
    const { codes, keys } = groupCodes(g);
    return LadderTuner.grouped(scheme, table, codes, keys.map((k) => k ?? emptyLabel));
  }

  /**
   * One tuner per label, the group column holding each row's 1-based position in `labels`
   * (NULL: no group; see `ladderInputsQuery` with `allPeriods`).
   */
  static byNumberedGroup(scheme: LadderScheme, table: Table, group: string, labels: readonly string[]): Map<string, LadderTuner> {
    // Code labels.length stands for "no group" (NULL, or a position not in the list: no tuner).
    const codes = int32Column(table, group);
    for (let i = 0; i < codes.length; i++) {
      const n = codes[i]!;
      codes[i] = n >= 1 && n <= labels.length ? n - 1 : labels.length;
    }
    return LadderTuner.grouped(scheme, table, codes, [...labels, null]);
  }

  /** Tuners of the rows of each code (`keys[code]` names the group; null: rows left out), from one extraction. */
  private static grouped(scheme: LadderScheme, table: Table, codes: Int32Array, keys: readonly (string | null)[]): Map<string, LadderTuner> {
    // Row numbers grouped by code (a counting sort): one Int32Array, a view per group.
    const start = new Int32Array(keys.length + 1);
    for (let i = 0; i < codes.length; i++) start[codes[i]! + 1]!++;
    let largest = 0;
    for (let c = 0; c < keys.length; c++) {
      if (keys[c] !== null) largest = Math.max(largest, start[c + 1]!);
      start[c + 1]! += start[c]!;
    }
    const next = start.slice(0, keys.length);
    const order = new Int32Array(codes.length);
    for (let i = 0; i < codes.length; i++) order[next[codes[i]!]!++] = i;
    // Each group's rows are gathered into the same three arrays, straight from the result's
    // chunks, and the groups' sorts share work arrays: fresh memory costs more than the copying
    // (see RadixBuffers), and a whole 12M-row column as one array would be 96 MB of it.
    const v = vector(table, 'v');
    const fixed = vector(table, 'fixed');
    const raw = new Float64Array(largest);
    const values = new Float64Array(largest);
    const fixedCodes = new Int32Array(largest);
    const buffers = new RadixBuffers();
    const out = new Map<string, LadderTuner>();
    keys.forEach((k, c) => {
      if (k === null) return;
      const rows = order.subarray(start[c]!, start[c + 1]!);
      const n = rows.length;
      gather(v, rows, raw, NaN);
      gather(fixed, rows, fixedCodes);
      out.set(k, LadderTuner.fromRows(scheme, raw.subarray(0, n), fixedCodes.subarray(0, n), values.subarray(0, n), buffers));
    });
    return out;
  }

  /** Tier counts (and amounts, to the cent) under `bounds` — the scheme's own when omitted. */
  counts(bounds: LadderScheme['bounds'] = this.scheme.bounds): TierCount[] {
    const ladder = this.column.ladder(bounds.map(toBound));
    const byTier = new Map<string, { customers: number; cents: number }>();
    const add = (tier: string, customers: number, cents: number) => {
      const c = byTier.get(tier) ?? { customers: 0, cents: 0 };
      byTier.set(tier, { customers: c.customers + customers, cents: c.cents + cents });
    };
    bounds.forEach((b, i) => add(b.tier, ladder.counts[i]!, ladder.cents[i]!));
    const last = bounds.length;
    add(this.scheme.below ?? UNRATED.id, ladder.counts[last]!, this.scheme.below ? ladder.cents[last]! : 0);
    for (const [tier, c] of this.fixed) add(tier, c.customers, c.cents);
    return tiersOf(this.scheme).map((t) => {
      const c = byTier.get(t.id) ?? { customers: 0, cents: 0 };
      return { tier: t.id, customers: c.customers, amount: this.hasAmount ? c.cents / 100 : 0 };
    });
  }
}

/** Two periods of a ladder scheme (no overrides). */
export class TransitionTuner {
  private constructor(
    private readonly scheme: LadderScheme,
    private readonly index: TransitionIndex,
  ) {}

  /** From the result of `transitionInputsQuery`. */
  static fromTable(scheme: LadderScheme, table: Table): TransitionTuner {
    const grp = table.getChild('grp')!;
    const v0 = float64Column(table, 'v0');
    const v1 = float64Column(table, 'v1');
    const both: number[] = [];
    const from: number[] = [];
    const to: number[] = [];
    const { codes, keys } = groupCodes(grp);
    const lists = keys.map((g) => (g === 'both' ? both : g === 'from' ? from : to));
    for (let i = 0; i < codes.length; i++) lists[codes[i]!]!.push(i);
    const pick = (src: Float64Array, idx: number[]) => Float64Array.from(idx, (i) => src[i]!);
    return new TransitionTuner(scheme, TransitionIndex.build({ v0: pick(v0, both), v1: pick(v1, both), onlyFrom: pick(v0, from), onlyTo: pick(v1, to) }));
  }

  /** Long-form transition counts (non-zero cells) under `bounds`. */
  cells(bounds: LadderScheme['bounds'] = this.scheme.bounds): TransitionCell[] {
    const belowIsUnrated = this.scheme.below === undefined;
    const m = this.index.matrix(bounds.map(toBound), { belowIsUnrated });
    const tiers = [...bounds.map((b) => b.tier), ...(belowIsUnrated ? [] : [this.scheme.below!])];
    // Matrix layout: rows = tiers, unrated, (new); columns = tiers, unrated, (gone). Without a
    // bottom tier, values under the last bound are already folded into unrated.
    const rowIds = [...tiers, UNRATED.id, NEW];
    const colIds = [...tiers, UNRATED.id, GONE];
    const acc = new Map<string, number>();
    m.counts.forEach((row, i) =>
      row.forEach((n, j) => {
        if (n > 0) acc.set(`${rowIds[i]}\u0000${colIds[j]}`, n);
      }),
    );
    return [...acc].map(([k, customers]) => {
      const [from, to] = k.split('\u0000') as [string, string];
      return { from, to, customers };
    });
  }
}

/** One period of a quadrant scheme. */
export class QuadrantTuner {
  private constructor(
    private readonly scheme: QuadrantScheme,
    private readonly index: QuadrantIndex,
    private readonly fixed: Fixed,
    /** The customers on both axes (x[i], y[i]), for scatter samples and the density layer. */
    readonly x: Float64Array,
    readonly y: Float64Array,
  ) {}

  /** From the result of `quadrantInputsQuery`. */
  static fromTable(scheme: QuadrantScheme, table: Table): QuadrantTuner {
    const x = float64Column(table, 'x');
    const y = float64Column(table, 'y');
    const keep: number[] = [];
    for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) keep.push(i);
    return new QuadrantTuner(scheme, QuadrantIndex.build(x, y), fixedCounts(fixedTiers(scheme), int32Column(table, 'fixed')), Float64Array.from(keep, (i) => x[i]!), Float64Array.from(keep, (i) => y[i]!));
  }

  /** Up to `max` customers, evenly spaced through the data (deterministic, for a scatter). */
  sample(max: number): { x: number; y: number }[] {
    const n = this.x.length;
    const step = Math.max(1, n / max);
    const out: { x: number; y: number }[] = [];
    for (let f = 0; f < n && out.length < max; f += step) out.push({ x: this.x[Math.floor(f)]!, y: this.y[Math.floor(f)]! });
    return out;
  }

  /** Customers binned on a grid over the given ranges (x index first), for dense data. */
  density(xEdges: readonly number[], yEdges: readonly number[]): number[][] {
    const counts = Array.from({ length: xEdges.length - 1 }, () => new Array<number>(yEdges.length - 1).fill(0));
    const bin = (edges: readonly number[], v: number) => {
      let lo = 0;
      let hi = edges.length - 1;
      if (v < edges[0]! || v > edges[hi]!) return -1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (v >= edges[mid]!) lo = mid;
        else hi = mid;
      }
      return lo;
    };
    for (let i = 0; i < this.x.length; i++) {
      const a = bin(xEdges, this.x[i]!);
      const b = bin(yEdges, this.y[i]!);
      if (a >= 0 && b >= 0) counts[a]![b]!++;
    }
    return counts;
  }

  /** Tier counts with the axes cut at `xCut` and `yCut` (the scheme's own when omitted). */
  counts(xCut = this.scheme.x.cut, yCut = this.scheme.y.cut): TierCount[] {
    const q = this.index.counts(xCut, yCut);
    const { hh, lh, hl, ll } = this.scheme.cells;
    const byTier = new Map<string, number>();
    const add = (tier: string, n: number) => byTier.set(tier, (byTier.get(tier) ?? 0) + n);
    add(hh, q.hh);
    add(lh, q.lh);
    add(hl, q.hl);
    add(ll, q.ll);
    for (const [tier, c] of this.fixed) add(tier, c.customers);
    return tiersOf(this.scheme).map((t) => ({ tier: t.id, customers: byTier.get(t.id) ?? 0, amount: 0 }));
  }
}
