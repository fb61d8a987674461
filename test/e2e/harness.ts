import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

/**
 * A real Chromium against the production build served on 127.0.0.1. Every request the page
 * makes is recorded; any that leaves the page's origin is blocked and counted, so tests can
 * prove the app works with no network at all.
 */
export interface Harness {
  readonly origin: string;
  readonly page: Page;
  readonly context: BrowserContext;
  readonly outside: string[];
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

/** Where e2e tests keep the screenshots and PDFs they judged. */
export const SHOTS = 'test-results/e2e';

/** The app on its bundled sample, settled: what most workflows start from. */
export async function openWithSample(viewport?: { width: number; height: number }): Promise<Harness> {
  mkdirSync(SHOTS, { recursive: true });
  const h = await openApp();
  if (viewport) await h.page.setViewportSize(viewport);
  await h.page.goto(`${h.origin}/`);
  await settled(h);
  return h;
}

export async function openApp(): Promise<Harness> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npx vite build` (npm test does)');
  const server: PreviewServer = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
  const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!origin) throw new Error('preview server has no URL');
  const profile = mkdtempSync(join(tmpdir(), 'tierlens-chromium-'));
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 900 },
  });
  const outside: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return {
    origin,
    page,
    context,
    outside,
    consoleErrors,
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Share of a PNG screenshot's pixels that are not (near) white: proof a chart painted. */
export async function paintedShare(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(`${sel} canvas`) as HTMLCanvasElement | null;
    if (!canvas) return 0;
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0 && (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240)) painted++;
    }
    return painted / (data.length / 4);
  }, selector);
}

/**
 * Scrolls every notebook cell into view in turn (views off screen wait until seen) and waits
 * until each has its result: the whole notebook computed, as a reader scrolling through sees it.
 */
export async function scrollThroughNotebook(page: Page): Promise<void> {
  const ids = await page.$$eval('[data-cell]', (els) => els.map((e) => e.getAttribute('data-cell') ?? ''));
  for (const id of ids) {
    const cell = page.locator(`[data-cell="${id}"]`).first();
    await cell.scrollIntoViewIfNeeded();
    for (let i = 0; i < 600 && /^(pending|running|deferred)$/.test((await cell.getAttribute('data-status')) ?? ''); i++) await page.waitForTimeout(100);
  }
}

/** Waits until no load is running and the tiers view shows live (not precomputed) numbers. */
export async function settled(h: Harness): Promise<void> {
  const { page } = h;
  for (let i = 0; i < 600; i++) {
    const busy = await page.locator('.busy').count();
    const running = await page.locator('[data-cell][data-status="running"], [data-cell][data-status="pending"]').count();
    const rows = await page.locator('[data-cell="tiers"] .vtable-row').count();
    const precomputed = await page.locator('[data-testid="precomputed"]').count();
    if (busy === 0 && running === 0 && rows > 0 && precomputed === 0) break;
    await page.waitForTimeout(100);
  }
  await page.waitForSelector('[data-cell="tiers"] .chart[data-rendered="true"]', { timeout: 30_000 });
}

/** The data overview's row count, read after scrolling it into sight (views out of sight wait). */
export async function overviewRows(page: Page): Promise<number> {
  const overview = page.locator('[data-cell="overview"]');
  await overview.scrollIntoViewIfNeeded();
  return Number(((await overview.locator('dd').first().textContent({ timeout: 30_000 })) ?? '').replaceAll(',', ''));
}

/** The tiers view's table as { tier id: customers }. */
export async function tierCounts(page: Page): Promise<Record<string, number>> {
  // Views out of sight wait until they are seen: look at the tiers view, as a user would.
  await page.locator('[data-cell="tiers"]').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => ['ready', 'idle'].includes(document.querySelector('[data-cell="tiers"]')?.getAttribute('data-status') ?? ''), null, { timeout: 30_000 });
  const rows = await page.$$eval('[data-cell="tiers"] .vtable-row', (els) => els.map((r) => [...r.querySelectorAll('[role="cell"]')].map((c) => c.textContent ?? '')));
  return Object.fromEntries(rows.map((cells) => [cells[1] ?? '', Number(String(cells[2] ?? '').replaceAll(',', ''))]));
}

/** Chooses an export format from a cell's export menu, as a user does: open it, then click. */
export async function exportAs(cell: Locator, format: string): Promise<void> {
  await cell.locator('.export-menu > summary').click();
  await cell.locator('.export-menu').getByRole('button', { name: format, exact: true }).click();
}

/** Chooses an action from the notebook's menu in the bar. */
export async function inMenu(page: Page, action: string): Promise<void> {
  await page.locator('.notebook-menu > summary').click();
  await page.locator('.notebook-menu').getByRole('button', { name: action }).click();
}
