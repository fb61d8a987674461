import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openWithSample, SHOTS, settled, type Harness } from './harness';

/** Printable width of A4 portrait with the dashboard's 12 mm margins, in CSS pixels (96 per inch). */
const PAGE_WIDTH_PX = (186 / 25.4) * 96;
/** A landscape slide page's content box: 277 mm less its 8 mm side paddings. */
const SLIDE_WIDTH_PX = ((277 - 16) / 25.4) * 96;

const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPdftoppm) console.warn('pdftoppm is missing (apt-get install -y poppler-utils): the PDF page checks are skipped.');

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Renders a PDF's pages to `<prefix>-N.png` (72 dpi) and returns their paths in page order. */
function pdfPages(pdf: string, prefix: string): string[] {
  const dir = prefix.slice(0, prefix.lastIndexOf('/'));
  const base = prefix.slice(prefix.lastIndexOf('/') + 1);
  for (const f of readdirSync(dir)) if (f.startsWith(`${base}-`) && f.endsWith('.png')) rmSync(`${dir}/${f}`);
  execFileSync('pdftoppm', ['-png', '-r', '72', pdf, prefix]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]))
    .map((f) => `${dir}/${f}`);
}

describe('slides and print in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openWithSample();
    // The print dialog cannot open headless: the page's print call only records that it came.
    await h.page.evaluate(() => {
      const w = window as unknown as { __printed: number };
      w.__printed = 0;
      window.print = () => void w.__printed++;
    });
  });
  afterAll(async () => h?.close());

  const printed = () => h.page.evaluate(() => (window as unknown as { __printed: number }).__printed);
  /** Ends the page's pending print as the browser does when its dialog closes. */
  const closeDialog = () => h.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

  /** Opens slide mode and walks the deck: the title slide, then charts alone, each fitting the screen. */
  async function walkSlides(lang: string, thresholds: RegExp): Promise<number> {
    const { page } = h;
    await page.getByRole('button', { name: lang === 'zh' ? '演示模式' : 'Slide mode' }).click();
    const show = page.getByTestId('slideshow');
    await show.waitFor();
    const number = page.getByTestId('slide-number');
    const total = Number(/^1 \/ (\d+)$/.exec((await number.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(5);
    // The title slide: the scheme, the data and the working thresholds (the ladder's bounds).
    const title = page.getByTestId('title-slide');
    await title.waitFor();
    expect(await page.getByTestId('deck-thresholds').textContent()).toMatch(thresholds);
    expect(await page.locator('.slideshow > .slide').locator('.export-menu, .controls, select, input').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/deck-${lang}-01-title.png` });
    const viewport = page.viewportSize()!;
    for (let i = 2; i <= total; i++) {
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => number.textContent()).toBe(`${i} / ${total}`);
      const slide = page.locator('.slideshow > .slide');
      // A chart slide: no exports, toolbars, cell chrome or parameter controls.
      expect(await slide.locator('.export-menu, .controls, .cell-actions, .toolbar, select, input').count()).toBe(0);
      await page.waitForSelector('.slideshow .chart[data-rendered="true"]', { timeout: 30_000 });
      const chart = (await slide.locator('.chart').first().boundingBox())!;
      const footer = (await page.locator('.slideshow footer').boundingBox())!;
      // The chart is large, and it and the navigation fit the screen.
      expect(chart.height).toBeGreaterThan(viewport.height * 0.5);
      expect(chart.x + chart.width).toBeLessThanOrEqual(viewport.width);
      expect(chart.y + chart.height).toBeLessThanOrEqual(footer.y + 1);
      expect(footer.y + footer.height).toBeLessThanOrEqual(viewport.height + 1);
      expect(await number.isVisible()).toBe(true);
      await page.screenshot({ path: `${SHOTS}/deck-${lang}-${String(i).padStart(2, '0')}.png` });
    }
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => number.textContent()).toBe(`${total - 1} / ${total}`);
    await page.keyboard.press('Home');
    await expect.poll(() => number.textContent()).toBe(`1 / ${total}`);
    return total;
  }

  /** Prints the deck with its PDF button: one landscape page per slide. */
  async function printDeck(lang: string, total: number): Promise<void> {
    const { page } = h;
    const before = await printed();
    await page.getByRole('button', { name: 'PDF' }).click();
    await expect.poll(printed, { timeout: 60_000 }).toBe(before + 1);
    await page.emulateMedia({ media: 'print' });
    const widths = await page.$$eval('.deck-print .chart canvas', (els) => els.map((e) => e.getBoundingClientRect().width));
    expect(widths.length).toBeGreaterThanOrEqual(total - 1);
    for (const w of widths) expect(w).toBeLessThanOrEqual(SLIDE_WIDTH_PX + 1);
    const pdf = `${SHOTS}/deck-${lang}.pdf`;
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    await closeDialog();
    await expect.poll(() => page.getByTestId('deck-print').count()).toBe(0);
    if (!hasPdftoppm) return;
    const pages = pdfPages(pdf, `${SHOTS}/deck-${lang}-pdf`);
    expect(pages.length).toBe(total);
    for (const p of pages) {
      const { width, height } = pngSize(p);
      expect(width, `${p} is landscape`).toBeGreaterThan(height);
    }
  }

  /** Prints the dashboard with its print button: every chart at most the page's width. */
  async function printDashboard(lang: string): Promise<void> {
    const { page } = h;
    const before = await printed();
    await page.getByRole('button', { name: lang === 'zh' ? '打印' : 'Print' }).click();
    await expect.poll(printed, { timeout: 120_000 }).toBe(before + 1);
    await page.emulateMedia({ media: 'print' });
    const charts = await page.$$eval('main .chart', (els) =>
      els.map((e) => {
        const main = document.querySelector('main')!.getBoundingClientRect();
        const c = e.querySelector('canvas')!.getBoundingClientRect();
        return { cell: e.closest('[data-cell]')?.getAttribute('data-cell'), left: c.left - main.left, right: c.right - main.left, width: c.width, rendered: e.getAttribute('data-rendered') };
      }),
    );
    // Every view computed and drawn, none wider than the paper.
    for (const id of ['tiers', 'tier-mix', 'migration', 'sankey', 'psi', 'projection', 'histogram', 'lorenz']) expect(charts.map((c) => c.cell)).toContain(id);
    for (const c of charts) {
      expect(c.rendered, `${c.cell} drawn`).toBe('true');
      expect(c.left, `${c.cell} inside the page`).toBeGreaterThanOrEqual(-0.5);
      expect(c.right, `${c.cell} within the page width`).toBeLessThanOrEqual(PAGE_WIDTH_PX + 0.5);
      expect(c.width, `${c.cell} drawn at the page width`).toBeGreaterThan(PAGE_WIDTH_PX * 0.8);
    }
    const pdf = `${SHOTS}/print-${lang}.pdf`;
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    await closeDialog();
    // The screen layout is back: charts as wide as the screen's cells again.
    await expect.poll(() => page.evaluate(() => document.documentElement.className)).not.toContain('print-page');
    if (!hasPdftoppm) return;
    const pages = pdfPages(pdf, `${SHOTS}/print-${lang}-pdf`);
    expect(pages.length).toBeGreaterThan(3);
    for (const p of pages) {
      const { width, height } = pngSize(p);
      expect(width, `${p} is portrait A4`).toBeLessThan(height);
    }
  }

  test('Chinese: slide mode shows a title slide then one chart per slide', async () => {
    const total = await walkSlides('zh', /≥ 500万/);
    await printDeck('zh', total);
    await h.page.keyboard.press('Escape');
    await expect.poll(() => h.page.getByTestId('slideshow').count()).toBe(0);
  });

  test('Chinese: printing the dashboard lays every chart out at the page width', async () => {
    await printDashboard('zh');
  });

  test('English: the same deck and printout', async () => {
    await h.page.locator('header button.lang').click();
    await expect.poll(() => h.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await settled(h);
    const total = await walkSlides('en', /≥ 5M/);
    await printDeck('en', total);
    await h.page.keyboard.press('Escape');
    await printDashboard('en');
  });
});
