import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { catalog, format, type MessageKey } from '../../src/i18n/messages';
import { CJK, englishWords, scanFolders, scanFile, type Allowed } from '../support/i18n-scan';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The folders held to "every user-visible string goes through the catalog". Folders still
 * being converted (src/app, src/charts, src/ingest) join the list once they are clean.
 */
const SCOPE = ['src'];
/** The catalog itself is where the texts belong. */
const NOT_SCANNED = ['src/i18n/catalog/'];

/** Legitimate exceptions, each with its reason. Keep it short. */
const ALLOWED: readonly Allowed[] = [
  { file: 'src/i18n/format.ts', kind: 'cjk', text: /^[万亿]$/, reason: 'the 万/亿 units of Chinese amounts are number formatting, not words' },
  { file: 'src/i18n/messages.ts', kind: 'inline-choice', text: /^locale === 'en' \? (label\.en : label\.zh|'zh-CN' : 'en')$/, reason: 'labelIn() and otherLocale() are the one place that choose by language' },
  { file: 'src/ingest/vocabulary.ts', kind: 'cjk', text: /./, reason: "headers found in banks' files (客户号, 机构…) that map to fields, and each field's label in both languages" },
  { file: 'src/ingest/left-out.ts', kind: 'cjk', text: /./, reason: 'the words that mark totals and notes in bank reports (合计, 小计, 注：…), matched against input files' },
  { file: 'src/ingest/values.ts', kind: 'cjk', text: /^(\^.*|\[ \]|是|有|否|无)$/, reason: 'the cell grammar: 万/亿/元 units, 2025年1月 dates, 是/否 flags and the ideographic space in input files' },
  { file: 'src/app/bench-notebooks.ts', kind: 'cjk', text: /./, reason: "the benchmark scheme's own labels in both languages, as every scheme file carries them" },
  { file: 'src/schemes/types.ts', kind: 'cjk', text: /^未评级$/, reason: "the built-in unrated tier's label in both languages, like the presets' tiers" },
  { file: 'src/schemes/expr/parse.ts', kind: 'cjk', text: /^`月日均AUM`$/, reason: 'an example of a Chinese column name in a formula: code users type, the same in both languages' },
];

describe('user-visible strings go through the catalog', () => {
  test(`no Chinese text, English prose in JSX or read props, or inline language choice in ${SCOPE.join(', ')}`, () => {
    const offenders = scanFolders(ROOT, SCOPE, ALLOWED, NOT_SCANNED).map((o) => `${o.file}:${o.line} [${o.kind}] ${o.text}`);
    expect(offenders).toEqual([]);
  }, 60_000);

  test('every allow-list entry still matches something (stale entries go)', () => {
    const folders = [...new Set(ALLOWED.map((a) => a.file))];
    const all = scanFolders(ROOT, folders, [], NOT_SCANNED);
    for (const a of ALLOWED) {
      const hits = all.filter((o) => o.file === a.file && (a.kind === undefined || a.kind === o.kind) && a.text.test(o.text));
      expect(hits.length, `${a.file} ${a.text}`).toBeGreaterThan(0);
    }
  }, 60_000);

  test('the scan finds what it should', () => {
    const probe = fileURLToPath(new URL('../fixtures/i18n/offenders.tsx', import.meta.url));
    const found = scanFile(probe, ROOT).map((o) => `${o.line} ${o.kind} ${o.text}`);
    expect(found).toEqual([
      '6 inline-choice zh ? \'期次\' : \'Period\'',
      '6 cjk 期次',
      '8 english Choose two periods',
      '9 english title=Full screen',
      '10 cjk 全屏',
      '12 english-message the data has no periods',
      '13 inline-choice locale === \'zh-CN\' ? a : b',
    ]);
  });
});

/** Every area file of the catalog, found on disk so a new one cannot be missed. */
const AREAS = Object.fromEntries(
  Object.entries(import.meta.glob<{ zh: Record<string, string>; en: Record<string, string> }>('../../src/i18n/catalog/*.ts', { eager: true })).map(([path, m]) => [path.replace(/^.*\//, '').replace(/\.ts$/, ''), m]),
);

/** `{name}` and `{n, plural, …}` variables of a message. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]!))].sort();
}

/** Keys whose value is in the other language on purpose, with the reason. */
const OTHER_LANGUAGE_ON_PURPOSE: Partial<Record<MessageKey, string>> = {
  language: 'the language switch names the language it switches to, in that language',
};

/** English prose in a Chinese text: two English words in a row, or English words and no Chinese at all. */
function englishProse(text: string): boolean {
  const words = englishWords(text);
  if (words.length === 0) return false;
  if (!CJK.test(text)) return true;
  const prose = text.replace(/\{\w+\}/g, ' ');
  return words.some((w, i) => i + 1 < words.length && new RegExp(`\\b${w}[\\s,;:]+${words[i + 1]}\\b`).test(prose));
}

describe('the catalog', () => {
  const zh = catalog('zh-CN');
  const en = catalog('en');
  const keys = Object.keys(zh) as MessageKey[];

  test('both languages have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
    // A key such as `valueOf` would clash with the object's own methods in lookups and types.
    expect(keys.filter((k) => k in Object.prototype)).toEqual([]);
  });

  test('no key is defined by two areas (the later would silently win)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, mod] of Object.entries(AREAS)) {
      for (const key of Object.keys(mod.zh)) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${area}`);
        seen.set(key, area);
      }
    }
    expect(twice).toEqual([]);
    // Every area is merged into the catalog.
    expect(Object.keys(AREAS).length).toBeGreaterThanOrEqual(7);
    expect(new Set(Object.values(AREAS).flatMap((m) => Object.keys(m.zh)))).toEqual(new Set(Object.keys(catalog('zh-CN'))));
  });

  test('each message has the same placeholders in both languages', () => {
    const differing = keys.filter((k) => placeholders(zh[k]).join() !== placeholders(en[k]).join()).map((k) => `${k}: ${placeholders(zh[k])} vs ${placeholders(en[k])}`);
    expect(differing).toEqual([]);
  });

  test('no Chinese in English messages', () => {
    expect(keys.filter((k) => !OTHER_LANGUAGE_ON_PURPOSE[k] && CJK.test(en[k])).map((k) => `${k}: ${en[k]}`)).toEqual([]);
  });

  test('no English prose in Chinese messages (product names such as CSV, SQL, PSI are fine)', () => {
    expect(keys.filter((k) => !OTHER_LANGUAGE_ON_PURPOSE[k] && englishProse(zh[k])).map((k) => `${k}: ${zh[k]}`)).toEqual([]);
  });

  test('every placeholder is filled and every plural has its "other" form', () => {
    for (const k of keys) {
      for (const [locale, text] of [['zh-CN', zh[k]], ['en', en[k]]] as const) {
        for (const m of text.matchAll(/\{(\w+), plural,/g)) expect(text.slice(m.index), `${locale} ${k}`).toMatch(/^\{\w+, plural,[^]*\bother\s*\{/);
        const vars = Object.fromEntries(placeholders(text).map((p) => [p, 2]));
        expect(format(locale, text, vars), `${locale} ${k}`).not.toMatch(/\{\w+[},]/);
      }
    }
  });

  test('the allowed exceptions are few and exist', () => {
    for (const k of Object.keys(OTHER_LANGUAGE_ON_PURPOSE)) expect(keys).toContain(k);
  });
});
