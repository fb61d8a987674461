import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openWithSample, SHOTS, tierCounts, type Harness } from './harness';

/** The CLI's `migrate` counts for the sample, November → December 2025, as `from>to` → customers. */
function cliMigrate(): Map<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'tierlens-drill-'));
  try {
    const out = join(dir, 'mig.json');
    const r = spawnSync('npm', ['run', '-s', 'tierlens', '--', 'migrate', '--scheme', 'retail-aum', '--input', 'data-samples/retail_panel_24m.parquet', '--from', '2025-11-30', '--to', '2025-12-31', '--out', out], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(r.stderr);
    const cells = JSON.parse(readFileSync(out, 'utf8')) as { from_tier: string; to_tier: string; customers: number }[];
    return new Map(cells.map((c) => [`${c.from_tier}>${c.to_tier}`, Number(c.customers)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where a chart draws a data point (convertToPixel, through the test hook), in page coordinates. */
async function pointOf(page: Page, cell: string, finder: object, value: unknown[]): Promise<{ x: number; y: number }> {
  const chart = page.locator(`[data-cell="${cell}"] .chart`);
  const box = (await chart.boundingBox())!;
  const [x, y] = await chart.evaluate((el, [f, v]) => (el as unknown as { tierlensToPixel: (f: object, v: unknown) => number[] }).tierlensToPixel(f as object, v), [finder, value] as const);
  return { x: box.x + x!, y: box.y + y! };
}

/** The open customer list: its title and how many rows its table holds. */
async function listed(page: Page): Promise<{ title: string; rows: number }> {
  const dialog = page.getByTestId('customer-list');
  await dialog.locator('.vtable').waitFor({ timeout: 30_000 });
  return { title: (await dialog.locator('h2').textContent()) ?? '', rows: Number(await dialog.locator('.vtable').getAttribute('aria-rowcount')) - 1 };
}

describe('drill-down to the customers (Chromium, bundled sample)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openWithSample({ width: 1440, height: 900 });
  });
  afterAll(async () => h?.close());

  test('clicking the 贵宾 bar lists exactly as many customers as the bar shows, largest first, names masked', async () => {
    const page = h.page;
    const vip = (await tierCounts(page)).vip!;
    await page.locator('[data-cell="tiers"]').scrollIntoViewIfNeeded();
    // VIP is the second tier: a point a little above the axis is inside its bar.
    const at = await pointOf(page, 'tiers', { xAxisIndex: 0, yAxisIndex: 0 }, [1, vip / 4]);
    await page.mouse.click(at.x, at.y);
    const list = await listed(page);
    expect(list.rows).toBe(vip);
    expect(list.title).toContain('贵宾');
    expect(list.title).toContain(vip.toLocaleString('en'));
    const dialog = page.getByTestId('customer-list');
    const first = await dialog.locator('.vtable-row').first().locator('[role="cell"]').allTextContents();
    // Customer id, name (masked), branch, tier, amount.
    expect(first[1]).toMatch(/\*/);
    expect(first[3]).toBe('贵宾');
    const amounts = await dialog.locator('.vtable-row').evaluateAll((rows) => rows.slice(0, 10).map((r) => Number((r.querySelectorAll('[role="cell"]')[4]?.textContent ?? '').replaceAll(',', ''))));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    await page.screenshot({ path: `${SHOTS}/70-drill-vip.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  test('clicking a heatmap cell lists exactly the customers the CLI counts for that move', async () => {
    const page = h.page;
    const expected = cliMigrate();
    const cell = page.locator('[data-cell="migration"]');
    await cell.scrollIntoViewIfNeeded();
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await cell.locator('.chart[data-rendered="true"]').waitFor({ timeout: 30_000 });
    // 财富 (affluent) → 贵宾 (vip): row 3 ((new), private, vip, affluent…), column 1 (private, vip, …).
    const at = await pointOf(page, 'migration', { seriesIndex: 0 }, [1, 3]);
    await page.mouse.click(at.x, at.y);
    const list = await listed(page);
    expect(list.title).toMatch(/^财富 → 贵宾/);
    expect(list.rows).toBe(expected.get('affluent>vip'));
    await page.keyboard.press('Escape');
    // The keyboard way: the view's customer menu lists every move; (new) → 大众 is there too.
    await cell.locator('.drill-menu > summary').click();
    await cell.locator('.drill-menu').getByRole('button', { name: /^新增 → 大众/ }).click();
    expect((await listed(page)).rows).toBe(expected.get('(new)>mass'));
    await page.keyboard.press('Escape');
  });

  test('clicking a Sankey link lists the customers of that flow; every flow is in the menu too', async () => {
    const page = h.page;
    const cell = page.locator('[data-cell="sankey"]');
    await cell.scrollIntoViewIfNeeded();
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    const chart = cell.locator('.chart[data-rendered="true"]');
    await chart.waitFor({ timeout: 30_000 });
    // The largest flow between two different tiers: its value and where it is drawn.
    const links = await chart.evaluate((el) => (el as unknown as { tierlensOption: () => { series: { links: { source: string; target: string; value: number }[] }[] } }).tierlensOption().series[0]!.links);
    const tierOf = (id: string) => id.split('|')[1];
    const k = links.reduce((best, l, i) => (tierOf(l.source) !== tierOf(l.target) && l.value > (links[best]?.value ?? 0) ? i : best), -1);
    const link = links[k]!;
    const box = (await chart.boundingBox())!;
    const [x, y] = (await chart.evaluate((el, i) => (el as unknown as { tierlensEdgeAt: (s: number, e: number) => number[] }).tierlensEdgeAt(0, i), k))!;
    await page.mouse.click(box.x + x!, box.y + y!);
    const list = await listed(page);
    expect(list.rows).toBe(link.value);
    const [from, to] = [link.source.split('|')[0]!, link.target.split('|')[0]!];
    expect(list.title).toContain(`（${from.slice(0, 7)} → ${to.slice(0, 7)}）`);
    await page.keyboard.press('Escape');
    await cell.locator('.drill-menu > summary').click();
    expect(await cell.locator('.drill-menu .menu-items button').count()).toBe(links.length);
    await page.keyboard.press('Escape');
  });

  test('under a filter, the list holds only the filtered customers', async () => {
    const page = h.page;
    await page.locator('.filter-menu > summary').click();
    await page.getByRole('combobox', { name: '字段' }).selectOption('branch');
    const value = page.locator('.filter-values label', { hasText: '杭州西湖支行' });
    await value.waitFor({ timeout: 30_000 });
    await value.locator('input[type="checkbox"]').check();
    await page.getByRole('button', { name: '应用筛选' }).click();
    await expect.poll(() => page.locator('.filter-chip').count()).toBe(1);
    await expect.poll(async () => (await tierCounts(page)).vip, { timeout: 30_000 }).toBeLessThan(1000);
    const vip = (await tierCounts(page)).vip!;
    const tiers = page.locator('[data-cell="tiers"]');
    await tiers.locator('.drill-menu > summary').click();
    await tiers.locator('.drill-menu').getByRole('button', { name: /^贵宾/ }).click();
    const list = await listed(page);
    expect(list.rows).toBe(vip);
    const branches = await page.getByTestId('customer-list').locator('.vtable-row').evaluateAll((rows) => [...new Set(rows.map((r) => r.querySelectorAll('[role="cell"]')[2]?.textContent))]);
    expect(branches).toEqual(['杭州西湖支行']);
    await page.keyboard.press('Escape');
  });

  test('a by-branch bar lists that branch\'s tier, and "only this branch" filters the dashboard to it', async () => {
    const page = h.page;
    await page.getByRole('button', { name: '清除全部筛选' }).click();
    await expect.poll(() => page.locator('.filter-chip').count()).toBe(0);
    const cell = page.locator('[data-cell="tier-by-branch"]');
    await cell.scrollIntoViewIfNeeded();
    await cell.locator('.chart[data-rendered="true"]').waitFor({ timeout: 30_000 });
    const branch = await cell.locator('.chart').evaluate((el) => ((el as unknown as { tierlensOption: () => { yAxis: { data: string[] }[] } }).tierlensOption().yAxis[0]!.data[0]!));
    // Shares stack best tier first: 80 % along the bar is in the 大众 (mass) segment.
    const at = await pointOf(page, 'tier-by-branch', { xAxisIndex: 0, yAxisIndex: 0 }, [0.8, 0]);
    await page.mouse.click(at.x, at.y);
    const list = await listed(page);
    expect(list.title).toContain(branch);
    expect(list.title).toContain('大众');
    const shown = await page.getByTestId('customer-list').locator('.vtable-row').evaluateAll((rows) => [...new Set(rows.map((r) => r.querySelectorAll('[role="cell"]')[2]?.textContent))]);
    expect(shown).toEqual([branch]);
    await page.getByTestId('customer-list').getByRole('button', { name: '只看此机构' }).click();
    await expect.poll(() => page.locator('.filter-chip[data-field="branch"]').textContent()).toContain(branch);
  });

  test('segments side by side: two chosen branches, a bar lists its customers, the choice survives a reload', async () => {
    const page = h.page;
    await page.getByRole('button', { name: '清除全部筛选' }).click();
    await expect.poll(() => page.locator('.filter-chip').count()).toBe(0);
    const cell = page.locator('[data-cell="segments"]');
    await cell.scrollIntoViewIfNeeded();
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    const names = () => cell.locator('.vtable-row').evaluateAll((rows) => rows.map((r) => r.querySelector('[role="cell"]')?.textContent ?? ''));
    // The whole, then the four largest branches.
    await expect.poll(async () => (await names()).length, { timeout: 30_000 }).toBe(5);
    expect((await names())[0]).toBe('全部客户');
    await cell.locator('.segment-menu > summary').click();
    const boxes = cell.locator('.segment-menu .filter-values label');
    await boxes.first().waitFor({ timeout: 30_000 });
    for (const box of await boxes.all()) await box.locator('input').uncheck();
    for (const branch of ['宁波海曙支行', '杭州上城支行']) await boxes.filter({ hasText: branch }).locator('input').check();
    await cell.getByRole('button', { name: '对比所选' }).click();
    await expect.poll(names, { timeout: 30_000 }).toEqual(['全部客户', '宁波海曙支行', '杭州上城支行']);

    // The 贵宾 bar of the first branch's panel lists as many customers as its share of the branch.
    const chart = cell.locator('.chart[data-rendered="true"]');
    await chart.waitFor({ timeout: 30_000 });
    const { share } = await chart.evaluate((el) => {
      const o = (el as unknown as { tierlensOption: () => { series: { id: string; data: (number | string)[] }[] } }).tierlensOption();
      const vip = o.series.find((s) => s.id === 'seg|1|vip')!;
      return { share: Number(vip.data[1]) };
    });
    const branchRow = (await cell.locator('.vtable-row').nth(1).locator('[role="cell"]').allTextContents()).map((x) => x.trim());
    const branchCustomers = Number(branchRow[1]!.replaceAll(',', ''));
    const at = await pointOf(page, 'segments', { xAxisIndex: 1, yAxisIndex: 1 }, [1, share / 2]);
    await page.mouse.click(at.x, at.y);
    const list = await listed(page);
    expect(list.title).toMatch(/^宁波海曙支行 · 贵宾/);
    expect(list.rows).toBe(Math.round(share * branchCustomers));
    await page.keyboard.press('Escape');

    await page.waitForTimeout(1500); // the autosave writes a second after the last change
    await page.reload();
    const again = page.locator('[data-cell="segments"]');
    await again.waitFor({ timeout: 60_000 });
    await again.scrollIntoViewIfNeeded();
    await expect.poll(() => again.locator('.vtable-row').evaluateAll((rows) => rows.map((r) => r.querySelector('[role="cell"]')?.textContent ?? '')), { timeout: 60_000 }).toEqual(['全部客户', '宁波海曙支行', '杭州上城支行']);
  });

  test('nothing left the origin and the console stayed clean', () => {
    expect(h.outside).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
