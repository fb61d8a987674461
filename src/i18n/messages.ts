import type { Locale } from './format';
import { fieldByName, isFieldName } from '../ingest/vocabulary';
import * as app from './catalog/app';
import * as charts from './catalog/charts';
import * as ingest from './catalog/ingest';
import * as data from './catalog/data';
import * as views from './catalog/views';
import * as notebookUi from './catalog/notebook-ui';
import * as privacy from './catalog/privacy';
import * as tables from './catalog/tables';
import * as schemes from './catalog/schemes';
import * as notebook from './catalog/notebook';
import * as knobs from './catalog/knobs';
import * as movers from './catalog/movers';

/**
 * The one message catalog: every user-visible string, in zh-CN (the default) and en. Each area
 * keeps its messages in `catalog/<area>.ts`; the type makes every key exist in both languages.
 *
 * Placeholders: `{name}` is replaced by a variable; `{n, plural, one {# row} other {# rows}}`
 * picks the form for the number `n` by the language's plural rules (`#` is the number, grouped).
 */
const zh = { ...app.zh, ...ingest.zh, ...data.zh, ...views.zh, ...charts.zh, ...notebookUi.zh, ...privacy.zh, ...tables.zh, ...schemes.zh, ...notebook.zh, ...knobs.zh, ...movers.zh } as const;

export type MessageKey = keyof typeof zh;
export type MessageVars = Readonly<Record<string, string | number>>;

const en: Record<MessageKey, string> = { ...app.en, ...ingest.en, ...data.en, ...views.en, ...charts.en, ...notebookUi.en, ...privacy.en, ...tables.en, ...schemes.en, ...notebook.en, ...knobs.en, ...movers.en };

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

const plurals = new Map<Locale, Intl.PluralRules>();
const pluralOf = (locale: Locale, n: number) => {
  let rules = plurals.get(locale);
  if (!rules) plurals.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
};
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** `{n, plural, =0 {…} one {…} other {…}}` forms; the forms may hold `{name}` placeholders but no further braces. */
const PLURAL = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*(?:\{\w+\}[^{}]*)*\})+)\s*\}/g;
const FORM = /(=?\w+)\s*\{([^{}]*(?:\{\w+\}[^{}]*)*)\}/g;

/** Fills a message text's placeholders (exported for tests of the catalog itself). */
export function format(locale: Locale, text: string, vars: MessageVars = {}): string {
  const withPlurals = text.replace(PLURAL, (_m, name: string, body: string) => {
    const n = Number(vars[name]);
    const forms = new Map<string, string>();
    for (const [, key, form] of body.matchAll(FORM)) forms.set(key!, form!);
    const chosen = forms.get(`=${n}`) ?? forms.get(Number.isFinite(n) ? pluralOf(locale, n) : 'other') ?? forms.get('other') ?? '';
    return chosen.replace(/#/g, Number.isFinite(n) ? grouped.format(n) : String(vars[name]));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? `{${k}}`));
}

/** Looks up a message and fills its placeholders. */
export function t(locale: Locale, key: MessageKey, vars: MessageVars = {}): string {
  return format(locale, MESSAGES[locale][key], vars);
}

/** True when `key` names a message (keys carried in data, e.g. a problem's code, are checked before use). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}

/** Every message of a language, for the catalog's own tests. */
export function catalog(locale: Locale): Readonly<Record<MessageKey, string>> {
  return MESSAGES[locale];
}

/**
 * A text that data carries in both languages (a scheme's or a field's label): the one for
 * `locale`. Such texts live with their data, not in the catalog.
 */
export function labelIn(locale: Locale, label: { readonly zh: string; readonly en: string }): string {
  return locale === 'en' ? label.en : label.zh;
}

/**
 * A text in both languages made from a catalog message, for labels kept with their data (a
 * knob's, a profile tier's) and picked later with `labelIn`.
 */
export function labelsFrom(key: MessageKey, vars: (locale: Locale) => MessageVars = () => ({})): { readonly zh: string; readonly en: string } {
  return { zh: t('zh-CN', key, vars('zh-CN')), en: t('en', key, vars('en')) };
}

/** The language the switch offers. */
export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'zh-CN' : 'en';
}

/** A dataset column as people read it: a field's label in the page's language, else the column's own name. */
export function columnLabel(locale: Locale, column: string): string {
  return isFieldName(column) ? labelIn(locale, fieldByName(column).labels) : column;
}
