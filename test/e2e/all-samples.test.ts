import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, paintedShare, settled, type Harness } from './harness';

const SAMPLES = readdirSync('data-samples').filter((f) => !f.endsWith('.md')).sort();

describe('every bundled sample, offline, in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
    await h.page.goto(`${h.origin}/`);
    await h.page.waitForSelector('[data-cell="tiers"] .chart[data-rendered="true"]', { timeout: 60_000 });
    await h.page.getByText('数据与加载报告').click();
  });
  afterAll(async () => h?.close());

  test.each(SAMPLES)('%s loads through the file input without a failure', async (name) => {
    await h.page.setInputFiles('[data-testid="file-input"]', { name, mimeType: 'application/octet-stream', buffer: readFileSync(`data-samples/${name}`) });
    const report = h.page.locator('details.file-report', { hasText: name });
    await expect.poll(() => report.count(), { timeout: 60_000 }).toBe(1);
    expect(await h.page.locator('.failures').count()).toBe(0);
  });

  test('the tier chart repaints over the stacked data and the dataset exports as Parquet', async () => {
    await settled(h);
    expect(await paintedShare(h.page, '[data-cell="tiers"] .chart')).toBeGreaterThan(0.02);
    const [download] = await Promise.all([h.page.waitForEvent('download'), h.page.getByRole('button', { name: '导出数据集（Parquet）' }).click()]);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PAR1');
    await h.page.screenshot({ path: 'test-results/e2e/03-all-samples.png' });
  });

  test('no request left the page origin', () => {
    expect(h.outside).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
