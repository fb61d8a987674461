/**
 * Tier migration between two periods (presets.md "Migration (any scheme, two periods)").
 *
 * SQL delivers long-form transition counts (one row per from/to pair); these pure functions
 * turn them into the matrix, shares, up/down/stay totals and chained Sankey flows the charts
 * and tables need.
 */

/** Row label for customers absent in the earlier period. */
export const NEW = '(new)';
/** Column label for customers absent in the later period. */
export const GONE = '(gone)';

/** One from → to pair of a period step, as SQL returns it (long form). */
export interface TransitionCell {
  /** A tier id of the earlier period, or `(new)` when the customer was absent then. */
  readonly from: string;
  /** A tier id of the later period, or `(gone)` when the customer is absent then. */
  readonly to: string;
  readonly customers: number;
  /** Optional amount carried by these customers (whatever metric/period the query chose). */
  readonly amount?: number;
}

/**
 * A transition matrix with fixed axes: rows `['(new)', ...tierOrder]`, columns
 * `[...tierOrder, '(gone)']`. Both `(new)` and `(gone)` are always present (possibly all zero)
 * so a chart's axes do not jump between periods.
 */
export interface TransitionMatrix {
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  /** `counts[r][c]` = customers from `rows[r]` to `cols[c]`. */
  readonly counts: readonly (readonly number[])[];
  /** `amounts[r][c]` = summed `amount` of that cell (0 when the query gave none). */
  readonly amounts: readonly (readonly number[])[];
  readonly rowTotals: readonly number[];
  readonly colTotals: readonly number[];
  /** All customers present in either period. */
  readonly total: number;
}

function checkTierOrder(tierOrder: readonly string[]): void {
  if (tierOrder.length === 0) throw new Error('Migration: the tier order is empty');
  const seen = new Set<string>();
  for (const t of tierOrder) {
    if (t === NEW || t === GONE) throw new Error(`Migration: "${t}" is reserved and cannot be a tier id`);
    if (seen.has(t)) throw new Error(`Migration: tier "${t}" is listed twice in the tier order`);
    seen.add(t);
  }
}

/**
 * Builds the transition matrix from long-form cells. Missing cells are 0; cells repeating the
 * same pair are added up (a query grouped by more columns, e.g. branch, can be fed directly).
 * Throws on a tier id not in `tierOrder`, on `(new)` used as a destination or `(gone)` as an
 * origin, on `(new) → (gone)` with customers (such a customer is in neither period, so the
 * query is wrong), and on negative or non-finite counts.
 */
export function transitionMatrix(cells: readonly TransitionCell[], tierOrder: readonly string[]): TransitionMatrix {
  checkTierOrder(tierOrder);
  const rows = [NEW, ...tierOrder];
  const cols = [...tierOrder, GONE];
  const rowIndex = new Map(rows.map((t, i) => [t, i]));
  const colIndex = new Map(cols.map((t, i) => [t, i]));
  const counts = rows.map(() => cols.map(() => 0));
  const amounts = rows.map(() => cols.map(() => 0));
  const known = `known: ${tierOrder.join(', ')}`;
  for (const cell of cells) {
    const r = rowIndex.get(cell.from);
    const c = colIndex.get(cell.to);
    if (r === undefined) {
      throw new Error(cell.from === GONE ? `Migration: "${GONE}" cannot be a from-tier` : `Migration: unknown from-tier "${cell.from}" (${known})`);
    }
    if (c === undefined) {
      throw new Error(cell.to === NEW ? `Migration: "${NEW}" cannot be a to-tier` : `Migration: unknown to-tier "${cell.to}" (${known})`);
    }
    if (!Number.isFinite(cell.customers) || cell.customers < 0) {
      throw new Error(`Migration: invalid customer count ${cell.customers} for ${cell.from} → ${cell.to}`);
    }
    if (cell.from === NEW && cell.to === GONE && cell.customers > 0) {
      throw new Error(`Migration: ${cell.customers} customers go from "${NEW}" to "${GONE}", i.e. are in neither period`);
    }
    counts[r]![c]! += cell.customers;
    amounts[r]![c]! += cell.amount ?? 0;
  }
  const rowTotals = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = cols.map((_, c) => counts.reduce((s, row) => s + row[c]!, 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  return { rows, cols, counts, amounts, rowTotals, colTotals, total };
}

function shareRows(values: readonly (readonly number[])[]): number[][] {
  return values.map((row) => {
    const sum = row.reduce((s, v) => s + v, 0);
    // An empty row (e.g. no `private` customers last period) has no distribution; zeros keep
    // the heatmap drawable instead of filling it with NaN.
    return row.map((v) => (sum === 0 ? 0 : v / sum));
  });
}

/** `counts[r][c] / rowTotals[r]`: where each from-tier's customers went. 0 for empty rows. */
export function rowShares(matrix: TransitionMatrix): number[][] {
  return shareRows(matrix.counts);
}

/** Same as {@link rowShares} on amounts: each cell's amount over its row's amount. 0 for rows without amount. */
export function amountShares(matrix: TransitionMatrix): number[][] {
  return shareRows(matrix.amounts);
}

/** Up/down/stay/gone counts of one from-tier. */
export interface FromTierMovement {
  readonly tier: string;
  readonly up: number;
  readonly down: number;
  readonly stay: number;
  readonly gone: number;
  readonly total: number;
}

export interface MovementTotals {
  /** Moved to a tier listed earlier in the tier order (better). */
  readonly up: number;
  /** Moved to a tier listed later (worse). */
  readonly down: number;
  readonly stay: number;
  /** Absent in the earlier period (row `(new)`). Not counted as up/down/stay. */
  readonly new: number;
  /** Absent in the later period (column `(gone)`). Not counted as up/down/stay. */
  readonly gone: number;
  /** One entry per tier of `tierOrder`, in that order. */
  readonly byFrom: readonly FromTierMovement[];
}

/**
 * Upgrades, downgrades and stays judged by position in `tierOrder` (presets.md "Order": up
 * means a tier listed earlier). `unrated` is an ordinary state with its place in the order;
 * since it is listed last, a move into `unrated` counts as down and a move out of it as up.
 * `tierOrder` must list the same tiers as the matrix (it is passed again so that a caller
 * cannot judge moves by a different order than the one the matrix was built with unnoticed).
 */
export function movementTotals(matrix: TransitionMatrix, tierOrder: readonly string[]): MovementTotals {
  const tiers = matrix.cols.slice(0, -1);
  if (tiers.length !== tierOrder.length || tiers.some((t, i) => t !== tierOrder[i])) {
    throw new Error(`Migration: tier order [${tierOrder.join(', ')}] does not match the matrix [${tiers.join(', ')}]`);
  }
  const goneCol = matrix.cols.length - 1;
  const byFrom: FromTierMovement[] = tierOrder.map((tier, i) => {
    // Row i + 1 because row 0 is `(new)`; column j is tier j, so rank comparison is j vs i.
    const row = matrix.counts[i + 1]!;
    let up = 0;
    let down = 0;
    for (let j = 0; j < tierOrder.length; j++) {
      if (j < i) up += row[j]!;
      else if (j > i) down += row[j]!;
    }
    return { tier, up, down, stay: row[i]!, gone: row[goneCol]!, total: matrix.rowTotals[i + 1]! };
  });
  const sum = (k: 'up' | 'down' | 'stay' | 'gone'): number => byFrom.reduce((s, m) => s + m[k], 0);
  return { up: sum('up'), down: sum('down'), stay: sum('stay'), new: matrix.rowTotals[0]!, gone: sum('gone'), byFrom };
}

export interface SankeyNode {
  /** `"period|tier"`, unique across the chained view. */
  readonly id: string;
  readonly period: string;
  readonly tier: string;
}

export interface SankeyLink {
  readonly source: string;
  readonly target: string;
  readonly value: number;
}

export interface SankeyFlows {
  readonly nodes: readonly SankeyNode[];
  readonly links: readonly SankeyLink[];
}

/**
 * Chained multi-period flows: step k goes from `periods[k]` to `periods[k + 1]` and uses
 * `cellsPerStep[k]`. Tier `t` in period p is node `"p|t"`. A `(new)` origin sits in the
 * step's earlier period (the customer was absent then) and a `(gone)` destination in its
 * later period, so each step's flows only go from one column to the next.
 *
 * Nodes come in a stable order — by period, then tier order, then `(new)`, `(gone)` — but only
 * nodes touched by a positive flow are listed, and zero flows are dropped: ECharts' Sankey
 * draws empty nodes as stray labels and zero-width links as artefacts.
 */
export function sankeyFlows(periods: readonly string[], cellsPerStep: readonly (readonly TransitionCell[])[], tierOrder: readonly string[]): SankeyFlows {
  if (cellsPerStep.length !== periods.length - 1) {
    throw new Error(`Migration: ${periods.length} periods take ${Math.max(0, periods.length - 1)} step(s) of cells, got ${cellsPerStep.length}`);
  }
  if (new Set(periods).size !== periods.length) throw new Error('Migration: a period is listed twice');
  // The separator must not occur in the parts, or two different nodes could share an id.
  for (const p of [...periods, ...tierOrder]) {
    if (p.includes('|')) throw new Error(`Migration: "${p}" contains "|", which node ids use as separator`);
  }
  const id = (period: string, tier: string): string => `${period}|${tier}`;
  const used = new Set<string>();
  const links: SankeyLink[] = [];
  cellsPerStep.forEach((cells, k) => {
    const p0 = periods[k]!;
    const p1 = periods[k + 1]!;
    // Goes through the matrix so the same validation applies and repeated pairs are summed.
    const m = transitionMatrix(cells, tierOrder);
    m.rows.forEach((from, r) => {
      m.cols.forEach((to, c) => {
        const value = m.counts[r]![c]!;
        if (value <= 0) return;
        const source = id(p0, from);
        const target = id(p1, to);
        used.add(source).add(target);
        links.push({ source, target, value });
      });
    });
  });
  const nodes: SankeyNode[] = [];
  for (const period of periods) {
    for (const tier of [...tierOrder, NEW, GONE]) {
      if (used.has(id(period, tier))) nodes.push({ id: id(period, tier), period, tier });
    }
  }
  return { nodes, links };
}
