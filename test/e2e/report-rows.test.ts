import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SAMPLE_NAME } from '../../src/app/first-view';
import { openApp, overviewRows, settled, type Harness } from './harness';

interface Expected {
  branchReport: { customers: { customer_id: string }[]; leftOut: { line: number; kind: string; text?: string }[] };
}
const EXPECTED = JSON.parse(readFileSync('test/fixtures/reports/expected.json', 'utf8')) as Expected;
const FILE = 'branch_report.xlsx';

/**
 * A branch report as an office suite writes it (title rows, 小计 after each branch, 合计, a
 * footnote) dropped into the page: the overview counts the customers only, the load report lists
 * the rows left out with their lines, and one taken back in is counted again.
 */
describe('office report in Chromium', () => {
  let h: Harness;
  const datasetRows = () => overviewRows(h.page);
  beforeAll(async () => {
    h = await openApp();
    await h.page.goto(`${h.origin}/`);
    await settled(h);
    await h.page.getByText('数据与加载报告').click();
  });
  afterAll(async () => h?.close());

  test('exactly the customers are rows; the left-out rows are listed with their lines and can be taken back', async () => {
    // The report alone: the bundled sample goes.
    const sample = h.page.locator('details.file-report', { hasText: SAMPLE_NAME });
    await sample.locator('..').getByRole('button', { name: '移除', exact: true }).click();
    await expect.poll(() => sample.count(), { timeout: 30_000 }).toBe(0);
    await h.page.setInputFiles('[data-testid="file-input"]', { name: FILE, mimeType: 'application/octet-stream', buffer: readFileSync(`test/fixtures/reports/${FILE}`) });
    const report = h.page.locator('details.file-report', { hasText: FILE });
    await expect.poll(() => report.count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => h.page.locator('.busy').count(), { timeout: 60_000 }).toBe(0);
    const customers = EXPECTED.branchReport.customers.length;
    await expect.poll(datasetRows, { timeout: 30_000 }).toBe(customers);
    expect(await report.locator('summary').textContent()).toContain(`${customers} 行 ·`);

    const leftOut = report.locator('table.left-out tbody tr');
    const rows = await leftOut.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent ?? '')));
    expect(rows).toEqual(EXPECTED.branchReport.leftOut.map((r) => [String(r.line), r.kind === 'note' ? '注释' : '汇总/小计', r.text ?? '']));
    expect(await report.getByTestId('left-out-count').textContent()).toContain('5');

    // 合计 taken back in: one more row, and the control turns into "leave out".
    const total = report.locator('table.left-out tbody tr', { hasText: '合 计' });
    await total.getByRole('button', { name: '计入客户' }).click();
    await expect.poll(datasetRows, { timeout: 30_000 }).toBe(customers + 1);
    await expect.poll(() => total.getByRole('button', { name: '不计入' }).count(), { timeout: 30_000 }).toBe(1);
    await total.getByRole('button', { name: '不计入' }).click();
    await expect.poll(datasetRows, { timeout: 30_000 }).toBe(customers);
    await h.page.screenshot({ path: 'test-results/e2e/report-rows.png' });
    expect(h.outside).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
