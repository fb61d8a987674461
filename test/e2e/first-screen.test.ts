import { readFileSync, mkdirSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, paintedShare, settled, tierCounts, type Harness } from './harness';
import { maskText } from '../../src/privacy/mask';

const SHOTS = 'test-results/e2e';
const TIERS = ['private', 'vip', 'affluent', 'wealth', 'mass', 'unrated'];

/** The expected tier counts, computed independently with native DuckDB and plain SQL. */
async function expectedRetailCounts(vip = 500000): Promise<Record<string, number>> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.runAndReadAll(`
    SELECT CASE WHEN aum IS NULL OR aum < 0 THEN 'unrated' WHEN aum >= 5000000 THEN 'private' WHEN aum >= ${vip} THEN 'vip'
                WHEN aum >= 100000 THEN 'affluent' WHEN aum >= 50000 THEN 'wealth' ELSE 'mass' END AS tier, count(*)::INTEGER AS n
    FROM 'data-samples/retail_panel_24m.parquet'
    WHERE snapshot_date = (SELECT max(snapshot_date) FROM 'data-samples/retail_panel_24m.parquet') GROUP BY ALL`);
  const out: Record<string, number> = Object.fromEntries(TIERS.map((t) => [t, 0]));
  for (const [tier, n] of r.getRowsJS()) out[String(tier)] = Number(n);
  c.closeSync();
  return out;
}

async function tierTable(h: Harness): Promise<Record<string, number>> {
  await settled(h);
  return tierCounts(h.page);
}

describe('what the page downloads', () => {
  test('the engine and the scripts arrive compressed, each with its own type', async () => {
    const h = await openApp();
    try {
      const seen: { url: string; encoding?: string; type?: string; bytes: number }[] = [];
      h.page.on('response', async (r) => {
        const headers = r.headers();
        seen.push({ url: r.url(), encoding: headers['content-encoding'], type: headers['content-type'], bytes: Number(headers['content-length'] ?? 0) });
      });
      await h.page.goto(`${h.origin}/`);
      await settled(h);
      const engine = seen.find((r) => /duckdb-eh-.*\.wasm$/.test(r.url));
      expect(engine).toBeDefined();
      expect(['br', 'gzip']).toContain(engine!.encoding);
      expect(engine!.type).toBe('application/wasm');
      // 34 MB of engine: a sixth of it on the wire.
      expect(engine!.bytes).toBeLessThan(10 * 1024 ** 2);
      for (const script of seen.filter((r) => /\/assets\/.*\.js$/.test(r.url))) expect(['br', 'gzip'], script.url).toContain(script.encoding);
    } finally {
      await h.close();
    }
  });
});

describe('first screen in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    h = await openApp();
    await h.page.goto(`${h.origin}/`);
  });
  afterAll(async () => h?.close());

  test('a fresh page draws the default notebook from precomputed views before the engine is up; the live data changes no number and redraws nothing', async () => {
    const page = h.page;
    await page.waitForFunction(() => (window as unknown as { __tierlensFirstView?: number }).__tierlensFirstView !== undefined, undefined, { timeout: 30_000 });
    await expect.poll(() => page.locator('[data-cell="tiers"] .vtable-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="precomputed"]').textContent()).toContain('预先算好');
    const early = await tierCounts(page);
    const rendersEarly = await page.locator('[data-cell="tiers"] .chart').getAttribute('data-render-count');
    await page.screenshot({ path: `${SHOTS}/00-precomputed-first-view.png` });
    await settled(h);
    const marks = await page.evaluate(() => ({
      first: (window as unknown as { __tierlensFirstView: number }).__tierlensFirstView,
      engine: performance.getEntriesByName('tierlens:engine-ready')[0]?.startTime ?? NaN,
      data: performance.getEntriesByName('tierlens:data-ready')[0]?.startTime ?? NaN,
    }));
    expect(marks.first).toBeLessThan(marks.engine);
    expect(marks.engine).toBeLessThan(marks.data);
    expect(early).toEqual(await expectedRetailCounts());
    expect(await tierCounts(page)).toEqual(early);
    expect(await page.locator('[data-cell="tiers"] .chart').getAttribute('data-render-count')).toBe(rendersEarly);
    expect(await page.locator('[data-testid="precomputed"]').count()).toBe(0);
  });

  test('a threshold typed while the precomputed views show is computed on the live data once it is in', async () => {
    const own = await openApp();
    try {
      await own.page.goto(`${own.origin}/`);
      await own.page.locator('[data-testid="precomputed"]').waitFor({ timeout: 30_000 });
      const field = own.page.getByRole('textbox', { name: '贵宾 数值' });
      await field.fill('30万');
      await field.press('Enter');
      // Typed before the data was in (the tiers view then waits for it rather than show old numbers).
      expect(await own.page.locator('[data-testid="precomputed"]').count()).toBe(1);
      await settled(own);
      await expect.poll(() => tierCounts(own.page), { timeout: 30_000 }).toEqual(await expectedRetailCounts(300000));
      expect(own.consoleErrors).toEqual([]);
    } finally {
      await own.close();
    }
  });

  test('the bundled retail sample loads and the retail-aum tier chart paints with the right counts', async () => {
    expect(await tierTable(h)).toEqual(await expectedRetailCounts());
    expect(await paintedShare(h.page, '[data-cell="tiers"] .chart')).toBeGreaterThan(0.02);
    await h.page.getByText('数据与加载报告').click();
    await expect.poll(() => h.page.locator('[data-testid="preview-table"] tbody tr').count(), { timeout: 30_000 }).toBe(100);
    await h.page.screenshot({ path: `${SHOTS}/01-first-screen.png`, fullPage: false });
  });

  test('a GBK CSV with Chinese headers dropped into the file input loads with the right columns and values', async () => {
    const bytes = readFileSync('data-samples/retail_2025-12_gbk.csv');
    const text = iconv.decode(bytes, 'gbk');
    const first = text.split('\r\n')[1]!.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    await h.page.setInputFiles('[data-testid="file-input"]', { name: 'retail_2025-12_gbk.csv', mimeType: 'text/csv', buffer: bytes });
    const report = h.page.locator('details.file-report', { hasText: 'retail_2025-12_gbk.csv' });
    await expect.poll(() => report.textContent(), { timeout: 60_000 }).toContain('GB18030');
    // Chinese headers are mapped to their fields automatically.
    for (const [column, field] of [['客户号', 'customer_id'], ['月日均AUM(元)', 'aum'], ['数据日期', 'period'], ['所属支行', 'branch']]) {
      expect(await report.getByLabel(`映射字段: ${column}`, { exact: true }).inputValue()).toBe(field);
    }
    // The customer's row reads back with the Chinese name intact and the amount parsed from "1,234.56".
    const preview = h.page.locator('[data-testid="preview-table"]');
    const row = preview.locator('tr', { hasText: first[0]! }).first();
    // Names are personal data: shown masked (张*) until the user unmasks them.
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain(maskText(first[1]!, 'customer_name'));
    expect(await row.textContent()).not.toContain(first[1]!);
    const aum = Number(first[6]!.replaceAll(',', ''));
    expect(await row.textContent()).toContain(aum.toLocaleString('en-US', { maximumFractionDigits: 4 }));
    await h.page.screenshot({ path: `${SHOTS}/02-gbk-loaded.png`, fullPage: true });
  });

  test('a file dropped onto the drop zone loads (drag-and-drop)', async () => {
    const csv = '客户号,日均金融资产\nDROP001,"1,000,000"\n';
    await h.page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped_2025-12.csv', { type: 'text/csv' }));
      document.querySelector('.dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, csv);
    const report = h.page.locator('details.file-report', { hasText: 'dropped_2025-12.csv' });
    await expect.poll(() => report.count(), { timeout: 30_000 }).toBe(1);
    expect(await report.getByLabel('映射字段: 日均金融资产', { exact: true }).inputValue()).toBe('aum');
  });

  test('a bad file is refused with its name; what was loaded stays', async () => {
    const before = await tierTable(h);
    await h.page.setInputFiles('[data-testid="file-input"]', { name: 'garbage.csv', mimeType: 'text/csv', buffer: Buffer.from([0, 159, 146, 150, 0, 1]) });
    await expect.poll(() => h.page.locator('.failures').textContent(), { timeout: 30_000 }).toContain('garbage.csv');
    expect(await tierTable(h)).toEqual(before);
  });

  test('the page engine streams results back whole: many batches in order, bound parameters, an empty result keeps its columns, a failure mid-stream leaves the connection whole', async () => {
    const got = await h.page.evaluate(async () => {
      type T = { numRows: number; schema: { fields: { name: string }[] }; getChild(n: string): { get(i: number): unknown; toArray(): ArrayLike<number> } | null };
      const engine = await (window as unknown as { tierlens: { engine: Promise<{ query(sql: string, p?: unknown[]): Promise<T> }> } }).tierlens.engine;
      const many = await engine.query('SELECT range::DOUBLE AS i, range::VARCHAR AS s FROM range(300000)');
      const ids = Array.from(many.getChild('i')!.toArray());
      const bound = await engine.query('SELECT range::INTEGER AS i FROM range(100000) WHERE range % ? = 0', [7]);
      const empty = await engine.query('SELECT 1::INTEGER AS a, \'x\' AS b WHERE false');
      // A query failing after several chunks were read (chunks were asked for ahead of it) reports
      // its error, and the connection then answers the next queries whole.
      const failure = (p: Promise<unknown>) => p.then(() => 'no error', (e: unknown) => String((e as Error).message ?? e));
      const midStream = await failure(engine.query("SELECT CASE WHEN range < 200000 THEN range ELSE error('boom at ' || range) END AS x FROM range(300000)"));
      const midStreamBound = await failure(engine.query("SELECT CASE WHEN range < ? THEN range ELSE error('bound boom') END AS x FROM range(300000)", [150_000]));
      const after = await engine.query('SELECT range::INTEGER AS i FROM range(250000)');
      const afterIds = Array.from(after.getChild('i')!.toArray());
      return {
        midStream: midStream.includes('boom at 200000'),
        midStreamBound: midStreamBound.includes('bound boom'),
        after: after.numRows === 250_000 && afterIds.every((v, k) => v === k),
        rows: many.numRows,
        inOrder: ids.every((v, k) => v === k),
        lastLabel: many.getChild('s')!.get(299_999),
        boundRows: bound.numRows,
        emptyRows: empty.numRows,
        emptyColumns: empty.schema.fields.map((f) => f.name),
      };
    });
    expect(got).toEqual({ midStream: true, midStreamBound: true, after: true, rows: 300_000, inOrder: true, lastLabel: '299999', boundRows: 14_286, emptyRows: 0, emptyColumns: ['a', 'b'] });
  });

  test('no request left the page origin and nothing failed in the console', () => {
    expect(h.outside).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
