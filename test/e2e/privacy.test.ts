import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportAs, openApp, settled, type Harness } from './harness';

async function parquetColumns(path: string): Promise<string[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const names = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).getRowsJS().map((r) => String(r[0]));
  c.closeSync();
  return names;
}

describe('personal data in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
    await h.page.goto(`${h.origin}/`);
    await settled(h);
  });
  afterAll(async () => h?.close());

  test('names, ID numbers and phones are masked by default; unmasking needs confirmation and is logged', async () => {
    await h.page.getByText('数据与加载报告').click();
    const preview = h.page.locator('[data-testid="preview-table"]');
    await expect.poll(() => preview.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const firstRow = () => preview.locator('tbody tr').first().textContent();
    expect(await firstRow()).toMatch(/\d{6}\*{8}\d{3}[\dX]/); // ID number masked
    expect(await firstRow()).toMatch(/1\d{2}\*{4}\d{4}/); // phone masked
    const privacy = h.page.getByTestId('privacy');
    await privacy.getByRole('button', { name: '显示敏感信息…' }).click();
    await privacy.getByRole('button', { name: '确认显示' }).click();
    await expect.poll(firstRow).toMatch(/\d{17}[\dX]/);
    await privacy.getByText(/会话日志/).click();
    expect(await privacy.textContent()).toMatch(/显示敏感信息 .*customer_name/);
    await privacy.getByRole('button', { name: '重新遮蔽' }).click();
    await expect.poll(firstRow).toMatch(/\d{6}\*{8}/);
  });

  test('a column can be marked personal: it is then masked too', async () => {
    const preview = h.page.locator('[data-testid="preview-table"]');
    const branchCell = async () => {
      const headers = await preview.locator('thead th').allTextContents();
      const i = headers.indexOf('机构');
      return preview.locator('tbody tr').first().locator('td').nth(i).textContent();
    };
    expect(await branchCell()).toMatch(/支行$/);
    await h.page.getByLabel('敏感级别: branch').first().selectOption('A');
    await expect.poll(branchCell).toMatch(/^.\*+$/);
    expect(await h.page.getByTestId('privacy').textContent()).toMatch(/敏感级别 branch → A/);
    await h.page.getByLabel('敏感级别: branch').first().selectOption('C');
  });

  test('the dataset export leaves personal columns out unless opted in', async () => {
    const exportButton = h.page.getByRole('button', { name: '导出数据集（Parquet）' });
    const [plain] = await Promise.all([h.page.waitForEvent('download'), exportButton.click()]);
    const cols = await parquetColumns((await plain.path())!);
    expect(cols).toContain('aum');
    expect(cols).not.toContain('customer_name');
    expect(cols).not.toContain('id_number');
    expect(cols).not.toContain('phone');
    await h.page.getByLabel('本次导出包含敏感列').check();
    const [full] = await Promise.all([h.page.waitForEvent('download'), exportButton.click()]);
    expect(await parquetColumns((await full.path())!)).toEqual(expect.arrayContaining(['customer_name', 'id_number', 'phone']));
    expect(await h.page.getByTestId('privacy').textContent()).toMatch(/导出 dataset\.parquet.*customer_name/);
  });

  test('an SQL cell shows names masked and exports them only when asked', async () => {
    await h.page.locator('.notebook-menu > summary').click();
    await h.page.getByRole('combobox', { name: '添加单元' }).selectOption('sql');
    const cell = h.page.locator('[data-cell^="sql"]').last();
    await cell.scrollIntoViewIfNeeded();
    const editor = cell.locator('.cm-content');
    await editor.click();
    await h.page.keyboard.press('Control+A');
    await h.page.keyboard.type("SELECT customer_id, customer_name, aum FROM dataset WHERE period = '2025-12-31' ORDER BY aum DESC LIMIT 5");
    await cell.getByRole('button', { name: /运行/ }).click();
    await expect.poll(() => cell.locator('.vtable-row').count(), { timeout: 30_000 }).toBe(5);
    const text = (await cell.locator('.vtable-row').first().textContent()) ?? '';
    expect(text).toMatch(/\*/);
    const [csv] = await Promise.all([h.page.waitForEvent('download'), exportAs(cell, 'CSV')]);
    const body = readFileSync((await csv.path())!, 'utf8');
    expect(body.split('\r\n')[0]).toBe('\ufeffcustomer_id,aum');
  });

  test('nothing left the origin', () => {
    expect(h.outside).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
