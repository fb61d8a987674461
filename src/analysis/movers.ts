import type { BoundInput } from './fast';
import type { SortedColumn } from './fast/sorted-column';

export interface MoverTotals {
  /** Customers whose tier is better under the new ladder than the saved one. */
  readonly up: number;
  readonly down: number;
  readonly upCents: number;
  readonly downCents: number;
  /** Movements by (saved tier index → new tier index); index k = below every bound. */
  readonly cells: readonly { readonly from: number; readonly to: number; readonly count: number; readonly cents: number }[];
}

/**
 * Who moves, and how much amount moves, when a ladder's bounds change from `saved` to `next`
 * — exactly, from one sorted column: the union of both ladders' cut indexes splits the sorted
 * values into runs whose tier is constant under both, so each run is one range query.
 * O(k log n): fast enough to follow a slider.
 */
export function ladderMovers(column: SortedColumn, saved: readonly BoundInput[], next: readonly BoundInput[]): MoverTotals {
  const cutsA = saved.map((b) => column.cutIndex(b));
  const cutsB = next.map((b) => column.cutIndex(b));
  const bucket = (cuts: number[], j: number) => {
    for (let i = 0; i < cuts.length; i++) if (j >= cuts[i]!) return i;
    return cuts.length;
  };
  const points = [...new Set([0, column.size, ...cutsA, ...cutsB])].sort((a, b) => a - b);
  let up = 0;
  let down = 0;
  let upCents = 0;
  let downCents = 0;
  const cells = new Map<string, { from: number; to: number; count: number; cents: number }>();
  for (let s = 0; s + 1 < points.length; s++) {
    const a = points[s]!;
    const b = points[s + 1]!;
    if (a === b) continue;
    const from = bucket(cutsA, a);
    const to = bucket(cutsB, a);
    if (from === to) continue;
    const { count, cents } = column.byIndex(a, b);
    // Tier 0 is the best: a smaller index under the new ladder is an upgrade.
    if (to < from) {
      up += count;
      upCents += cents;
    } else {
      down += count;
      downCents += cents;
    }
    const key = `${from}>${to}`;
    const c = cells.get(key) ?? { from, to, count: 0, cents: 0 };
    cells.set(key, { from, to, count: c.count + count, cents: c.cents + cents });
  }
  return { up, down, upCents, downCents, cells: [...cells.values()] };
}
