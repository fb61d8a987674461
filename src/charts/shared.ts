/**
 * Small pieces shared by the chart builders: tier label/color lookup (with the grey used for
 * unrated, `(new)` and `(gone)`), font sizes that read on a projector, and color mixing for
 * intensity scales. Everything here is pure.
 */
import { GONE, NEW } from '../analysis/migration';
import { formatCount, type Locale } from '../i18n/format';
import { labelIn, t } from '../i18n/messages';
import { UNRATED, type TierDef } from '../schemes/types';
import { escapeHtml } from './escape';

/** Grey of unrated, `(new)` and `(gone)` (same as {@link UNRATED}'s color). */
export const GREY = '#9e9e9e';
/** Lighter grey, e.g. the cumulative leavers of a projection. */
export const LIGHT_GREY = '#bdbdbd';

/** Font sizes: nothing below 12 px, so a slide on a projector stays legible. */
export const FONT = { title: 16, subtitle: 13, label: 12, axis: 12 } as const;

/** Localized names of the migration pseudo-states. */
export function pseudoLabel(id: string, locale: Locale): string | undefined {
  if (id === NEW) return t(locale, 'chartNew');
  if (id === GONE) return t(locale, 'chartGone');
  return undefined;
}

export interface TierLookup {
  /** Display label (zh or en); unknown ids are shown as they are. Plain text: escape before HTML. */
  label(id: string): string;
  /** The tier's stable color; grey for unrated, `(new)`, `(gone)` and unknown ids. */
  color(id: string): string;
  /** Same label, HTML-encoded for tooltips. */
  html(id: string): string;
  def(id: string): TierDef | undefined;
}

export function tierLookup(tiers: readonly TierDef[], locale: Locale): TierLookup {
  const byId = new Map(tiers.map((t) => [t.id, t]));
  const label = (id: string): string => {
    const def = byId.get(id) ?? (id === UNRATED.id ? UNRATED : undefined);
    if (def) return labelIn(locale, def.label);
    return pseudoLabel(id, locale) ?? id;
  };
  return {
    label,
    color: (id) => byId.get(id)?.color ?? GREY,
    html: (id) => escapeHtml(label(id)),
    def: (id) => byId.get(id),
  };
}

/**
 * The tier ids to draw, best first: the given tiers, then any id met in the data that the
 * tiers do not list (drawn grey under its own id rather than silently dropped).
 */
export function tierIdsWithExtras(tiers: readonly TierDef[], seen: Iterable<string>): string[] {
  const ids = tiers.map((t) => t.id);
  const known = new Set(ids);
  for (const id of seen) {
    if (!known.has(id)) {
      known.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/** Title block used by every builder: title centered, optional subtitle under it. */
export function titleBlock(text: string, subtext?: string) {
  return {
    text,
    left: 'center',
    textStyle: { fontSize: FONT.title },
    ...(subtext === undefined ? {} : { subtext, subtextStyle: { fontSize: FONT.subtitle, color: '#555' } }),
  };
}

/**
 * A value axis of customer counts: ticks on whole numbers only (`minInterval: 1`), and a
 * formatter that leaves any fractional tick blank rather than printing 0, 1, 1, 2.
 */
export function countAxis() {
  return { minInterval: 1, axisLabel: { fontSize: FONT.axis, formatter: countTick } };
}

/** A count axis tick: whole numbers grouped, anything else blank. */
export function countTick(v: number): string {
  return Number.isInteger(v) ? formatCount(v) : '';
}

/** ECharts passes one param object or an array of them (axis trigger). */
export function firstParam<T>(params: unknown): T | undefined {
  return (Array.isArray(params) ? params[0] : params) as T | undefined;
}

/** A tooltip color swatch (the color is ours or a scheme's; escaped like any scheme string). */
export function swatch(color: string): string {
  return `<span style="display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;background:${escapeHtml(color)}"></span>`;
}

function parseHex(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (!m) throw new Error(`charts: expected a #rgb or #rrggbb color, got "${color}"`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** `t` = 0 gives `from`, 1 gives `to`; both `#rrggbb`. */
export function mixColor(from: string, to: string, t: number): string {
  const a = parseHex(from);
  const b = parseHex(to);
  const k = Math.min(1, Math.max(0, t));
  return `#${a.map((v, i) => Math.round(v + (b[i]! - v) * k).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance 0..1 of a `#rrggbb` color, to choose dark or light label text. */
export function luminance(color: string): number {
  const [r, g, b] = parseHex(color).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Label color readable on `background` (a `#rrggbb`). */
export function textOn(background: string): string {
  return luminance(background) > 0.35 ? '#222' : '#fff';
}
