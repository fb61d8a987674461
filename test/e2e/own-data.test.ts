import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { presetById } from '../../src/schemes/presets';
import type { LadderScheme } from '../../src/schemes/types';
import { exportAs, openWithSample, overviewRows, SHOTS, settled, tierCounts, type Harness } from './harness';


/** The first `rows` customers of the bundled GBK extract, still GBK with CRLF: a user's own small extract. */
function gbkExtract(rows: number): Buffer {
  const bytes = readFileSync('data-samples/retail_2025-12_gbk.csv');
  let end = 0;
  for (let line = 0; line <= rows; line++) end = bytes.indexOf(0x0a, end) + 1;
  return bytes.subarray(0, end);
}


/** A fresh page at 1366×768: no autosave, the bundled sample loaded. */
async function freshPage(h: Harness): Promise<void> {
  await h.page.evaluate(() => window.localStorage.clear());
  await h.page.goto(`${h.origin}/`);
  await settled(h);
}

async function drop(h: Harness, name: string, buffer: Buffer): Promise<void> {
  await h.page.setInputFiles('[data-testid="file-input"]', { name, mimeType: 'application/octet-stream', buffer });
  await expect.poll(() => h.page.locator('.busy').count(), { timeout: 60_000 }).toBe(0);
}

describe('a new user with their own file', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openWithSample({ width: 1366, height: 768 });
  });
  afterAll(async () => h?.close());

  test('a GBK extract replaces the demo: its rows only, its latest period shown; one click brings the sample back', async () => {
    const sampleRows = await overviewRows(h.page);
    await drop(h, '我的客户_gbk.csv', gbkExtract(500));
    await expect.poll(() => h.page.getByTestId('sample-replaced').count(), { timeout: 60_000 }).toBe(1);
    await settled(h);
    expect(await overviewRows(h.page)).toBe(500);
    expect(await h.page.getByRole('combobox', { name: '期次' }).first().inputValue()).toBe('2025-12-31');
    const title = (await h.page.locator('[data-cell="title"]').textContent()) ?? '';
    expect(title).toContain('零售客户资产分层');
    expect(title).toContain('2025-12');
    expect(title).toContain('我的客户_gbk.csv');
    expect(Object.values(await tierCounts(h.page)).reduce((a, b) => a + b, 0)).toBe(500);
    await h.page.screenshot({ path: `${SHOTS}/50-own-gbk-extract.png` });

    await h.page.getByRole('button', { name: '换回示例数据' }).click();
    await expect.poll(() => overviewRows(h.page), { timeout: 60_000 }).toBe(sampleRows);
    await settled(h);
    expect(await h.page.getByTestId('sample-replaced').count()).toBe(0);
  });

  test('an empty file: the error is in the first screen, in Chinese, and the data stays', async () => {
    const before = await overviewRows(h.page);
    await drop(h, 'empty.csv', Buffer.alloc(0));
    const failures = h.page.getByTestId('load-failures');
    await expect.poll(() => failures.count(), { timeout: 30_000 }).toBe(1);
    expect(await failures.textContent()).toContain('empty.csv：文件是空的');
    const box = (await failures.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    expect(await overviewRows(h.page)).toBe(before);
    await h.page.screenshot({ path: `${SHOTS}/51-empty-file-error.png` });
    await failures.getByRole('button', { name: '关闭' }).click();
  });

  test.each([
    ['corporate_quarters.xlsx', 'corporate-layers', ['strategic', 'large', 'medium', 'small', 'noloan_above', 'noloan_below']],
    ['dealers_3y.csv', 'dealer-scorecard', ['A', 'B', 'C', 'below']],
  ] as const)('%s gets %s with no manual change, and says why', async (file, scheme, tiers) => {
    await freshPage(h);
    await drop(h, file, readFileSync(`data-samples/${file}`));
    const note = h.page.getByTestId('scheme-choice');
    await expect.poll(() => note.getAttribute('data-scheme'), { timeout: 60_000 }).toBe(scheme);
    await settled(h);
    expect(await note.textContent()).toContain(presetById(scheme).label.zh);
    expect(Object.keys(await tierCounts(h.page))).toEqual(expect.arrayContaining([...tiers]));
    // No cell shows an error (red) for the data.
    expect(await h.page.locator('[data-cell][data-status="failed"]').count()).toBe(0);
    await h.page.screenshot({ path: `${SHOTS}/52-${scheme}.png` });
  });

  test('after typing 30万 for 贵宾 the near-threshold list has no negative gap and matches the CLI under the same ladder', async () => {
    await freshPage(h);
    const field = h.page.getByRole('textbox', { name: '贵宾 数值' });
    await field.fill('30万');
    await field.press('Enter');
    await settled(h);
    const near = h.page.locator('[data-cell="near"]');
    await near.scrollIntoViewIfNeeded();
    await expect.poll(() => near.locator('.vtable-row').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const [download] = await Promise.all([h.page.waitForEvent('download'), exportAs(near, 'CSV')]);
    const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    expect(header).toEqual(['客户号', '期次', '当前层级', '临近层级', '当前值（元）', '距门槛差额（元）']);
    const retail = presetById('retail-aum') as LadderScheme;
    const idOf = new Map(retail.tiers.map((t) => [t.label.zh, t.id]));
    const page = lines.slice(1).map((l) => {
      const [id, , tier, nearTier, , gap] = l.split(',');
      return { id: id!, tier: idOf.get(tier!)!, near: idOf.get(nearTier!)!, gap: Number(gap) };
    });
    expect(page.length).toBeGreaterThan(100);
    const order = retail.tiers.map((t) => t.id);
    for (const r of page) {
      expect(r.gap).toBeGreaterThan(0);
      expect(order.indexOf(r.near)).toBe(order.indexOf(r.tier) - 1);
    }

    // The CLI with the same working ladder, on the same file.
    const dir = mkdtempSync(join(tmpdir(), 'tierlens-near-e2e-'));
    const tuned: LadderScheme = { ...retail, bounds: retail.bounds.map((b) => (b.tier === 'vip' ? { ...b, min: 300_000 } : b)) };
    writeFileSync(join(dir, 'scheme.json'), JSON.stringify(tuned));
    const out = join(dir, 'out.csv');
    const r = spawnSync('npm', ['run', '-s', 'tierlens', '--', 'apply', '--scheme', join(dir, 'scheme.json'), '--input', 'data-samples/retail_panel_24m.parquet', '--out', out], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const bound = `CASE near_tier ${tuned.bounds.map((b) => `WHEN '${b.tier}' THEN ${b.min}`).join(' ')} END`;
    const cli = (
      await c.runAndReadAll(`SELECT customer_id, tier, near_tier FROM read_csv('${out}') WHERE near_tier IS NOT NULL AND CAST(period AS VARCHAR) = '2025-12-31'
        ORDER BY ${bound} - aum, customer_id LIMIT ${page.length}`)
    ).getRowsJS();
    expect(page.map((p) => `${p.id} ${p.tier}→${p.near}`)).toEqual(cli.map(([id, tier, n]) => `${String(id)} ${String(tier)}→${String(n)}`));
  });
  test('a Parquet file: the dashboard reads the columns it uses, a customer list the names, the preview the rest', async () => {
    await freshPage(h);
    const page = h.page;
    await page.setInputFiles('[data-testid="file-input"]', 'data-samples/retail_panel_24m.parquet');
    await expect.poll(() => page.getByTestId('sample-replaced').count(), { timeout: 60_000 }).toBe(1);
    await settled(h);
    // The load report is in the page while folded: which columns nothing has asked for yet.
    const pending = () => page.locator('.data-panel tr:has(td.pending) td:first-child').allTextContents();
    const unread = await pending();
    expect(unread).toEqual(expect.arrayContaining(['customer_name', 'id_number', 'phone', 'consumption_12m']));
    expect(unread).not.toContain('aum');
    expect(unread).not.toContain('branch');

    // A tier's list names its customers (masked): the names are read for it.
    await page.locator('[data-cell="tiers"] details.drill-menu > summary').click();
    await page.locator('[data-cell="tiers"] details.drill-menu .menu-items').getByRole('button').nth(1).click();
    const dialog = page.getByTestId('customer-list');
    await dialog.locator('.vtable-row').first().waitFor({ timeout: 60_000 });
    const first = await dialog.locator('.vtable-row').first().locator('[role="cell"]').allTextContents();
    expect(first[1]).toMatch(/^\S+\*/);
    await page.keyboard.press('Escape');
    expect(await pending()).not.toContain('customer_name');
    expect(await pending()).toContain('id_number');

    // The preview shows every column: the rest are read, with the stage said while they are.
    await page.locator('.data-panel > summary').click();
    await expect.poll(pending, { timeout: 60_000 }).toEqual([]);
    await expect.poll(() => page.locator('.data-panel').textContent(), { timeout: 60_000 }).toContain('consumption_12m');
  });
});
