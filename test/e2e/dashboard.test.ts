import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openWithSample, SHOTS, type Harness } from './harness';

interface ChartSeen {
  readonly cell: string;
  readonly renders: number;
  readonly pixels: number;
}

/** The painted charts at least 40 % in sight: their cell, how often they painted, a pixel checksum. */
function chartsInView(page: Page): Promise<ChartSeen[]> {
  return page.evaluate(() => {
    const seen: { cell: string; renders: number; pixels: number }[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[data-cell] .chart[data-rendered="true"]')) {
      const r = el.getBoundingClientRect();
      const visible = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
      if (r.height === 0 || visible / r.height < 0.4 || r.right <= 0 || r.left >= innerWidth) continue;
      const canvas = el.querySelector('canvas');
      const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      if (!data) continue;
      let sum = 0;
      let painted = 0;
      for (let i = 0; i < data.length; i += 4) {
        sum = (sum * 31 + data[i]! + data[i + 1]! * 7 + data[i + 2]! * 13) % 2_147_483_647;
        if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) painted++;
      }
      if (painted / (data.length / 4) < 0.01) continue;
      seen.push({ cell: el.closest('[data-cell]')!.getAttribute('data-cell')!, renders: Number(el.dataset.renderCount ?? 0), pixels: sum });
    }
    return seen;
  });
}

/** Charts seen both times that painted again with other pixels. */
function changed(before: readonly ChartSeen[], after: readonly ChartSeen[]): string[] {
  return after.filter((a) => before.some((b) => b.cell === a.cell && a.renders > b.renders && a.pixels !== b.pixels)).map((a) => a.cell);
}

/** Waits until the cells in sight have their results (views out of sight wait until seen). */
async function inSightReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-cell]')].every((c) => {
        const r = c.getBoundingClientRect();
        const inSight = r.bottom > 0 && r.top < innerHeight;
        return !inSight || !/^(pending|running|deferred)$/.test(c.getAttribute('data-status') ?? '');
      }),
    null,
    { timeout: 60_000 },
  );
  // Painted, not only computed.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Whether an element lies wholly inside the window (or, with `share`, at least that share of its height). */
async function inWindow(page: Page, selector: string, share = 1): Promise<boolean> {
  return page.locator(selector).first().evaluate((el, need) => {
    const r = el.getBoundingClientRect();
    const visible = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
    return r.height > 0 && r.left >= 0 && r.right <= innerWidth && visible / r.height >= need - 1e-9;
  }, share);
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
]) {
  describe(`the dashboard at ${size.width}×${size.height} (Chromium, bundled sample)`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await openWithSample(size);
    });
    afterAll(async () => h?.close());
    const vip = (lang: 'zh' | 'en') => h.page.getByRole('slider', { name: lang === 'zh' ? '贵宾' : 'VIP', exact: true });

    for (const lang of ['zh', 'en'] as const) {
      test(`${lang}: the first screen holds the period control, the key figures, a painted tier chart and the sliders`, async () => {
        const page = h.page;
        if ((await page.evaluate(() => document.documentElement.lang)) !== (lang === 'zh' ? 'zh-CN' : 'en')) await page.locator('header button.lang').click();
        await page.evaluate(() => window.scrollTo(0, 0));
        await inSightReady(page);
        await page.screenshot({ path: `${SHOTS}/dashboard-${size.width}x${size.height}-${lang}.png` });
        expect(await inWindow(page, '.period-bar')).toBe(true);
        expect(await inWindow(page, '[data-testid="kpis"]')).toBe(true);
        expect(await page.locator('[data-testid="kpis"] [data-kpi]').count()).toBeGreaterThanOrEqual(6);
        expect(await vip(lang).isVisible()).toBe(true);
        expect(await inWindow(page, '[data-cell="scheme"] .knob:nth-child(2) input[type="range"]')).toBe(true);
        // The tier chart: painted, and at least its plot (the chart less its legend) in sight.
        expect(await inWindow(page, '[data-cell="tiers"] .chart', 0.8)).toBe(true);
        const charts = await chartsInView(page);
        expect(charts.map((c) => c.cell)).toContain('tiers');
        // No drop zone over the dashboard: the add-data bar is one line.
        expect(await page.locator('.dropzone.compact').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(60);
      });
    }

    test('dragging the VIP slider with the mouse repaints at least two charts in view, at the top and beside the histogram', async () => {
      const page = h.page;
      if ((await page.evaluate(() => document.documentElement.lang)) !== 'zh-CN') await page.locator('header button.lang').click();
      for (const where of ['top', 'histogram'] as const) {
        if (where === 'top') await page.evaluate(() => window.scrollTo(0, 0));
        else await page.locator(`[data-cell="${where}"]`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await inSightReady(page);
        const box = (await vip('zh').boundingBox())!;
        const at = await vip('zh').evaluate((el: HTMLInputElement) => (Number(el.value) - Number(el.min)) / (Number(el.max) - Number(el.min)));
        // The thumb (16 px wide) sits along the track less its own width.
        const x = box.x + 8 + at * (box.width - 16);
        const y = box.y + box.height / 2;
        const before = await chartsInView(page);
        await page.mouse.move(x, y);
        await page.mouse.down();
        for (let dx = 6; dx <= 24; dx += 6) {
          await page.mouse.move(x + dx, y);
          await page.waitForTimeout(60);
        }
        // Still held: the charts in sight have followed the thumb already.
        await expect.poll(async () => changed(before, await chartsInView(page)).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
        await page.mouse.up();
        // Back where it was, for the next position.
        await page.locator('[data-cell="scheme"]').getByRole('textbox', { name: '贵宾 数值' }).fill('50万');
        await page.locator('[data-cell="scheme"]').getByRole('textbox', { name: '贵宾 数值' }).press('Enter');
        await inSightReady(page);
      }
    });

    test('arrow keys on the VIP slider repaint at least two charts in view wherever the page is scrolled', async () => {
      const page = h.page;
      const seenAt: Record<string, string[]> = {};
      // Each stretch where charts follow the thresholds: the tables (near, sensitivity, before/after)
      // and the threshold-free Lorenz curve sit between them.
      for (const where of ['top', 'histogram', 'tier-by-branch', 'migration', 'psi', 'sankey'] as const) {
        if (where === 'top') await page.evaluate(() => window.scrollTo(0, 0));
        else await page.locator(`[data-cell="${where}"]`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await inSightReady(page);
        const before = await chartsInView(page);
        await vip('zh').focus();
        for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
        await expect.poll(async () => changed(before, await chartsInView(page)), { timeout: 5_000, message: `scrolled to ${where}: ${before.map((c) => c.cell).join(', ')} in view` }).toSatisfy((c: string[]) => c.length >= 2);
        seenAt[where] = changed(before, await chartsInView(page));
        if (where === 'histogram') await page.screenshot({ path: `${SHOTS}/dashboard-${size.width}x${size.height}-tuning.png` });
        for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
        await expect.poll(() => page.getByRole('textbox', { name: '贵宾 数值' }).inputValue()).toBe('50万');
        await inSightReady(page);
      }
      expect(seenAt.top).toEqual(expect.arrayContaining(['tiers']));
      expect(seenAt.histogram).toEqual(expect.arrayContaining(['histogram']));
    });

    test('nothing left the origin and the console stayed clean', () => {
      expect(h.outside).toEqual([]);
      expect(h.consoleErrors).toEqual([]);
    });
  });
}
