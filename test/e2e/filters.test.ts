import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openWithSample, SHOTS, settled, tierCounts, type Harness } from './harness';

const SAMPLE = 'data-samples/retail_panel_24m.parquet';

/** Retail-aum counts for December 2025 in one branch, by plain SQL on native DuckDB (a bound parameter). */
async function branchCounts(branch: string): Promise<Record<string, number>> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.runAndReadAll(
    `SELECT CASE WHEN aum IS NULL OR aum < 0 THEN 'unrated' WHEN aum >= 5000000 THEN 'private' WHEN aum >= 500000 THEN 'vip'
                 WHEN aum >= 100000 THEN 'affluent' WHEN aum >= 50000 THEN 'wealth' ELSE 'mass' END AS tier, count(*)::INTEGER AS n
     FROM '${SAMPLE}' WHERE snapshot_date = DATE '2025-12-31' AND branch = $1 GROUP BY ALL`,
    [branch],
  );
  const out: Record<string, number> = { private: 0, vip: 0, affluent: 0, wealth: 0, mass: 0, unrated: 0 };
  for (const [tier, n] of r.getRowsJS()) out[String(tier)] = Number(n);
  c.closeSync();
  return out;
}

describe('filters in Chromium (bundled sample)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openWithSample({ width: 1366, height: 768 });
  });
  afterAll(async () => h?.close());

  const branchFilter = async (branch: string) => {
    const page = h.page;
    await page.locator('.filter-menu > summary').click();
    await page.getByRole('combobox', { name: '字段' }).selectOption('branch');
    const value = page.locator('.filter-values label', { hasText: branch });
    await value.waitFor({ timeout: 30_000 });
    await value.locator('input[type="checkbox"]').check();
    await page.getByRole('button', { name: '应用筛选' }).click();
  };

  test('filtering by one branch gives the tier counts plain SQL gives for that branch; a chip says so', async () => {
    const page = h.page;
    const whole = await tierCounts(page);
    await branchFilter('杭州滨江支行');
    const chip = page.locator('.filter-chip[data-field="branch"]');
    await expect.poll(() => chip.textContent(), { timeout: 30_000 }).toContain('杭州滨江支行');
    await settled(h);
    const expected = await branchCounts('杭州滨江支行');
    await expect.poll(() => tierCounts(page), { timeout: 30_000 }).toEqual(expected);
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeLessThan(Object.values(whole).reduce((a, b) => a + b, 0));
    // The key figures follow: customers of the period in that branch.
    const customers = async () => Number(((await page.locator('[data-kpi="customers"] dd').textContent()) ?? '').replaceAll(',', ''));
    await expect.poll(customers, { timeout: 30_000 }).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    expect(await page.getByTestId('filtered-rows').textContent()).toMatch(/筛选后 [\d,]+ 行，共 [\d,]+ 行/);
    await page.screenshot({ path: `${SHOTS}/60-filter-branch.png` });
  });

  test('a slider move under the filter stays exact', async () => {
    const field = h.page.getByRole('textbox', { name: '贵宾 数值' });
    await field.fill('50万');
    await field.press('Enter');
    await settled(h);
    expect(await tierCounts(h.page)).toEqual(await branchCounts('杭州滨江支行'));
  });

  test('the filter survives a reload (autosave), and removing its chip shows the whole data again', async () => {
    const page = h.page;
    await page.waitForTimeout(1500); // the autosave writes a second after the last change
    await page.reload();
    await settled(h);
    const chip = page.locator('.filter-chip[data-field="branch"]');
    await expect.poll(() => chip.count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => tierCounts(page), { timeout: 60_000 }).toEqual(await branchCounts('杭州滨江支行'));
    await chip.getByRole('button').click();
    await expect.poll(() => chip.count()).toBe(0);
    await settled(h);
    const total = Object.values(await tierCounts(page)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(Object.values(await branchCounts('杭州滨江支行')).reduce((a, b) => a + b, 0));
  });

  test('slides and the printed page name the filters in force', async () => {
    const page = h.page;
    await branchFilter('杭州上城支行');
    await settled(h);
    await page.getByRole('button', { name: '演示模式' }).click();
    await expect.poll(() => page.locator('.slideshow').textContent()).toContain('杭州上城支行');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.slideshow .slide-filters').textContent()).toBe('筛选：机构：杭州上城支行');
    await page.keyboard.press('Escape');
    expect(await page.locator('.print-filters').textContent()).toBe('筛选：机构：杭州上城支行');
    // Every printed page: the filters in the page's top margin, as the browser parsed the rule.
    const rule = await page.getByTestId('print-filters-rule').evaluate((el) => (el as HTMLStyleElement).sheet!.cssRules[0]!.cssText);
    expect(rule).toMatch(/^@page \{\s*@top-left \{ content: "筛选：机构：杭州上城支行"; \}\s*\}$/);
  });

  test('a tier of another scheme filters the dashboard: its chip names the scheme and the tiers', async () => {
    const page = h.page;
    await page.getByRole('button', { name: '清除全部筛选' }).click();
    await expect.poll(() => page.locator('.filter-chip').count()).toBe(0);
    await settled(h);
    const whole = Object.values(await tierCounts(page)).reduce((a, b) => a + b, 0);
    await page.locator('.filter-menu > summary').click();
    const field = page.getByRole('combobox', { name: '字段' });
    const option = await field.locator('optgroup option', { hasText: '储蓄' }).first().getAttribute('value');
    expect(option).toMatch(/^tier:/);
    await field.selectOption(option!);
    const boxes = page.locator('.filter-values label');
    await boxes.first().waitFor();
    const first = (await boxes.first().textContent())!.trim();
    await boxes.first().locator('input').check();
    await page.getByRole('button', { name: '应用筛选' }).click();
    const chip = page.locator(`.filter-chip[data-field="${option}"]`);
    await expect.poll(() => chip.textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^层级（.*储蓄.*）：${first}`));
    // Fewer rows, and the tier chart follows: fewer customers, but some.
    const rows = async () => {
      const m = /筛选后 ([\d,]+) 行，共 ([\d,]+) 行/.exec((await page.getByTestId('filtered-rows').textContent()) ?? '');
      return m ? Number(m[2]!.replaceAll(',', '')) - Number(m[1]!.replaceAll(',', '')) : 0;
    };
    await expect.poll(rows, { timeout: 30_000 }).toBeGreaterThan(0);
    await settled(h);
    const customers = async () => Object.values(await tierCounts(page)).reduce((a, b) => a + b, 0);
    await expect.poll(customers, { timeout: 30_000 }).toBeLessThan(whole);
    expect(await customers()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/61-filter-tier.png` });
  });

  test('nothing left the origin and the console stayed clean', () => {
    expect(h.outside).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
