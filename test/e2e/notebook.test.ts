import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inMenu, exportAs, openWithSample, SHOTS, paintedShare, settled, tierCounts, type Harness } from './harness';


/** Retail-aum counts for December 2025 with the VIP bound at `vip`, by plain SQL on native DuckDB. */
async function countsWithVipBound(vip: number): Promise<Record<string, number>> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.runAndReadAll(`
    SELECT CASE WHEN aum IS NULL OR aum < 0 THEN 'unrated' WHEN aum >= 5000000 THEN 'private' WHEN aum >= ${vip} THEN 'vip'
                WHEN aum >= 100000 THEN 'affluent' WHEN aum >= 50000 THEN 'wealth' ELSE 'mass' END AS tier, count(*)::INTEGER AS n
    FROM 'data-samples/retail_panel_24m.parquet' WHERE snapshot_date = DATE '2025-12-31' GROUP BY ALL`);
  const out: Record<string, number> = { private: 0, vip: 0, affluent: 0, wealth: 0, mass: 0, unrated: 0 };
  for (const [tier, n] of r.getRowsJS()) out[String(tier)] = Number(n);
  c.closeSync();
  return out;
}

/** Waits for a download triggered by `click` and returns its bytes. */
async function downloaded(h: Harness, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([h.page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

describe('the notebook workflow in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openWithSample();
  });
  afterAll(async () => h?.close());

  test('the default notebook: overview, scheme, tiers, mix, migration, sankey, histogram, near list, sensitivity, before/after', async () => {
    const cells = await h.page.$$eval('[data-cell]', (els) => els.map((e) => [e.getAttribute('data-cell'), e.getAttribute('data-status')]));
    const ids = cells.map(([id]) => id);
    for (const id of ['overview', 'scheme', 'tiers', 'tier-mix', 'migration', 'sankey', 'histogram', 'near', 'sensitivity', 'before-after']) expect(ids).toContain(id);
    // Views far below the fold wait until scrolled to; the ones in sight are computed.
    const status = (id: string) => h.page.getAttribute(`[data-cell="${id}"]`, 'data-status');
    expect(await status('tiers')).toBe('ready');
    expect(await status('before-after')).toBe('deferred');
    expect(await h.page.locator('[data-cell="before-after"] .hint').first().textContent()).toContain('滚动到此处时计算');
    for (const id of ids) {
      await h.page.locator(`[data-cell="${id}"]`).scrollIntoViewIfNeeded();
      await expect.poll(() => status(id!), { timeout: 60_000 }).toMatch(/^(ready|idle)$/);
    }
    for (const id of ['tiers', 'tier-mix', 'migration', 'sankey', 'histogram']) {
      await h.page.locator(`[data-cell="${id}"]`).scrollIntoViewIfNeeded();
      await h.page.waitForSelector(`[data-cell="${id}"] .chart[data-rendered="true"]`, { timeout: 30_000 });
      expect(await paintedShare(h.page, `[data-cell="${id}"] .chart`), id).toBeGreaterThan(0.01);
    }
    expect(await h.page.locator('[data-cell="near"] .vtable-row').count()).toBeGreaterThan(5);
    await h.page.screenshot({ path: `${SHOTS}/10-default-notebook.png` });
  });

  test('dragging the VIP slider changes the counts, repaints the charts and fills the before/after panel', async () => {
    const before = await tierCounts(h.page);
    const slider = h.page.getByRole('slider', { name: '贵宾' });
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    // The range input holds a grid index between its own min and max (no longer 0–1000).
    const [min, max, now] = await slider.evaluate((e: HTMLInputElement) => [Number(e.min), Number(e.max), Number(e.value)]);
    const thumbX = box.x + (box.width * (now - min)) / (max - min);
    await h.page.mouse.move(thumbX, box.y + box.height / 2);
    await h.page.mouse.down();
    for (let i = 1; i <= 10; i++) await h.page.mouse.move(thumbX - i * 6, box.y + box.height / 2);
    await h.page.mouse.up();
    await settled(h);
    const after = await tierCounts(h.page);
    expect(after.vip).toBeGreaterThan(before.vip!);
    expect(after.affluent).toBeLessThan(before.affluent!);
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(Object.values(before).reduce((a, b) => a + b, 0));
    await h.page.locator('[data-cell="before-after"]').scrollIntoViewIfNeeded();
    const panel = h.page.locator('[data-testid="before-after"]');
    await expect.poll(() => panel.textContent(), { timeout: 20_000 }).toMatch(/上迁 [\d,]+/);
    expect(await panel.textContent()).toContain(`上迁 ${(after.vip! - before.vip!).toLocaleString('en-US')}`);
    // The movers behind those totals, one CSV row each.
    const text = (await panel.textContent())!;
    const movers = [/上迁 ([\d,]+)/, /下迁 ([\d,]+)/].reduce((n, re) => n + Number(re.exec(text)![1]!.replaceAll(',', '')), 0);
    const cell = h.page.locator('[data-cell="before-after"]');
    const csv = await downloaded(h, () => exportAs(cell, 'CSV'));
    const lines = csv.bytes.toString('utf8').split(/\r?\n/).filter((l) => l.length > 0);
    expect(lines.length - 1).toBe(movers);
    expect(lines.slice(1).every((l) => l.includes('贵宾'))).toBe(true);
    // Names are personal: left out of the export unless ticked.
    expect(lines[0]).not.toContain('客户名称');
    await h.page.locator('[data-cell="tiers"]').screenshot({ path: `${SHOTS}/11-after-drag.png` });
  });

  test('typing 30万 into the VIP field sets the bound exactly, as plain SQL counts it', async () => {
    const field = h.page.getByRole('textbox', { name: '贵宾 数值' });
    await field.fill('30万');
    await field.press('Enter');
    await settled(h);
    await expect.poll(() => tierCounts(h.page), { timeout: 20_000 }).toEqual(await countsWithVipBound(300_000));
  });

  test('after tuning, the before/after cell lists the top 20 movers, names masked, with one export row', async () => {
    const scrolled = await h.page.evaluate(() => window.scrollY);
    const cell = h.page.locator('[data-cell="before-after"]');
    await cell.scrollIntoViewIfNeeded();
    const table = cell.getByRole('table');
    // The list comes once the move has settled; until then the cell says it is computing.
    await expect.poll(() => table.locator('.vtable-row').count(), { timeout: 30_000 }).toBe(20);
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['客户号', '客户名称', '机构', '原层级', '新层级', '金额（元）']);
    const rows = await table.locator('.vtable-row').evaluateAll((els) => els.map((e) => [...e.querySelectorAll('[role="cell"]')].map((c) => c.textContent ?? '')));
    for (const [, name] of rows) expect(name).toMatch(/^\S\*+$/);
    // 30万 moved customers from 财富 up to 贵宾; amounts largest first.
    expect(rows.every(([, , , from, to]) => from === '财富' && to === '贵宾')).toBe(true);
    const amounts = rows.map((r) => Number(r[5]!.replaceAll(',', '')));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    // One export menu, holding one row of formats.
    expect(await cell.locator('.export-menu').count()).toBe(1);
    await cell.locator('.export-menu > summary').click();
    expect(await cell.getByRole('group', { name: '导出', exact: true }).count()).toBe(1);
    expect(await cell.getByRole('button', { name: 'CSV' }).count()).toBe(1);
    await h.page.keyboard.press('Escape');
    await cell.screenshot({ path: `${SHOTS}/12-before-after-movers.png` });
    // Back to where the page was, as the tests after this one expect (views out of sight wait).
    await h.page.evaluate((y) => window.scrollTo(0, y), scrolled);
    await settled(h);
  });

  test('a slider move is drawn in the task of its input event: each chart it changes repaints once, before any later task', async () => {
    await h.page.locator('[data-cell="tiers"]').scrollIntoViewIfNeeded();
    type Renders = Record<string, number>;
    // How many times each cell's chart has painted (the page's own bench hook).
    const renders = () => h.page.evaluate(() => (window as unknown as { tierlensBench: { renders(): Renders } }).tierlensBench.renders());
    const before = await renders();
    // A message posted just before the input event runs in the first task after it: the charts
    // must be drawn by then (a frame in between would show the slider moved and the charts not).
    const inNextTask = await h.page.evaluate(
      () =>
        new Promise<Renders>((resolve) => {
          const slider = [...document.querySelectorAll<HTMLInputElement>('[data-cell="scheme"] input[type="range"]')].find((e) => e.getAttribute('aria-label') === '贵宾')!;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve((window as unknown as { tierlensBench: { renders(): Renders } }).tierlensBench.renders());
          channel.port2.postMessage(null);
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(slider, String(Number(slider.value) - 40));
          slider.dispatchEvent(new Event('input', { bubbles: true }));
        }),
    );
    await settled(h);
    const after = await renders();
    const changed = Object.keys(after).filter((id) => after[id]! > (before[id] ?? 0));
    expect(changed).toContain('tiers');
    for (const id of changed) {
      expect(inNextTask[id], `${id} drawn in the input's task`).toBe(before[id]! + 1);
      expect(after[id], `${id} drawn once`).toBe(before[id]! + 1);
    }
    // The tests after this one start from the 30万 bound.
    const field = h.page.getByRole('textbox', { name: '贵宾 数值' });
    await field.fill('30万');
    await field.press('Enter');
    await settled(h);
    await expect.poll(() => tierCounts(h.page), { timeout: 20_000 }).toEqual(await countsWithVipBound(300_000));
  });

  test('exports: PNG of a chart, CSV with BOM and XLSX of the table behind it', async () => {
    const tiers = h.page.locator('[data-cell="tiers"]');
    const png = await downloaded(h, () => exportAs(tiers, 'PNG'));
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.name).toMatch(/\.png$/);
    const csv = await downloaded(h, () => exportAs(tiers, 'CSV'));
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString('utf8')).toContain('贵宾');
    const xlsx = await downloaded(h, () => exportAs(tiers, 'XLSX'));
    const sheet = XLSX.read(xlsx.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet.Sheets[sheet.SheetNames[0]!]!);
    expect(rows.find((r) => r['层级代码'] === 'vip')?.['客户数']).toBe((await countsWithVipBound(300_000)).vip);
    const svg = await downloaded(h, () => exportAs(tiers, 'SVG'));
    expect(svg.bytes.toString('utf8')).toContain('<svg');
  });

  test('the migration matrix switches to row shares and amounts', async () => {
    const mig = h.page.locator('[data-cell="migration"]');
    await mig.scrollIntoViewIfNeeded();
    await mig.getByLabel('度量').selectOption('rowShare');
    await h.page.waitForSelector('[data-cell="migration"] .chart[data-rendered="true"]');
    await mig.screenshot({ path: `${SHOTS}/12-migration-rowshare.png` });
    expect(await paintedShare(h.page, '[data-cell="migration"] .chart')).toBeGreaterThan(0.02);
  });

  test('slide mode: one cell per slide, arrow keys, Escape', async () => {
    await h.page.getByRole('button', { name: '演示模式' }).click();
    const show = h.page.getByTestId('slideshow');
    await show.waitFor();
    const number = h.page.getByTestId('slide-number');
    const first = await number.textContent();
    expect(first).toMatch(/^1 \/ \d+$/);
    for (let i = 0; i < 6; i++) await h.page.keyboard.press('ArrowRight');
    await expect.poll(() => number.textContent()).toMatch(/^7 \/ \d+$/);
    await h.page.screenshot({ path: `${SHOTS}/13-slide.png` });
    await h.page.keyboard.press('Escape');
    await expect.poll(() => show.count()).toBe(0);
  });

  test('save the notebook file, reload (autosave restores it), and open the saved file again', async () => {
    const file = await downloaded(h, () => inMenu(h.page, '保存笔记本'));
    expect(file.name).toMatch(/\.tierlens\.json$/);
    const doc = JSON.parse(file.bytes.toString('utf8')) as { format: string; version: number; notebook: { cells: { id: string; kind: string; scheme?: { bounds: { min: number }[] } }[] }; files: { name: string }[] };
    expect(doc.format).toBe('tierlens-notebook');
    expect(doc.files.map((f) => f.name)).toContain('retail_panel_24m.parquet');
    expect(doc.notebook.cells.find((c) => c.kind === 'scheme')?.scheme?.bounds[1]?.min).toBe(300_000);
    expect(file.bytes.length).toBeLessThan(100_000); // settings only, never data rows

    await h.page.waitForTimeout(1500); // the autosave debounce
    await h.page.reload();
    await settled(h);
    expect(await h.page.getByRole('textbox', { name: '贵宾 数值' }).inputValue()).toBe('30万');
    expect(await tierCounts(h.page)).toEqual(await countsWithVipBound(300_000));

    // Change the bound, then open the saved file: the saved state comes back.
    const field = h.page.getByRole('textbox', { name: '贵宾 数值' });
    await field.fill('80万');
    await field.press('Enter');
    await settled(h);
    await h.page.setInputFiles('[data-testid="notebook-input"]', { name: 'saved.tierlens.json', mimeType: 'application/json', buffer: file.bytes });
    await expect.poll(() => h.page.getByRole('textbox', { name: '贵宾 数值' }).inputValue(), { timeout: 20_000 }).toBe('30万');
    await settled(h);
    expect(await tierCounts(h.page)).toEqual(await countsWithVipBound(300_000));
  });

  test('a too-new notebook file is refused with a clear message and changes nothing', async () => {
    const before = await tierCounts(h.page);
    const tooNew = JSON.stringify({ format: 'tierlens-notebook', version: 9, savedAt: '2030-01-01T00:00:00Z', app: 'TierLens', notebook: { cells: [] }, files: [] });
    await h.page.setInputFiles('[data-testid="notebook-input"]', { name: 'future.tierlens.json', mimeType: 'application/json', buffer: Buffer.from(tooNew) });
    await expect.poll(() => h.page.locator('.notice').textContent()).toMatch(/future\.tierlens\.json：此文件由更新版本的 TierLens 保存/);
    expect(await tierCounts(h.page)).toEqual(before);
  });

  test('quadrant: load corporate data, choose value-matrix, drag the vertical cut line', async () => {
    await h.page.getByText('数据与加载报告').click();
    await h.page.getByRole('button', { name: '清空全部数据' }).click();
    // Cleared: the full drop zone is back (the one-line bar's input is gone with the data).
    await h.page.locator('.dropzone:not(.compact)').waitFor({ timeout: 30_000 });
    await h.page.setInputFiles('[data-testid="file-input"]', { name: 'corporate_quarters.xlsx', mimeType: 'application/octet-stream', buffer: readFileSync('data-samples/corporate_quarters.xlsx') });
    await expect.poll(() => h.page.locator('details.file-report', { hasText: 'corporate_quarters.xlsx' }).count(), { timeout: 60_000 }).toBe(1);
    await h.page.locator('[data-cell="scheme"] select').first().selectOption('value-matrix');
    await inMenu(h.page, '按当前方案重建默认笔记本');
    const quadrant = h.page.locator('[data-cell="quadrant"]');
    await quadrant.waitFor({ timeout: 30_000 });
    await quadrant.scrollIntoViewIfNeeded();
    await h.page.waitForSelector('[data-cell="quadrant"] .chart[data-rendered="true"]', { timeout: 30_000 });
    await h.page.waitForTimeout(500);
    await quadrant.screenshot({ path: `${SHOTS}/14-quadrant-before.png` });
    const xField = h.page.getByRole('textbox', { name: '银行对客户价值评分 数值' });
    expect(await xField.inputValue()).toBe('60');
    const readCounts = () => quadrant.locator('.vtable-row').allTextContents();
    const before = await readCounts();

    // The vertical handle sits on the x cut: find it by scanning for the ew-resize cursor.
    const chartBox = (await quadrant.locator('.chart').boundingBox())!;
    const y = chartBox.y + chartBox.height / 2;
    let handleX: number | undefined;
    for (let x = chartBox.x + 60; x < chartBox.x + chartBox.width - 40; x += 3) {
      await h.page.mouse.move(x, y);
      const cursor = await h.page.evaluate(() => getComputedStyle(document.querySelector('[data-cell="quadrant"] .chart canvas')!).cursor);
      if (cursor === 'ew-resize') {
        handleX = x;
        break;
      }
    }
    expect(handleX, 'the vertical cut handle').toBeDefined();
    await h.page.mouse.down();
    for (let i = 1; i <= 15; i++) await h.page.mouse.move(handleX! - i * 8, y);
    await h.page.mouse.up();
    await expect.poll(async () => Number(await xField.inputValue()), { timeout: 20_000 }).toBeLessThan(60);
    await h.page.waitForSelector('[data-cell="quadrant"] .chart[data-rendered="true"]', { timeout: 30_000 });
    expect(await readCounts()).not.toEqual(before);
    await quadrant.screenshot({ path: `${SHOTS}/15-quadrant-after.png` });
    // The drag was not a click: no customer list opened.
    expect(await h.page.getByTestId('customer-list').count()).toBe(0);

    // A click in the top-right cell lists that cell's customers, as many as its row counts.
    const [xMax, yMax, xMin, yMin] = await quadrant.locator('.chart').evaluate((el) => {
      const o = (el as unknown as { tierlensOption: () => { xAxis: { min: number; max: number }[]; yAxis: { min: number; max: number }[] } }).tierlensOption();
      return [o.xAxis[0]!.max, o.yAxis[0]!.max, o.xAxis[0]!.min, o.yAxis[0]!.min];
    });
    const [px, py] = await quadrant.locator('.chart').evaluate((el, v) => (el as unknown as { tierlensToPixel: (f: object, v: number[]) => number[] }).tierlensToPixel({ gridIndex: 0 }, v), [xMax! - (xMax! - xMin!) * 0.04, yMax! - (yMax! - yMin!) * 0.04]);
    const box = (await quadrant.locator('.chart').boundingBox())!;
    await h.page.mouse.click(box.x + px!, box.y + py!);
    const dialog = h.page.getByTestId('customer-list');
    await dialog.locator('.vtable').waitFor({ timeout: 30_000 });
    const title = (await dialog.locator('h2').textContent()) ?? '';
    const rows = Number(await dialog.locator('.vtable').getAttribute('aria-rowcount')) - 1;
    const tierName = title.split(' · ')[0]!;
    const row = (await readCounts()).find((r) => r.startsWith(tierName));
    expect(row, `a table row for ${tierName}`).toBeDefined();
    expect(row).toContain(rows.toLocaleString('en'));
    await h.page.keyboard.press('Escape');
  });

  test('no request left the page origin and nothing failed in the console', () => {
    expect(h.outside).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
