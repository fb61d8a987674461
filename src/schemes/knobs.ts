import { fieldByName, isFieldName } from '../ingest/vocabulary';
import { parseExpr, type Expr } from './expr';
import type { Label, QuadrantScheme, Scheme } from './types';
import { labelIn, labelsFrom } from '../i18n/messages';

/**
 * Knobs: every number a manager may tune in a scheme — bounds, cuts, shares, and the numbers in
 * rules and weights inside expressions — each with a path that `setKnob` writes back. Pure, so
 * the editor UI stays a thin layer of sliders and number fields.
 */
export type KnobKind = 'amount' | 'score' | 'share' | 'weight' | 'count';

export interface Knob {
  /** Where the number lives, e.g. `bounds.2.min` or `rules.1.when@14` (a literal at character 14). */
  readonly path: string;
  readonly label: Label;
  readonly value: number;
  readonly kind: KnobKind;
  /** Slider range hints; callers may widen them with the data's own range. */
  readonly min: number;
  readonly max: number;
  /** The knobs it may not pass, in value order (ladder bounds descend, pareto classes ascend…). */
  readonly below?: KnobNeighbour;
  readonly above?: KnobNeighbour;
}

export interface KnobNeighbour {
  readonly path: string;
  readonly label: Label;
  readonly value: number;
}

const kindOfField = (name: string): KnobKind => (isFieldName(name) && fieldByName(name).kind === 'amount' ? 'amount' : 'score');
const fieldLabel = (name: string): Label => (isFieldName(name) ? fieldByName(name).labels : { zh: name, en: name });

function range(kind: KnobKind, value: number): Pick<Knob, 'min' | 'max'> {
  switch (kind) {
    case 'amount':
      return { min: 0, max: Math.max(value * 4, 1000) };
    case 'share':
      return { min: 0, max: 1 };
    case 'score':
      return { min: Math.min(0, value), max: Math.max(100, value * 2) };
    case 'count':
      return { min: 0, max: Math.max(value * 4, 12) };
    case 'weight':
      return { min: 0, max: Math.max(value * 3, 1) };
  }
}

function knob(path: string, label: Label, value: number, kind: KnobKind): Knob {
  return { path, label, value, kind, ...range(kind, value) };
}

/**
 * The knobs a knob sits between, by path: ladder and scorecard bounds descend (best tier
 * first), pareto classes and rfm quantiles ascend, a profile's medium cut stays under its high
 * cut. `strict`: the two may not be equal (the validator refuses equal bounds).
 */
export function neighbourPaths(scheme: Scheme, path: string): { below?: string; above?: string; strict: boolean } {
  const keys = path.split('.');
  const i = Number(keys[1]);
  const at = (list: readonly unknown[], j: number, field: string) => (j >= 0 && j < list.length ? `${keys[0]}.${j}${field}` : undefined);
  if (keys[0] === 'bounds' && keys[2] === 'min' && keys.length === 3 && 'bounds' in scheme) {
    return { above: at(scheme.bounds, i - 1, '.min'), below: at(scheme.bounds, i + 1, '.min'), strict: true };
  }
  if (scheme.kind === 'pareto' && keys[0] === 'classes' && keys[2] === 'below') return { below: at(scheme.classes, i - 1, '.below'), above: at(scheme.classes, i + 1, '.below'), strict: true };
  if (scheme.kind === 'rfm' && keys[0] === 'quantiles' && keys.length === 2) return { below: at(scheme.quantiles, i - 1, ''), above: at(scheme.quantiles, i + 1, ''), strict: true };
  if (scheme.kind === 'profile' && keys[0] === 'dimensions' && keys[2] === 'cuts') {
    if (keys[3] === 'high') return { below: `dimensions.${i}.cuts.medium`, strict: false };
    if (keys[3] === 'medium') return { above: `dimensions.${i}.cuts.high`, strict: false };
  }
  return { strict: false };
}

/** Each knob with the knobs it may not pass (labels and values read from the same list). */
function withNeighbours(scheme: Scheme, knobs: Knob[]): Knob[] {
  const byPath = new Map(knobs.map((k) => [k.path, k]));
  const neighbour = (path: string | undefined): KnobNeighbour | undefined => {
    const k = path === undefined ? undefined : byPath.get(path);
    return k && { path: k.path, label: k.label, value: k.value };
  };
  return knobs.map((k) => {
    const n = neighbourPaths(scheme, k.path);
    const below = neighbour(n.below);
    const above = neighbour(n.above);
    return below || above ? { ...k, ...(below && { below }), ...(above && { above }) } : k;
  });
}

/** Pareto classes and rfm quantiles lie strictly inside 0–1 (`setKnob` keeps them there): their sliders end at 1 % and 99 %. */
const openShare = (k: Knob): Knob => ({ ...k, min: 0.01, max: 0.99 });

/** Number literals of an expression worth tuning: compared against, or multiplying something. */
export function expressionNumbers(source: string): { pos: number; value: number; role: 'threshold' | 'weight'; field?: string }[] {
  const out: { pos: number; value: number; role: 'threshold' | 'weight'; field?: string }[] = [];
  const visit = (e: Expr) => {
    if (e.kind === 'binary') {
      const compare = ['<', '<=', '>', '>=', '=', '!='].includes(e.op);
      for (const [side, other] of [
        [e.left, e.right],
        [e.right, e.left],
      ] as const) {
        // `revenue >= if(farm, 150000000, 300000000)`: both branches are thresholds on revenue.
        if (compare && side.kind === 'call' && side.fn === 'if') {
          for (const branch of side.args.slice(1)) {
            if (branch.kind === 'number') out.push({ pos: branch.pos, value: branch.value, role: 'threshold', field: other.kind === 'ref' ? other.name : undefined });
          }
          continue;
        }
        if (side.kind !== 'number') continue;
        if (compare) out.push({ pos: side.pos, value: side.value, role: 'threshold', field: other.kind === 'ref' ? other.name : undefined });
        else if (e.op === '*') out.push({ pos: side.pos, value: side.value, role: 'weight', field: other.kind === 'ref' ? other.name : undefined });
      }
      visit(e.left);
      visit(e.right);
    } else if (e.kind === 'unary') visit(e.arg);
    else if (e.kind === 'call') e.args.forEach((a) => a.kind !== 'number' && visit(a));
    else if (e.kind === 'in') [e.value, ...e.items].forEach(visit);
  };
  visit(parseExpr(source));
  return out.sort((a, b) => a.pos - b.pos);
}

/** Replaces the number literal starting at `pos`, keeping the rest of the text as written. */
export function replaceNumberAt(source: string, pos: number, value: number): string {
  const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(source.slice(pos));
  if (!m) throw new Error(`no number at ${pos} in ${JSON.stringify(source)}`);
  if (!Number.isFinite(value) || value < 0) throw new Error(`cannot write ${value} into an expression literal`);
  return `${source.slice(0, pos)}${formatLiteral(value)}${source.slice(pos + m[0].length)}`;
}

function formatLiteral(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
}

/** The scheme's tunable numbers, in the order an editor should show them. */
export function knobsOf(scheme: Scheme): Knob[] {
  const out: Knob[] = [];
  const tierLabel = (id: string): Label => scheme.tiers.find((t) => t.id === id)?.label ?? { zh: id, en: id };
  const exprKnobs = (source: string, base: string, label: Label) => {
    for (const n of expressionNumbers(source)) {
      const kind: KnobKind = n.role === 'weight' ? 'weight' : n.field ? kindOfField(n.field) : 'score';
      const what = n.field ? fieldLabel(n.field) : label;
      out.push(knob(`${base}@${n.pos}`, labelsFrom('knobInExpr', (l) => ({ label: labelIn(l, label), what: labelIn(l, what) })), n.value, kind));
    }
  };
  (scheme.derived ?? []).forEach((d, i) => exprKnobs(d.expr, `derived.${i}.expr`, d.label ?? { zh: d.name, en: d.name }));
  switch (scheme.kind) {
    case 'ladder':
      scheme.bounds.forEach((b, i) => out.push(knob(`bounds.${i}.min`, tierLabel(b.tier), b.min, kindOfField(scheme.metric))));
      break;
    case 'scorecard':
      scheme.components.forEach((c, i) => exprKnobs(c.expr, `components.${i}.expr`, c.label));
      scheme.bounds.forEach((b, i) => out.push(knob(`bounds.${i}.min`, tierLabel(b.tier), b.min, 'score')));
      break;
    case 'rules':
      scheme.rules.forEach((r, i) => exprKnobs(r.when, `rules.${i}.when`, tierLabel(r.tier)));
      break;
    case 'quadrant':
      out.push(knob('x.cut', scheme.x.label, scheme.x.cut, cutKind(scheme, 'x')));
      out.push(knob('y.cut', scheme.y.label, scheme.y.cut, cutKind(scheme, 'y')));
      break;
    case 'profile':
      scheme.dimensions.forEach((d, i) => {
        const kind: KnobKind = d.cuts.method === 'quantile' ? 'share' : 'score';
        out.push(knob(`dimensions.${i}.cuts.high`, labelsFrom('knobCutHigh', (l) => ({ dim: labelIn(l, d.label) })), d.cuts.high, kind));
        out.push(knob(`dimensions.${i}.cuts.medium`, labelsFrom('knobCutMedium', (l) => ({ dim: labelIn(l, d.label) })), d.cuts.medium, kind));
      });
      break;
    case 'pareto':
      scheme.classes.forEach((c, i) => out.push(openShare(knob(`classes.${i}.below`, tierLabel(c.tier), c.below, 'share'))));
      break;
    case 'rfm':
      scheme.quantiles.forEach((q, i) => out.push(openShare(knob(`quantiles.${i}`, labelsFrom('knobQuantile', () => ({ i: i + 1 })), q, 'share'))));
      break;
  }
  return withNeighbours(scheme, out);
}

/** The kind of a quadrant's cut (its grid when the chart's handle is dragged). */
export function cutKind(scheme: QuadrantScheme, axis: 'x' | 'y'): KnobKind {
  return axis === 'x' ? guessKind(scheme.x.expr) : guessKind(scheme.y.expr, scheme);
}

/** An axis over a derived money value (profit contribution) tunes like an amount. */
function guessKind(expr: string, scheme?: Scheme): KnobKind {
  const e = parseExpr(expr);
  if (e.kind === 'ref') {
    if (isFieldName(e.name)) return kindOfField(e.name);
    if (scheme?.derived?.some((d) => d.name === e.name && /income|cost|contribution|amount|aum/i.test(d.expr))) return 'amount';
  }
  return 'score';
}

/**
 * Writes a knob's new value into a copy of the scheme. A knob stays on its side of its
 * neighbours (`neighbourPaths`): a value past one stops just short of it (the validator would
 * refuse the scheme otherwise, and a slider must never produce an invalid scheme). The sliders
 * stop a grid step short before this (`grid.ts`); this is the guard for any other caller.
 */
export function setKnob<S extends Scheme>(scheme: S, path: string, value: number): S {
  if (!Number.isFinite(value)) return scheme;
  const at = path.indexOf('@');
  if (at >= 0) {
    const keys = path.slice(0, at).split('.');
    const pos = Number(path.slice(at + 1));
    const source = getPath(scheme, keys);
    if (typeof source !== 'string') throw new Error(`knob ${path}: not an expression`);
    return setPath(scheme, keys, replaceNumberAt(source, pos, Math.max(0, value)));
  }
  const keys = path.split('.');
  const n = neighbourPaths(scheme, path);
  const valueOf = (p: string | undefined, none: number) => {
    const v = p === undefined ? undefined : getPath(scheme, p.split('.'));
    return typeof v === 'number' ? v : none;
  };
  const below = valueOf(n.below, -Infinity);
  const above = valueOf(n.above, Infinity);
  value = n.strict ? Math.min(Math.max(value, nextUp(below)), nextDown(above)) : Math.min(Math.max(value, below), above);
  if (keys[0] === 'classes' || keys[0] === 'quantiles') value = Math.min(Math.max(value, 0.0001), 0.9999);
  return setPath(scheme, keys, value);
}

function getPath(obj: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((o, k) => (o === null || typeof o !== 'object' ? undefined : (o as Record<string, unknown>)[k]), obj);
}

function setPath<T>(obj: T, keys: readonly string[], value: unknown): T {
  if (keys.length === 0) return value as T;
  const [k, ...rest] = keys as [string, ...string[]];
  if (Array.isArray(obj)) {
    const copy = [...obj];
    copy[Number(k)] = setPath(copy[Number(k)], rest, value);
    return copy as T;
  }
  const o = obj as Record<string, unknown>;
  return { ...o, [k]: setPath(o[k], rest, value) } as T;
}

/** The smallest step that keeps two bounds distinct (a cent for amounts is far too coarse here). */
function nextUp(x: number): number {
  return Number.isFinite(x) ? x + Math.max(Math.abs(x) * 1e-12, 1e-9) : x;
}
function nextDown(x: number): number {
  return Number.isFinite(x) ? x - Math.max(Math.abs(x) * 1e-12, 1e-9) : x;
}
