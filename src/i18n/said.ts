import type { Locale } from './format';
import { isMessageKey, t, type MessageKey } from './messages';

/**
 * A message as data: a catalog key and its variables, said in either language when shown.
 * Modules that find problems (schemes, notebooks, saved files) return or throw these rather than
 * finished text, so the page can say them in its language and the CLI and logs in English.
 *
 * A variable may itself be a message (a scheme field's error wraps the expression's error) or a
 * list of them joined by a catalog separator (a cell's several problems).
 */
export interface Said {
  readonly code: MessageKey;
  readonly params?: Readonly<Record<string, SaidVar>>;
}
export interface SaidList {
  /** The separator's catalog key (e.g. `saidSemicolon`). */
  readonly join: MessageKey;
  readonly items: readonly SaidVar[];
}
export type SaidVar = string | number | Said | SaidList;

export function said(code: MessageKey, params?: Readonly<Record<string, SaidVar>>): Said {
  return params === undefined ? { code } : { code, params };
}

/** A text that has no catalog message (a database error, a browser's exception): shown as it is. */
export function verbatim(text: string): Said {
  return { code: 'saidVerbatim', params: { text } };
}

export function saidList(join: MessageKey, items: readonly SaidVar[]): SaidList {
  return { join, items };
}

function sayVar(locale: Locale, v: SaidVar): string | number {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if ('join' in v) return v.items.map((item) => sayVar(locale, item)).join(t(locale, v.join));
  return say(locale, v);
}

/** The message in `locale`, nested messages included. */
export function say(locale: Locale, s: Said): string {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(s.params ?? {})) vars[k] = sayVar(locale, v);
  return t(locale, s.code, vars);
}

/**
 * An error whose message is a catalog message: `message` is its English text (logs, CLI), the
 * page says `code` with `params` in its language (`errorText`).
 */
export class LocalizedError extends Error {
  readonly code: MessageKey;
  readonly params: Readonly<Record<string, SaidVar>>;
  constructor(s: Said) {
    super(say('en', s));
    this.name = 'LocalizedError';
    this.code = s.code;
    this.params = s.params ?? {};
  }
  /** The message as data, to nest in another message or keep in state. */
  get said(): Said {
    return { code: this.code, params: this.params };
  }
  localized(locale: Locale): string {
    return say(locale, this.said);
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message || e.name : String(e));

/**
 * What went wrong, as a message: an error's own (`said`, or `code` + `params` naming a catalog
 * message), or its text as it is for errors that have none (database, browser).
 */
export function saidOf(e: unknown): Said {
  if (typeof e === 'object' && e !== null) {
    const o = e as { said?: unknown; code?: unknown; params?: unknown };
    if (isSaid(o.said)) return o.said;
    if (typeof o.code === 'string' && isMessageKey(o.code)) return { code: o.code, params: (o.params ?? {}) as Said['params'] };
  }
  return verbatim(messageOf(e));
}

function isSaid(v: unknown): v is Said {
  return typeof v === 'object' && v !== null && typeof (v as Said).code === 'string' && isMessageKey((v as Said).code);
}

/**
 * An error's message in the UI language: its own `localized(locale)` when it has one (e.g. an
 * `IngestError`, which adds the file and line), else its catalog message, else `e.message`.
 */
export function errorText(locale: Locale, e: unknown): string {
  const localized = typeof e === 'object' && e !== null ? (e as { localized?: unknown }).localized : undefined;
  if (typeof localized === 'function') return String(localized.call(e, locale));
  return say(locale, saidOf(e));
}
