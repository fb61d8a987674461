import { describe, expect, test } from 'vitest';
import { Float64, Int32, Table, Utf8, makeVector, vectorFromArray } from 'apache-arrow';
import { LadderTuner } from '../../src/analysis/tuning';
import { presetById } from '../../src/schemes/presets';
import { amountColumnOf } from '../../src/analysis/tier-distribution';
import { fixedTiers } from '../../src/analysis/tuning-sql';
import { UNRATED, type LadderScheme } from '../../src/schemes/types';
import { mulberry32, type Rng } from './fast-prng';

/**
 * The per-group tuners (per branch, per period of a panel) read each group's rows straight from
 * the extraction result's chunks and share sort work arrays between groups: every group must
 * still count exactly what its own rows say, whatever the chunking and group order.
 */

interface Rows {
  /** Fixed-tier code (see fixedTiers), NULL where the thresholds decide. */
  fixed: (number | null)[];
  v: number[];
  branch: (string | null)[];
  periodNo: (number | null)[];
}

const BRANCHES = ['北京分行', '上海分行', '深圳分行', null];

function randomRows(rng: Rng, n: number, scheme: LadderScheme): Rows {
  const bounds = scheme.bounds.map((b) => b.min);
  const codes = fixedTiers(scheme).length;
  const rows: Rows = { fixed: [], v: [], branch: [], periodNo: [] };
  for (let i = 0; i < n; i++) {
    const r = rng();
    const fixed = r < 0.08 ? 1 + Math.floor(rng() * codes) : null;
    const onBound = rng() < 0.2;
    // Missing metrics are unrated (the last code), as the extraction query decides.
    const v = r > 0.97 ? NaN : onBound ? bounds[Math.floor(rng() * bounds.length)]! : Math.round(rng() * rng() * 8e6 * 100) / 100;
    rows.fixed.push(Number.isNaN(v) ? codes : fixed);
    rows.v.push(v);
    rows.branch.push(BRANCHES[Math.floor(rng() * BRANCHES.length)]!);
    const p = rng();
    // 1..3: listed periods; 5: a period not in the list (no tuner); NULL: no period.
    rows.periodNo.push(p < 0.02 ? null : p < 0.05 ? 5 : 1 + Math.floor(rng() * 3));
  }
  return rows;
}

/** The rows as a table of several record batches of uneven sizes, some of them slices (offsets). */
function chunked(rng: Rng, rows: Rows): Table {
  const n = rows.v.length;
  const batch = (a: number, b: number) =>
    new Table({
      fixed: vectorFromArray(rows.fixed.slice(a, b), new Int32()),
      v: makeVector({ type: new Float64(), data: Float64Array.from(rows.v.slice(a, b)) }),
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
  const summed = amountColumnOf(scheme) !== undefined;
  const hasAmount = summed && which.some((i) => !Number.isNaN(rows.v[i]!));
  const acc = new Map<string, { customers: number; cents: number }>();
  for (const i of which) {
    const v = rows.v[i]!;
    const code = rows.fixed[i];
    let tier: string;
    if (code !== null && code !== undefined) tier = fixedTiers(scheme)[code - 1]!;
    else {
      const b = bounds.find((x) => (x.inclusive === false ? v > x.min : v >= x.min));
      tier = b ? b.tier : (scheme.below ?? UNRATED.id);
    }
    const c = acc.get(tier) ?? { customers: 0, cents: 0 };
    c.customers++;
    if (summed && tier !== UNRATED.id && Number.isFinite(v)) c.cents += Math.round(v * 100);
    acc.set(tier, c);
  }
  return [...scheme.tiers, UNRATED].map((t) => {
    const c = acc.get(t.id) ?? { customers: 0, cents: 0 };
    return { tier: t.id, customers: c.customers, amount: hasAmount ? c.cents / 100 : 0 };
  });
}

/** The scheme's bounds, and two other valid ladders (strictly decreasing) near them. */
function someBounds(rng: Rng, scheme: LadderScheme): LadderScheme['bounds'][] {
  const ladder = (scale: (min: number, i: number) => number) => {
    const mins = scheme.bounds.map((b, i) => Math.round(scale(b.min, i) * 100) / 100).sort((a, b) => b - a);
    for (let i = 1; i < mins.length; i++) if (mins[i]! >= mins[i - 1]!) mins[i] = mins[i - 1]! - 1;
    return scheme.bounds.map((b, i) => ({ ...b, min: mins[i]! }));
  };
  return [scheme.bounds, ladder((m, i) => m * (0.5 + 0.1 * i)), ladder((m) => m * (0.3 + rng()))];
}

describe('per-group tuners count each group as its rows say', () => {
  const retail = presetById('retail-aum') as LadderScheme;
  // Override tiers are summed like the others (the metric is an amount); two overrides to one tier.
  const withOverrides: LadderScheme = { ...retail, overrides: [{ when: 'aum > 0', tier: 'vip' }, { when: 'aum > 1', tier: 'private' }, { when: 'aum > 2', tier: 'vip' }] };
  test.each([
    ['retail-aum', 3000, 1, retail],
    ['retail-aum', 257, 2, retail],
    ['retail-aum with overrides', 2500, 3, withOverrides],
    ['star-points (no amounts)', 2000, 4, presetById('star-points') as LadderScheme],
    ['ccb-credit (an override, no amounts)', 1500, 5, presetById('ccb-credit') as LadderScheme],
  ] as const)('%s, %i rows (seed %i): per branch and per period', (_name, n, seed, scheme) => {
    const rng = mulberry32(seed);
    const rows = randomRows(rng, n, scheme);
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
