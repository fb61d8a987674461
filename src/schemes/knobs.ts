import { fieldByName, isFieldName } from '../ingest/vocabulary';
import { parseExpr, type Expr } from './expr';
import type { Label, Scheme } from './types';
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
  /** Amounts span orders of magnitude: their sliders move on a log scale. */
  readonly log: boolean;
}

const kindOfField = (name: string): KnobKind => (isFieldName(name) && fieldByName(name).kind === 'amount' ? 'amount' : 'score');
const fieldLabel = (name: string): Label => (isFieldName(name) ? fieldByName(name).labels : { zh: name, en: name });

function range(kind: KnobKind, value: number): Pick<Knob, 'min' | 'max' | 'log'> {
  switch (kind) {
    case 'amount':
      return { min: 0, max: Math.max(value * 4, 1000), log: true };
    case 'share':
      return { min: 0, max: 1, log: false };
    case 'score':
      return { min: Math.min(0, value), max: Math.max(100, value * 2), log: false };
    case 'count':
      return { min: 0, max: Math.max(value * 4, 12), log: false };
    case 'weight':
      return { min: 0, max: Math.max(value * 3, 1), log: false };
  }
}

function knob(path: string, label: Label, value: number, kind: KnobKind): Knob {
  return { path, label, value, kind, ...range(kind, value) };
}

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
      out.push(knob('x.cut', scheme.x.label, scheme.x.cut, guessKind(scheme.x.expr)));
      out.push(knob('y.cut', scheme.y.label, scheme.y.cut, guessKind(scheme.y.expr, scheme)));
      break;
    case 'profile':
      scheme.dimensions.forEach((d, i) => {
        const kind: KnobKind = d.cuts.method === 'quantile' ? 'share' : 'score';
        out.push(knob(`dimensions.${i}.cuts.high`, labelsFrom('knobCutHigh', (l) => ({ dim: labelIn(l, d.label) })), d.cuts.high, kind));
        out.push(knob(`dimensions.${i}.cuts.medium`, labelsFrom('knobCutMedium', (l) => ({ dim: labelIn(l, d.label) })), d.cuts.medium, kind));
      });
      break;
    case 'pareto':
      scheme.classes.forEach((c, i) => out.push(knob(`classes.${i}.below`, tierLabel(c.tier), c.below, 'share')));
      break;
    case 'rfm':
      scheme.quantiles.forEach((q, i) => out.push(knob(`quantiles.${i}`, labelsFrom('knobQuantile', () => ({ i: i + 1 })), q, 'share')));
      break;
  }
  return out;
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
 * Writes a knob's new value into a copy of the scheme. Ladder bounds stay strictly decreasing:
 * a bound dragged past a neighbour stops just short of it (the validator would refuse the
 * scheme otherwise, and a slider must never produce an invalid scheme).
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
  if (keys[0] === 'bounds' && keys[2] === 'min' && 'bounds' in scheme) {
    const i = Number(keys[1]);
    const bounds = (scheme as { bounds: readonly { min: number }[] }).bounds;
    const above = bounds[i - 1]?.min ?? Infinity;
    const below = bounds[i + 1]?.min ?? -Infinity;
    value = Math.min(Math.max(value, nextUp(below)), nextDown(above));
  }
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
