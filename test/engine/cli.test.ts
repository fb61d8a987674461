import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';

/** Runs the command line exactly as cli.md documents it (`npm run -s tierlens -- …`). */
function tierlens(...args: string[]) {
  const r = spawnSync('npm', ['run', '-s', 'tierlens', '--', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n') };
}

async function sql<T = Record<string, unknown>>(query: string): Promise<T[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const rows = (await c.runAndReadAll(query)).getRowObjectsJS() as T[];
  c.closeSync();
  return rows;
}

const GBK = 'data-samples/retail_2025-12_gbk.csv';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tierlens-cli-'));
});

describe('tierlens command line', () => {
  test('presets: one line each, id<TAB>label, all 14 of presets.md', () => {
    const r = tierlens('presets');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual([
      'retail-aum', 'star-points', 'dealer-scorecard', 'corporate-layers', 'value-matrix', 'target-matrix', 'credit-grade',
      'ccb-credit', 'lifecycle', 'savings-grade', 'insurance-profile', 'abc-pareto', 'sales-pipeline', 'rfm',
    ]);
    expect(lines[0]).toMatch(/^retail-aum\t零售客户资产分层/);
  });

  test('apply retail-aum to the GBK CSV with auto-mapped Chinese headers', async () => {
    const out = join(dir, 'out.csv');
    const r = tierlens('apply', '--scheme', 'retail-aum', '--input', GBK, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const header = readFileSync(out, 'utf8').split('\n')[0];
    expect(header).toBe('customer_id,period,tier,aum,near_tier');
    // Independent check: the same tiers from the panel's December with plain SQL.
    const got = await sql<{ tier: string; n: bigint }>(`SELECT tier, count(*) n FROM read_csv('${out}') GROUP BY tier ORDER BY tier`);
    const want = await sql<{ tier: string; n: bigint }>(`SELECT CASE WHEN aum IS NULL OR aum < 0 THEN 'unrated' WHEN aum >= 5000000 THEN 'private' WHEN aum >= 500000 THEN 'vip'
        WHEN aum >= 100000 THEN 'affluent' WHEN aum >= 50000 THEN 'wealth' ELSE 'mass' END AS tier, count(*) n
      FROM 'data-samples/retail_panel_24m.parquet' WHERE snapshot_date = DATE '2025-12-31' GROUP BY tier ORDER BY tier`);
    const gotMap = Object.fromEntries(got.map((r) => [r.tier, Number(r.n)]));
    const wantMap = Object.fromEntries(want.map((r) => [r.tier, Number(r.n)]));
    // The GBK month blanks 15 AUM cells ('-' or empty) that the panel has: they are unrated.
    expect(gotMap.unrated).toBe(15);
    expect(Object.values(gotMap).reduce((a, b) => a + b, 0)).toBe(20142);
    for (const t of ['private', 'vip', 'affluent', 'wealth', 'mass']) expect(Math.abs((gotMap[t] ?? 0) - (wantMap[t] ?? 0))).toBeLessThanOrEqual(15);
  });

  test('apply writes Parquet and JSON too, per period for stacked inputs', async () => {
    const pq = join(dir, 'cards.parquet');
    expect(tierlens('apply', '--scheme', 'dealer-scorecard', '--input', 'data-samples/dealers_3y.csv', '--out', pq).status).toBe(0);
    const rows = await sql<{ period: string; n: bigint; prov: bigint }>(`SELECT period, count(*) n, count(*) FILTER (WHERE provisional) prov FROM '${pq}' GROUP BY period ORDER BY period`);
    expect(rows.map((r) => r.period)).toEqual(['2023-12-31', '2024-12-31', '2025-12-31']);
    expect(rows.every((r) => Number(r.prov) > 0)).toBe(true);
    const json = join(dir, 'corp.json');
    expect(tierlens('apply', '--scheme', 'corporate-layers', '--input', 'data-samples/corporate_quarters.xlsx', '--out', json).status).toBe(0);
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as { customer_id: string; tier: string; period: string }[];
    expect(new Set(parsed.map((r) => r.tier))).toEqual(new Set(['strategic', 'large', 'medium', 'small', 'noloan_above', 'noloan_below']));
  });

  test('summary prints the tier counts per period as JSON', () => {
    const r = tierlens('summary', '--scheme', 'retail-aum', '--input', 'data-samples/retail_2025-11_utf8.csv', '--input', GBK);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { scheme: string; rows: number; periods: string[]; tiers: { period: string; tier: string; customers: number }[] };
    expect(s.scheme).toBe('retail-aum');
    expect(s.periods).toEqual(['2025-11-30', '2025-12-31']);
    expect(s.rows).toBe(20151 + 20142);
    expect(s.tiers.filter((t) => t.period === '2025-12-31').reduce((a, t) => a + t.customers, 0)).toBe(20142);
    expect(s.tiers[0]).toEqual({ period: '2025-11-30', tier: 'private', customers: expect.any(Number) });
  });

  test('migrate writes the long transition matrix with (new) and (gone)', async () => {
    const out = join(dir, 'mig.csv');
    const r = tierlens('migrate', '--scheme', 'retail-aum', '--input', 'data-samples/retail_panel_24m.parquet', '--from', '2025-11-30', '--to', '2025-12-31', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const cells = await sql<{ from_tier: string; to_tier: string; customers: bigint }>(`SELECT * FROM read_csv('${out}')`);
    expect(Object.keys(cells[0]!)).toEqual(['from_tier', 'to_tier', 'customers']);
    const counts = await sql<{ nov: bigint; dec: bigint; both: bigint }>(`WITH p AS (SELECT * FROM 'data-samples/retail_panel_24m.parquet')
      SELECT (SELECT count(*) FROM p WHERE snapshot_date = DATE '2025-11-30') nov, (SELECT count(*) FROM p WHERE snapshot_date = DATE '2025-12-31') "dec",
        (SELECT count(*) FROM p a JOIN p b USING (customer_id) WHERE a.snapshot_date = DATE '2025-11-30' AND b.snapshot_date = DATE '2025-12-31') "both"`);
    const { nov, dec, both } = counts[0]!;
    const sum = (pred: (c: { from_tier: string; to_tier: string }) => boolean) => cells.filter(pred).reduce((a, c) => a + Number(c.customers), 0);
    expect(sum((c) => c.from_tier !== '(new)')).toBe(Number(nov));
    expect(sum((c) => c.to_tier !== '(gone)')).toBe(Number(dec));
    expect(sum((c) => c.from_tier === '(new)')).toBe(Number(dec) - Number(both));
    expect(cells.every((c) => Number(c.customers) > 0)).toBe(true);
  });

  test('RFM reproduces the R package rfm reference: Champions = 158 customers, 1,234 orders, 120,178 revenue', async () => {
    const out = join(dir, 'rfm.csv');
    const r = tierlens('apply', '--scheme', 'rfm', '--input', 'test/fixtures/rfm/rfm_data_orders.csv', '--map', 'txn_date=order_date', '--map', 'amount=revenue', '--as-of', '2006-12-31', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const champions = await sql<{ n: bigint; orders: number; revenue: number }>(`SELECT count(*) n, sum(frequency) orders, sum(monetary) revenue FROM read_csv('${out}') WHERE tier = 'champions'`);
    expect(champions[0]).toEqual({ n: 158n, orders: 1234, revenue: 120178 });
    const total = await sql<{ n: bigint }>(`SELECT count(*) n FROM read_csv('${out}')`);
    expect(Number(total[0]!.n)).toBe(995);
    // The published cut points (type-7 quantiles + 1): recency 115 / 181 / 297.4 / 482,
    // frequency 4 / 5 / 6 / 8, monetary 255.8 / 382 / 506.4 / 666 — each score's range sits between them.
    const ranges = await sql<{ m: string; score: bigint; lo: number; hi: number }>(`
      SELECT 'r' m, r_score score, min(recency_days) lo, max(recency_days) hi FROM read_csv('${out}') GROUP BY ALL
      UNION ALL SELECT 'f', f_score, min(frequency), max(frequency) FROM read_csv('${out}') GROUP BY ALL
      UNION ALL SELECT 'm', m_score, min(monetary), max(monetary) FROM read_csv('${out}') GROUP BY ALL`);
    const cuts = { r: [115, 181, 297.4, 482], f: [4, 5, 6, 8], m: [255.8, 382, 506.4, 666] } as const;
    for (const { m, score, lo, hi } of ranges) {
      const c = cuts[m as 'r' | 'f' | 'm'];
      const bin = m === 'r' ? 5 - Number(score) : Number(score) - 1; // 0-based bin [c_bin-1, c_bin)
      if (bin > 0) expect(lo, `${m}${score} low`).toBeGreaterThanOrEqual(c[bin - 1]!);
      if (bin < 4) expect(hi, `${m}${score} high`).toBeLessThan(c[bin]!);
    }
  });
});

describe('bad input: one clear line naming the file, non-zero exit, no output left behind', () => {
  const bad = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const expectFailure = (args: string[], message: RegExp) => {
    const before = readdirSync(dir).length;
    const r = tierlens(...args);
    expect(r.status).not.toBe(0);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(dir).length).toBe(before);
  };

  test.each([
    ['missing file', ['apply', '--scheme', 'retail-aum', '--input', 'nope.csv', '--out', 'OUT.csv'], /nope\.csv: file not found/],
    ['unknown scheme', ['apply', '--scheme', 'no-such', '--input', GBK, '--out', 'OUT.csv'], /unknown scheme "no-such"/],
  ])('%s', (_name, args, message) => {
    expectFailure(args.map((a) => (a === 'OUT.csv' ? join(dir, 'never.csv') : a)), message);
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });

  test('invalid scheme file names the field', () => {
    const scheme = bad('my-scheme.json', JSON.stringify({ ...JSON.parse(readFileSync('src/schemes/presets/retail-aum.json', 'utf8')), bounds: [{ tier: 'vip', min: 'lots' }] }));
    expectFailure(['apply', '--scheme', scheme, '--input', GBK, '--out', join(dir, 'never.csv')], /my-scheme\.json: scheme bounds\[0\]\.min: must be a number/);
  });

  test('missing required field names the field', () => {
    const f = bad('nofield.csv', '客户号,存款余额\nA,1\n');
    expectFailure(['apply', '--scheme', 'retail-aum', '--input', f, '--out', join(dir, 'never.csv')], /nofield\.csv: missing required field "aum"/);
  });

  test('ragged file names the line', () => {
    const f = bad('ragged.csv', '客户号,AUM\nA,1\nB,2,3\nC,4\n');
    expectFailure(['apply', '--scheme', 'retail-aum', '--input', f, '--out', join(dir, 'never.csv')], /ragged\.csv, line 3: /);
  });

  test('duplicate customer ids in one period name the file and line', () => {
    const f = bad('dups_2025-01.csv', '客户号,AUM\nA,1\nB,2\nA,3\n');
    expectFailure(['apply', '--scheme', 'retail-aum', '--input', f, '--out', join(dir, 'never.csv')], /dups_2025-01\.csv, line 4: duplicate customer_id "A"/);
  });

  test('a --map to a column that does not exist', () => {
    expectFailure(['apply', '--scheme', 'retail-aum', '--input', GBK, '--map', 'aum=资产', '--out', join(dir, 'never.csv')], /资产/);
  });
});
