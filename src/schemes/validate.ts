import { parseExpr } from './expr';
import type { Bound, Label, ProfileScheme, Scheme, TierDef } from './types';
import { LocalizedError, said, saidOf, type Said } from '../i18n/said';
import { labelIn, labelsFrom, t, type MessageKey } from '../i18n/messages';
import type { Locale } from '../i18n/format';

/**
 * A scheme file that is not valid; `path` names the bad field (e.g. `bounds[2].min`), `detail`
 * says what is wrong with it (a catalog message, said in the page's language).
 */
export class SchemeError extends LocalizedError {
  constructor(
    readonly path: string,
    readonly detail: Said,
  ) {
    super(said('schemeFieldError', { path, detail }));
    this.name = 'SchemeError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const KINDS = ['ladder', 'rules', 'scorecard', 'quadrant', 'profile', 'pareto', 'rfm'] as const;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function fail(path: string, detail: Said | MessageKey): never {
  throw new SchemeError(path, typeof detail === 'string' ? said(detail) : detail);
}
function obj(v: unknown, path: string): Obj {
  return isObj(v) ? v : fail(path, 'schemeMustBeObject');
}
function list(v: unknown, path: string, min = 0): unknown[] {
  if (!Array.isArray(v)) fail(path, 'schemeMustBeList');
  if (v.length < min) fail(path, said('schemeNeedsEntries', { min }));
  return v;
}
function text(v: unknown, path: string): string {
  return typeof v === 'string' && v !== '' ? v : fail(path, 'schemeMustBeText');
}
function number(v: unknown, path: string): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fail(path, 'schemeMustBeNumber');
}
function label(v: unknown, path: string): Label {
  const o = obj(v, path);
  return { zh: text(o.zh, `${path}.zh`), en: text(o.en, `${path}.en`) };
}
function expr(v: unknown, path: string): string {
  const source = text(v, path);
  try {
    parseExpr(source);
  } catch (e) {
    fail(path, saidOf(e));
  }
  return source;
}

/**
 * Checks untrusted JSON (a preset or a user's saved scheme) completely and returns it typed,
 * with profile tiers filled in. The first problem found is thrown, naming its field.
 */
export function validateScheme(input: unknown): Scheme {
  const s = obj(input, '(root)');
  if (s.format !== 'tierlens-scheme') fail('format', said('schemeMustBeFormat', { format: 'tierlens-scheme' }));
  if (s.version !== 1) fail('version', said('schemeVersion', { version: String(JSON.stringify(s.version)), supported: 1 }));
  if (typeof s.id !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/i.test(s.id)) fail('id', 'schemeIdChars');
  label(s.label, 'label');
  if (s.description !== undefined) label(s.description, 'description');
  if (!KINDS.includes(s.kind as (typeof KINDS)[number])) fail('kind', said('schemeUnknownKind', { kind: String(JSON.stringify(s.kind)), known: KINDS.join(', ') }));

  const scheme = (s.kind === 'profile' && s.tiers === undefined ? { ...s, tiers: profileTiers(s) } : s) as Obj;
  const tierIds = checkTiers(scheme.tiers);
  const tier = (v: unknown, path: string) => {
    const id = text(v, path);
    return tierIds.has(id) ? id : fail(path, said('schemeUnknownTier', { id, tiers: [...tierIds].join(', ') }));
  };

  const derivedNames = new Set<string>();
  list(scheme.derived ?? [], 'derived').forEach((d, i) => {
    const o = obj(d, `derived[${i}]`);
    const name = text(o.name, `derived[${i}].name`);
    if (!NAME.test(name)) fail(`derived[${i}].name`, 'schemePlainName');
    if (derivedNames.has(name)) fail(`derived[${i}].name`, said('schemeDuplicateName', { name }));
    derivedNames.add(name);
    expr(o.expr, `derived[${i}].expr`);
    if (o.label !== undefined) label(o.label, `derived[${i}].label`);
  });
  list(scheme.optional ?? [], 'optional').forEach((f, i) => text(f, `optional[${i}]`));
  list(scheme.overrides ?? [], 'overrides').forEach((o, i) => {
    const r = obj(o, `overrides[${i}]`);
    expr(r.when, `overrides[${i}].when`);
    tier(r.tier, `overrides[${i}].tier`);
  });

  switch (scheme.kind) {
    case 'ladder':
      text(scheme.metric, 'metric');
      checkBounds(scheme.bounds, 'bounds', tier);
      if (scheme.below !== undefined) tier(scheme.below, 'below');
      list(scheme.near ?? [], 'near').forEach((b, i) => {
        const o = obj(b, `near[${i}]`);
        if (!(number(o.from, `near[${i}].from`) < number(o.to, `near[${i}].to`))) fail(`near[${i}]`, 'schemeNearOrder');
        tier(o.tier, `near[${i}].tier`);
      });
      break;
    case 'rules':
      list(scheme.requires, 'requires').forEach((r, i) => text(r, `requires[${i}]`));
      list(scheme.rules, 'rules', 1).forEach((r, i) => {
        const o = obj(r, `rules[${i}]`);
        expr(o.when, `rules[${i}].when`);
        tier(o.tier, `rules[${i}].tier`);
      });
      tier(scheme.otherwise, 'otherwise');
      break;
    case 'scorecard':
      list(scheme.requires, 'requires').forEach((r, i) => text(r, `requires[${i}]`));
      list(scheme.components, 'components', 1).forEach((c, i) => {
        const o = obj(c, `components[${i}]`);
        text(o.id, `components[${i}].id`);
        label(o.label, `components[${i}].label`);
        expr(o.expr, `components[${i}].expr`);
      });
      if (!Number.isInteger(scheme.digits) || (scheme.digits as number) < 0 || (scheme.digits as number) > 6) fail('digits', 'schemeDigits');
      checkBounds(scheme.bounds, 'bounds', tier);
      tier(scheme.below, 'below');
      if (scheme.provisional !== undefined) expr(scheme.provisional, 'provisional');
      break;
    case 'quadrant': {
      for (const axis of ['x', 'y'] as const) {
        const a = obj(scheme[axis], axis);
        expr(a.expr, `${axis}.expr`);
        number(a.cut, `${axis}.cut`);
        label(a.label, `${axis}.label`);
      }
      const cells = obj(scheme.cells, 'cells');
      for (const c of ['hh', 'lh', 'hl', 'll']) tier(cells[c], `cells.${c}`);
      break;
    }
    case 'profile':
      list(scheme.dimensions, 'dimensions', 1).forEach((d, i) => {
        const o = obj(d, `dimensions[${i}]`);
        text(o.id, `dimensions[${i}].id`);
        label(o.label, `dimensions[${i}].label`);
        expr(o.expr, `dimensions[${i}].expr`);
        const c = obj(o.cuts, `dimensions[${i}].cuts`);
        if (c.method !== 'fixed' && c.method !== 'quantile') fail(`dimensions[${i}].cuts.method`, 'schemeCutsMethod');
        const high = number(c.high, `dimensions[${i}].cuts.high`);
        const medium = number(c.medium, `dimensions[${i}].cuts.medium`);
        if (!(medium <= high)) fail(`dimensions[${i}].cuts`, 'schemeCutsOrder');
        if (c.method === 'quantile' && (medium < 0 || high > 1)) fail(`dimensions[${i}].cuts`, 'schemeQuantileCuts');
        if (o.better !== undefined && o.better !== 'high' && o.better !== 'low') fail(`dimensions[${i}].better`, 'schemeBetter');
      });
      break;
    case 'pareto': {
      text(scheme.metric, 'metric');
      let previous = 0;
      list(scheme.classes, 'classes', 1).forEach((c, i) => {
        const o = obj(c, `classes[${i}]`);
        tier(o.tier, `classes[${i}].tier`);
        const below = number(o.below, `classes[${i}].below`);
        if (!(below > previous && below <= 1)) fail(`classes[${i}].below`, 'schemeShares');
        previous = below;
      });
      tier(scheme.rest, 'rest');
      tier(scheme.invalid, 'invalid');
      break;
    }
    case 'rfm': {
      const q = list(scheme.quantiles, 'quantiles', 1).map((p, i) => number(p, `quantiles[${i}]`));
      q.forEach((p, i) => {
        if (!(p > 0 && p < 1) || (i > 0 && p <= q[i - 1]!)) fail(`quantiles[${i}]`, 'schemeQuantilesIncrease');
      });
      const top = q.length + 1;
      list(scheme.segments, 'segments', 1).forEach((seg, i) => {
        const o = obj(seg, `segments[${i}]`);
        tier(o.tier, `segments[${i}].tier`);
        for (const k of ['r', 'f', 'm']) {
          const r = list(o[k], `segments[${i}].${k}`, 2).map((v, j) => number(v, `segments[${i}].${k}[${j}]`));
          if (r.length !== 2 || !(1 <= r[0]! && r[0]! <= r[1]! && r[1]! <= top)) fail(`segments[${i}].${k}`, said('schemeSegmentRange', { top }));
        }
      });
      tier(scheme.otherwise, 'otherwise');
      break;
    }
  }
  return scheme as unknown as Scheme;
}

function checkTiers(v: unknown): Set<string> {
  const ids = new Set<string>();
  list(v, 'tiers', 1).forEach((t, i) => {
    const o = obj(t, `tiers[${i}]`);
    const id = text(o.id, `tiers[${i}].id`);
    if (id === 'unrated' || id.startsWith('(')) fail(`tiers[${i}].id`, said('schemeReservedTier', { id }));
    if (ids.has(id)) fail(`tiers[${i}].id`, said('schemeDuplicateTier', { id }));
    ids.add(id);
    label(o.label, `tiers[${i}].label`);
    if (typeof o.color !== 'string' || !/^#[0-9a-f]{6}$/i.test(o.color)) fail(`tiers[${i}].color`, 'schemeColor');
  });
  return ids;
}

/** Bounds must name tiers and strictly decrease from the best tier down. */
function checkBounds(v: unknown, path: string, tier: (v: unknown, path: string) => string): Bound[] {
  let previous = Infinity;
  return list(v, path, 1).map((b, i) => {
    const o = obj(b, `${path}[${i}]`);
    const t = tier(o.tier, `${path}[${i}].tier`);
    const min = number(o.min, `${path}[${i}].min`);
    if (!(min < previous)) fail(`${path}[${i}].min`, said('schemeBoundsOrder', { min, previous }));
    if (o.inclusive !== undefined && typeof o.inclusive !== 'boolean') fail(`${path}[${i}].inclusive`, 'schemeBoolean');
    previous = min;
    return { tier: t, min, inclusive: o.inclusive as boolean | undefined };
  });
}

const LETTERS = ['H', 'M', 'L'] as const;
const LETTER_LABEL: Record<(typeof LETTERS)[number], MessageKey> = { H: 'profileHigh', M: 'profileMedium', L: 'profileLow' };

/**
 * Profile tiers are every combination of H/M/L, best first: each dimension ordered by its
 * `better` direction (risk: low is better). Colors run from green (best) to red (worst).
 */
export function profileTiers(s: Obj | ProfileScheme): TierDef[] {
  const dims = list(s.dimensions, 'dimensions', 1).map((d, i) => {
    const o = obj(d, `dimensions[${i}]`);
    return { label: label(o.label, `dimensions[${i}].label`), better: o.better === 'low' ? 'low' : 'high' };
  });
  let combos: { id: string; letters: (typeof LETTERS)[number][]; rank: number }[] = [{ id: '', letters: [], rank: 0 }];
  for (const d of dims) {
    const order = d.better === 'low' ? [...LETTERS].reverse() : [...LETTERS];
    combos = combos.flatMap((c) =>
      order.map((letter, k) => ({
        id: c.id + letter,
        letters: [...c.letters, letter],
        rank: c.rank * 3 + k,
      })),
    );
  }
  const n = combos.length;
  const levels = (locale: Locale, letters: readonly (typeof LETTERS)[number][]) =>
    letters.map((letter, j) => t(locale, 'profileDimLevel', { dim: labelIn(locale, dims[j]!.label), level: t(locale, LETTER_LABEL[letter]) })).join(t(locale, 'profileLevelSep'));
  return combos.map((c, i) => ({
    id: c.id,
    label: labelsFrom('profileTierLabel', (locale) => ({ id: c.id, levels: levels(locale, c.letters) })),
    color: gradient(n <= 1 ? 0 : i / (n - 1)),
  }));
}

/** Green → amber → red, as #rrggbb. */
function gradient(t: number): string {
  const stops = [
    [46, 157, 106],
    [230, 170, 40],
    [192, 57, 43],
  ] as const;
  const seg = t < 0.5 ? 0 : 1;
  const u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
  const a = stops[seg]!;
  const b = stops[seg + 1]!;
  return `#${[0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * u).toString(16).padStart(2, '0')).join('')}`;
}
