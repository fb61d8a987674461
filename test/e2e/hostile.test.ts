import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import type { Engine } from '../../src/engine/types';
import { buildDataset } from '../../src/ingest/dataset';
import { loadFile, type LoadedFile } from '../../src/ingest/load';
import { SAMPLE_NAME } from '../../src/app/first-view';
import { IngestError, type Problem } from '../../src/ingest/report';
import { openApp, settled, tierCounts, type Harness } from './harness';

interface Expected {
  readonly file: string;
  readonly outcome: 'ok' | 'ok-with-warning' | 'error';
  readonly rows?: number;
  readonly message?: string;
}

const CASES = (JSON.parse(readFileSync('test/fixtures/hostile/expected.json', 'utf8')) as Expected[]).filter((c) => !c.file.startsWith('huge'));

/**
 * The hostile corpus through the real page: each file dropped into the file input next to the
 * loaded sample. Bad files are refused with their name; good ones load, listing the same
 * problems on the same lines as the same engine does in Node (the page's engine takes a file's
 * bytes over, Node's does not); nothing already loaded or the notebook is lost; no script runs;
 * nothing leaves the origin.
 */
describe('hostile files in Chromium', () => {
  let h: Harness;
  let node: Engine;
  let sample: LoadedFile;
  let before: Record<string, number>;
  beforeAll(async () => {
    node = await openWasmNodeEngine();
    sample = await loadFile(node, 'sample', { name: SAMPLE_NAME, bytes: new Uint8Array(readFileSync(`data-samples/${SAMPLE_NAME}`)) });
    h = await openApp();
    // The sample goes in as the user's own file, so the files below stack on it instead of
    // taking the demo's place.
    await h.page.goto(`${h.origin}/?nosample`);
    await h.page.setInputFiles('[data-testid="file-input"]', { name: SAMPLE_NAME, mimeType: 'application/octet-stream', buffer: readFileSync(`data-samples/${SAMPLE_NAME}`) });
    await settled(h);
    before = await tierCounts(h.page);
    await h.page.getByText('数据与加载报告').click();
  });
  afterAll(async () => {
    await h?.close();
    await node?.close();
  });

  test.each(CASES.map((c) => [c.file, c] as const))('%s', async (file, c) => {
    const failuresBefore = await h.page.locator('.failures li').count();
    await h.page.setInputFiles('[data-testid="file-input"]', { name: file, mimeType: 'application/octet-stream', buffer: readFileSync(`test/fixtures/hostile/${file}`) });
    const report = h.page.locator('details.file-report', { hasText: file });
    await expect
      .poll(async () => (await report.count()) + (await h.page.locator('.failures li').count()) - failuresBefore, { timeout: 60_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => h.page.locator('.busy').count(), { timeout: 60_000 }).toBe(0);
    if (c.outcome === 'error') {
      const message = (await h.page.locator('.failures li').last().textContent()) ?? '';
      expect(message).toContain(file);
      // The page says in Chinese what the same engine in Node refuses the file with (in English).
      const refusal = await loadFile(node, `e${CASES.indexOf(c)}`, { name: file, bytes: new Uint8Array(readFileSync(`test/fixtures/hostile/${file}`)) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(Error);
      if (c.message) expect((refusal as Error).message).toMatch(new RegExp(c.message, 's'));
      const expected = refusal instanceof IngestError ? refusal.localized('zh-CN') : (refusal as Error).message;
      // A parser's own words (JSON.parse's) differ between Node's V8 and the browser's: compare up to them.
      const reason = refusal instanceof IngestError ? String(refusal.params?.reason ?? '') : '';
      if (reason) expect(message.startsWith(expected.slice(0, expected.indexOf(reason)))).toBe(true);
      else expect(message).toBe(expected);
      expect(await report.count()).toBe(0);
    } else {
      expect(await report.count()).toBeGreaterThan(0);
      if (c.rows !== undefined) expect(await report.locator('summary').textContent()).toContain(`${c.rows.toLocaleString('en-US')} 行 ·`);
      const inNode = await loadFile(node, `n${CASES.indexOf(c)}`, { name: file, bytes: new Uint8Array(readFileSync(`test/fixtures/hostile/${file}`)) });
      if (!(await report.evaluate((d) => (d as HTMLDetailsElement).open))) await report.locator('summary').first().click();
      const asRow = (p: Problem) => [String(p.line ?? ''), p.column ?? '', p.value ?? ''];
      expect(await problemRows(report)).toEqual(inNode.report.problems.map(asRow));
      // Problems across the data (repeated customer ids…) name their lines the same way; the
      // page holds its sample too.
      const dataset = await buildDataset(node, [sample, inNode]);
      const pageDataset = (await h.page.locator('section.panel > table.problems tbody tr').evaluateAll(cellsOf)).filter(([f]) => f === file);
      expect(pageDataset.map((r) => r.slice(1))).toEqual(dataset.problems.filter((p) => p.file === file).map(asRow));
      // (Not vacuous: the repeated ids of this fixture are listed with their lines.)
      if (file === 'duplicate_ids.csv') expect(pageDataset.length > 0 && pageDataset.every((r) => Number(r[1]) > 1)).toBe(true);
      // The file goes again: the next case starts from the sample alone.
      await report.locator('..').getByRole('button', { name: '移除', exact: true }).click();
      await expect.poll(() => report.count(), { timeout: 30_000 }).toBe(0);
    }
  });

  test('a 2 GB file is refused by its size before a byte is read', async () => {
    await h.page.evaluate(() => {
      // A 2 GB file made of references to one 1 MB block: nothing of that size is allocated.
      const block = new Blob([new Uint8Array(1024 * 1024)]);
      const big = new File(Array.from({ length: 2048 }, () => block), 'huge_2gb.csv', { type: 'text/csv' });
      const dt = new DataTransfer();
      dt.items.add(big);
      document.querySelector('.dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => h.page.locator('.failures').textContent(), { timeout: 10_000 }).toMatch(/huge_2gb\.csv：2\.0 GB，超出浏览器标签页能容纳的上限/);
  });

  test('bad cells and skipped rows name the lines an editor shows, in the page too (GBK, quoted line breaks, blank lines)', async () => {
    // The page's engine takes the file's bytes over; the lines must come out right all the same.
    const text = ['客户号,所属支行,月日均AUM(元),数据日期', 'A1,杭州支行,100,2025-12-31', 'A2,"多行', '支行",200,2025-12-31', '', 'A3,杭州支行,abc,2025-12-31', 'A4,杭州支行,1,2,2025-12-31', 'A5,杭州支行,x5,2025-12-31', ''].join('\r\n');
    await h.page.setInputFiles('[data-testid="file-input"]', { name: 'lines_gbk.csv', mimeType: 'text/csv', buffer: iconv.encode(text, 'gbk') });
    const report = h.page.locator('details.file-report', { hasText: 'lines_gbk.csv' });
    await expect.poll(() => report.count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => h.page.locator('.busy').count(), { timeout: 60_000 }).toBe(0);
    if (!(await report.evaluate((d) => (d as HTMLDetailsElement).open))) await report.locator('summary').first().click();
    expect(await problemRows(report)).toEqual([
      ['7', '', expect.stringContaining('A4')],
      ['6', '月日均AUM(元)', 'abc'],
      ['8', '月日均AUM(元)', 'x5'],
    ]);
    await report.locator('..').getByRole('button', { name: '移除', exact: true }).click();
    await expect.poll(() => report.count(), { timeout: 30_000 }).toBe(0);
  });

  test('after every failure the sample and the notebook are intact; no script ran; nothing left the origin', async () => {
    await settled(h);
    expect(await tierCounts(h.page)).toEqual(before);
    expect(await h.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(h.outside).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});

/** Line, column and value of each problem a file's report lists. */
async function problemRows(report: Locator): Promise<string[][]> {
  return (await report.locator('table.problems tbody tr').evaluateAll(cellsOf)).map((r) => r.slice(1));
}

/** File, line, column and value of each row of a problem table. */
function cellsOf(trs: Element[]): string[][] {
  return trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent ?? ''));
}
