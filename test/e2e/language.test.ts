import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIELDS } from '../../src/ingest/vocabulary';
import { VIEW_KINDS } from '../../src/notebook/types';
import { PRESETS } from '../../src/schemes/presets';
import { CJK, englishWords } from '../support/i18n-scan';
import { openWithSample, SHOTS, scrollThroughNotebook, settled, type Harness } from './harness';


/** A piece of text the page shows, and where. */
interface Seen {
  readonly where: string;
  readonly text: string;
}

/**
 * Ids written in code style after a name (field, tier, scheme and view ids: `客户号 (customer_id)`,
 * `(retail-aum)`, `(vip)`) read the same in both languages. A bare `branch` is a word.
 */
const CODE_IDS = new Set([...FIELDS.map((f) => f.field), ...PRESETS.flatMap((p) => [p.id, ...p.tiers.map((t) => t.id)]), ...VIEW_KINDS, 'unrated']);

/**
 * Everything the page says in words: text (less data, marked `data-value`, and text in another
 * language on purpose, marked `lang`), the props read aloud or shown on hover, and what each
 * chart says (its option: titles, names, labels — not its data, which may be branch names).
 */
async function pageTexts(page: Page): Promise<Seen[]> {
  return page.evaluate(() => {
    const out: { where: string; text: string }[] = [];
    const pageLang = document.documentElement.lang;
    const skipped = (el: Element | null) => !!el?.closest(`[data-value], script, style, noscript, template, [lang]:not([lang="${pageLang}"])`);
    const describe = (el: Element) => {
      const cell = el.closest('[data-cell]')?.getAttribute('data-cell');
      const tag = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : '');
      return cell ? `cell ${cell} ${tag}` : tag;
    };
    // An element's own text, its text nodes joined: React writes `名称 ({id})` as four nodes.
    const own = new Map<Element, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // A chart's overlay (tooltips) is read from its option instead.
      if (!el || skipped(el) || el.closest('.chart')) continue;
      own.set(el, (own.get(el) ?? '') + (n.textContent ?? ''));
    }
    for (const [el, text] of own) if (text.trim()) out.push({ where: describe(el), text: text.trim().replace(/\s+/g, ' ') });
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt], [aria-valuetext]')) {
      if (skipped(el)) continue;
      // `data-value-part` names the data inside a label (a column's header in "映射字段: 手机").
      const part = el.getAttribute('data-value-part');
      for (const a of ['title', 'aria-label', 'placeholder', 'alt', 'aria-valuetext']) {
        let v = el.getAttribute(a)?.trim();
        if (v && part) v = v.replace(part, ' ').trim();
        if (v) out.push({ where: `${describe(el)}[${a}]`, text: v });
      }
    }
    // Keys whose strings a chart shows; `data`/`nodes`/`links`/`dataset` hold the data itself.
    const SAID = new Set(['text', 'subtext', 'name', 'formatter']);
    const DATA = new Set(['data', 'nodes', 'links', 'dataset', 'source']);
    const walk = (v: unknown, key: string, where: string): void => {
      if (typeof v === 'string') {
        if (SAID.has(key) && v.trim()) out.push({ where: `${where} option.${key}`, text: v.trim() });
      } else if (Array.isArray(v)) v.forEach((x) => walk(x, key, where));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!DATA.has(k)) walk(x, k, where);
    };
    for (const el of document.querySelectorAll('.chart')) {
      const option = (el as HTMLElement & { tierlensOption?: () => unknown }).tierlensOption?.();
      walk(option, '', describe(el));
    }
    return out;
  });
}

/** English words in a text, less product names, code-style ids and data-like tokens. */
function englishIn(text: string): string[] {
  const plain = text
    .replace(/\(([\w-]+)\)/g, (m, id: string) => (CODE_IDS.has(id) ? ' ' : m))
    // ECharts rich text: `{style|text}` names a style, not a word.
    .replace(/\{\w+\|/g, ' ');
  return englishWords(plain);
}

/** One line per distinct offending text, with the first place it was seen. */
function report(seen: readonly Seen[], bad: (text: string) => boolean): string[] {
  const first = new Map<string, string>();
  for (const s of seen) if (bad(s.text) && !first.has(s.text)) first.set(s.text, s.where);
  return [...first].map(([text, where]) => `${where}: ${text.slice(0, 120)}`);
}

/** Opens every folded panel and scrolls every view into sight, so all of the page is there to read. */
async function showEverything(h: Harness): Promise<void> {
  await h.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  await h.page.locator('[data-testid="preview-table"]').waitFor({ timeout: 30_000 });
  await scrollThroughNotebook(h.page);
  for (const id of await h.page.$$eval('[data-cell] .chart', (els) => els.map((e) => e.closest('[data-cell]')?.getAttribute('data-cell') ?? ''))) {
    await h.page.waitForSelector(`[data-cell="${id}"] .chart[data-rendered="true"]`, { timeout: 30_000 });
  }
}

describe('one language at a time', () => {
  let h: Harness;
  const found: Record<string, string[]> = {};
  beforeAll(async () => {
    h = await openWithSample({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    // What each language still shows of the other, for whoever fixes it.
    writeFileSync(`${SHOTS}/language-offenders.json`, `${JSON.stringify(found, null, 2)}\n`);
    await h?.close();
  });

  test('the Chinese page shows no English words (data, product names and code-style ids aside)', async () => {
    expect(await h.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await showEverything(h);
    await h.page.evaluate(() => window.scrollTo(0, 0));
    await h.page.screenshot({ path: `${SHOTS}/40-language-zh.png` });
    const seen = await pageTexts(h.page);
    // Not vacuous: the charts' own words (titles, axis and series names) are read.
    expect(seen.filter((s) => s.where.includes(' option.')).length).toBeGreaterThan(20);
    found.zh = report(seen, (text) => englishIn(text).length > 0);
    expect(found.zh).toEqual([]);
  });

  test('the English page shows no Chinese (data such as file names and headers aside)', async () => {
    await h.page.locator('header button.lang').click();
    await expect.poll(() => h.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await settled(h);
    await showEverything(h);
    await h.page.evaluate(() => window.scrollTo(0, 0));
    await h.page.screenshot({ path: `${SHOTS}/41-language-en.png` });
    found.en = report(await pageTexts(h.page), (text) => CJK.test(text));
    expect(found.en).toEqual([]);
  });
});
