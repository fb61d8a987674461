import { describe, expect, test } from 'vitest';
import { Float64, Int32, Table, Utf8, makeVector, vectorFromArray } from 'apache-arrow';
import { LadderTuner } from '../../src/analysis/tuning';
import { presetById } from '../../src/schemes/presets';
import { UNRATED, type LadderScheme } from '../../src/schemes/types';
import { mulberry32, type Rng } from './fast-prng';

/**
 * The per-group tuners (per branch, per period of a panel) read each group's rows straight from
 * the extraction result's chunks and share sort work arrays between groups: every group must
 * still count exactly what its own rows say, whatever the chunking and group order.
 */

interface Rows {
  fixed: (string | null)[];
  v: number[];
  amount: number[];
  branch: (string | null)[];
  periodNo: (number | null)[];
}

const BRANCHES = ['北京分行', '上海分行', '深圳分行', null];

function randomRows(rng: Rng, n: number, scheme: LadderScheme, withAmounts: boolean): Rows {
  const bounds = scheme.bounds.map((b) => b.min);
  const rows: Rows = { fixed: [], v: [], amount: [], branch: [], periodNo: [] };
  for (let i = 0; i < n; i++) {
    const r = rng();
    // As the extraction query hands them over: v is NaN exactly where a tier is fixed.
    const fixed = r < 0.05 ? UNRATED.id : r < 0.08 ? scheme.tiers[1]!.id : null;
    const onBound = rng() < 0.2;
    const v = fixed !== null ? NaN : onBound ? bounds[Math.floor(rng() * bounds.length)]! : Math.round(rng() * rng() * 8e6 * 100) / 100;
    rows.fixed.push(fixed);
    rows.v.push(v);
    rows.amount.push(!withAmounts || rng() < 0.03 ? NaN : fixed !== null ? Math.round(rng() * 1e6) / 100 : v);
    rows.branch.push(BRANCHES[Math.floor(rng() * BRANCHES.length)]!);
    const p = rng();
    // 1..3: listed periods; 5: a period not in the list (no tuner); NULL: no period.
    rows.periodNo.push(p < 0.02 ? null : p < 0.05 ? 5 : 1 + Math.floor(rng() * 3));
  }
  return rows;
}

/** The rows as a table of several record batches of uneven sizes, one of them a slice (offset). */
function chunked(rng: Rng, rows: Rows): Table {
  const n = rows.v.length;
  const batch = (a: number, b: number) =>
    new Table({
      fixed: vectorFromArray(rows.fixed.slice(a, b), new Utf8()),
      v: makeVector({ type: new Float64(), data: Float64Array.from(rows.v.slice(a, b)) }),
      amount: makeVector({ type: new Float64(), data: Float64Array.from(rows.amount.slice(a, b)) }),
      branch: vectorFromArray(rows.branch.slice(a, b), new Utf8()),
      period_no: vectorFromArray(rows.periodNo.slice(a, b), new Int32()),
    }).batches;
  const batches = [];
  for (let a = 0; a < n; ) {
    const size = rng() < 0.2 ? 1 : 1 + Math.floor(rng() * 120);
    const b = Math.min(n, a + size);
    if (b - a > 3 && rng() < 0.3) {
      // A batch read from a larger one at an offset, as a sliced result would be.
      const wide = batch(a - 1 < 0 ? a : a - 1, Math.min(n, b + 1));
      const from = a - 1 < 0 ? 0 : 1;
      batches.push(...new Table(wide).slice(from, from + (b - a)).batches);
    } else batches.push(...batch(a, b));
    a = b;
  }
  return new Table(batches);
}

/** Tier counts of some rows by reading each row: what the SQL path computes. */
function bruteCounts(scheme: LadderScheme, rows: Rows, which: number[], bounds: LadderScheme['bounds']) {
  const hasAmount = which.some((i) => !Number.isNaN(rows.amount[i]!));
  const acc = new Map<string, { customers: number; cents: number }>();
  for (const i of which) {
    let tier = rows.fixed[i];
    if (tier === null || tier === undefined) {
      const v = rows.v[i]!;
      const b = bounds.find((x) => (x.inclusive === false ? v > x.min : v >= x.min));
      tier = b ? b.tier : (scheme.below ?? UNRATED.id);
    }
    const c = acc.get(tier) ?? { customers: 0, cents: 0 };
    c.customers++;
    const a = rows.amount[i]!;
    if (tier !== UNRATED.id && Number.isFinite(a)) c.cents += Math.round(a * 100);
    acc.set(tier, c);
  }
  return [...scheme.tiers, UNRATED].map((t) => {
    const c = acc.get(t.id) ?? { customers: 0, cents: 0 };
    return { tier: t.id, customers: c.customers, amount: hasAmount ? c.cents / 100 : 0 };
  });
}

function someBounds(rng: Rng, scheme: LadderScheme): LadderScheme['bounds'][] {
  return [
    scheme.bounds,
    scheme.bounds.map((b, i) => ({ ...b, min: b.min * (0.5 + 0.1 * i) })),
    scheme.bounds.map((b) => ({ ...b, min: Math.round(b.min * (0.3 + rng()) * 100) / 100 })).sort((a, b) => b.min - a.min),
  ];
}

describe('per-group tuners count each group as its rows say', () => {
  test.each([
    ['retail-aum', 3000, true, 1],
    ['retail-aum', 257, true, 2],
    ['star-points', 2000, true, 3],
    ['retail-aum', 900, false, 4],
  ] as const)('%s, %i rows, amounts %s (seed %i): per branch and per period', (id, n, withAmounts, seed) => {
    const rng = mulberry32(seed);
    const scheme = presetById(id) as LadderScheme;
    const rows = randomRows(rng, n, scheme, withAmounts);
    const table = chunked(rng, rows);
    expect(table.batches.length).toBeGreaterThan(2);
    const all = rows.v.map((_, i) => i);

    const byBranch = LadderTuner.byGroup(scheme, table, 'branch');
    expect([...byBranch.keys()].sort()).toEqual(['—', ...BRANCHES.filter((b) => b !== null)].sort());
    // Row period_no k belongs to labels[k - 1]; 'p9' (4) has no rows, and 5 is in no label.
    const labels = ['p3', 'p1', 'p2', 'p9'];
    const byPeriod = LadderTuner.byNumberedGroup(scheme, table, 'period_no', labels);
    expect([...byPeriod.keys()]).toEqual(labels);

    for (const bounds of someBounds(rng, scheme)) {
      for (const [branch, tuner] of byBranch) {
        const which = all.filter((i) => (rows.branch[i] ?? '—') === branch);
        expect(tuner.counts(bounds), `branch ${branch}`).toEqual(bruteCounts(scheme, rows, which, bounds));
      }
      for (const [label, tuner] of byPeriod) {
        const position = labels.indexOf(label) + 1;
        const which = all.filter((i) => rows.periodNo[i] === position);
        expect(tuner.counts(bounds), `period ${label}`).toEqual(bruteCounts(scheme, rows, which, bounds));
      }
      expect(LadderTuner.fromTable(scheme, table).counts(bounds)).toEqual(bruteCounts(scheme, rows, all, bounds));
    }
  });
});
