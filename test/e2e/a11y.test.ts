import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openWithSample, SHOTS, type Harness } from './harness';

// axe-core's own build, handed to the page by the test (the app ships none of it).
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  readonly id: string;
  readonly help: string;
  readonly nodes: readonly string[];
}

/** Every axe rule (WCAG 2 A/AA and best practices such as heading order) over `scope`. */
async function violations(page: Page, scope = 'body'): Promise<Violation[]> {
  // Evaluated through the debugger protocol: the page's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document.querySelector(sel), { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, scope);
}

describe('accessibility (axe-core in Chromium, bundled sample)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openWithSample({ width: 1366, height: 768 });
  });
  afterAll(async () => h?.close());

  for (const lang of ['zh', 'en'] as const) {
    test(`${lang}: the dashboard, every view computed, has no violation`, async () => {
      const page = h.page;
      if ((await page.evaluate(() => document.documentElement.lang)) !== (lang === 'zh' ? 'zh-CN' : 'en')) await page.locator('header button.lang').click();
      // Every view in sight once, so each has its chart and table.
      for (const id of await page.$$eval('[data-cell]', (els) => els.map((e) => e.getAttribute('data-cell') ?? ''))) {
        await page.locator(`[data-cell="${id}"]`).first().scrollIntoViewIfNeeded();
        await page.waitForFunction((cell) => !/^(pending|running|deferred)$/.test(document.querySelector(`[data-cell="${cell}"]`)?.getAttribute('data-status') ?? ''), id, { timeout: 60_000 });
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await violations(page)).toEqual([]);
    });
  }

  test('menus open without violations (cell actions, exports, the notebook menu)', async () => {
    const page = h.page;
    await page.locator('[data-cell="tiers"] .export-menu > summary').click();
    await page.locator('[data-cell="tiers"] .cell-actions > summary').click();
    await page.locator('.notebook-menu > summary').click();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  test('the filter menu with a field chosen, and a customer list, have no violation', async () => {
    const page = h.page;
    await page.locator('.filter-menu > summary').click();
    await page.locator('.filter-menu select').selectOption('branch');
    await page.locator('.filter-values label').first().waitFor({ timeout: 30_000 });
    expect(await violations(page, '.filter-bar')).toEqual([]);
    await page.keyboard.press('Escape');
    const tiers = page.locator('[data-cell="tiers"]');
    await tiers.locator('.drill-menu > summary').click();
    await tiers.locator('.drill-menu .menu-items button').first().click();
    await page.getByTestId('customer-list').locator('.vtable').waitFor({ timeout: 30_000 });
    expect(await violations(page, '.customer-list')).toEqual([]);
    await page.keyboard.press('Escape');
  });

  test('the load report, opened, has no violation', async () => {
    const page = h.page;
    await page.locator('details.data-panel > summary').click();
    await page.locator('details.file-report').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
    // The preview is read when the panel opens: check it too, once it is there.
    await page.getByTestId('preview-table').waitFor({ timeout: 30_000 });
    expect(await violations(page, 'details.data-panel')).toEqual([]);
    await page.locator('details.data-panel > summary').click();
  });

  test('the deck (title slide and a chart slide) has no violation', async () => {
    const page = h.page;
    await page.locator('.toolbar-actions button.primary').click();
    await page.locator('.slideshow').waitFor();
    expect(await violations(page, '.slideshow')).toEqual([]);
    await page.keyboard.press('ArrowRight');
    await page.locator('.slideshow .chart[data-rendered="true"]').waitFor({ timeout: 30_000 });
    expect(await violations(page, '.slideshow')).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/a11y-deck-chart-slide.png` });
    await page.keyboard.press('Escape');
  });

  test('the skip link is the first Tab stop and lands on the first threshold slider', async () => {
    const page = h.page;
    // Focus starts over from the top of the page, as on a fresh load.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('range');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-cell]')?.getAttribute('data-cell'))).toBe('scheme');
  });

  test('nothing left the origin', () => {
    expect(h.outside).toEqual([]);
  });
});
