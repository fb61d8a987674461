/**
 * The AST of the scheme expression language (derived fields and rule conditions).
 * Every node keeps `pos`, the 0-based character offset in the source, so that errors found
 * after parsing (types, evaluation) can still point at the text the user wrote.
 */
import { LocalizedError, said, say, type Said } from '../../i18n/said';

export type UnaryOp = '-' | 'not';
export type ArithOp = '+' | '-' | '*' | '/';
/** `==` and `<>` are accepted by the parser and normalized to `=` and `!=`. */
export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '!=';
export type BinaryOp = ArithOp | CompareOp | 'and' | 'or';

/** The functions of the language; names are case-insensitive in source and lower-case here. */
export type FunctionName =
  | 'min' | 'max' | 'clamp' | 'abs' | 'round' | 'coalesce' | 'is_null'
  | 'if' | 'match' | 'days_between' | 'whole_months' | 'year' | 'month';

/** Allowed argument counts; `even` means an even count ≥ min (for `match`). */
export interface Arity {
  readonly min: number;
  readonly max: number;
  readonly even?: boolean;
}

/** Function name → arity, checked at parse time. */
export const FUNCTIONS: Readonly<Record<FunctionName, Arity>> = {
  min: { min: 2, max: Infinity },
  max: { min: 2, max: Infinity },
  clamp: { min: 3, max: 3 },
  abs: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  coalesce: { min: 1, max: Infinity },
  is_null: { min: 1, max: 1 },
  if: { min: 3, max: 3 },
  // match(x, k1, v1, …, default): x, key/result pairs, and a mandatory default → even count.
  match: { min: 4, max: Infinity, even: true },
  days_between: { min: 2, max: 2 },
  whole_months: { min: 2, max: 2 },
  year: { min: 1, max: 1 },
  month: { min: 1, max: 1 },
};

/** `round(x, digits)`: digits must be an integer literal in this range (see eval.ts, why). */
export const ROUND_DIGITS_LIMIT = 15;

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

/** The value of an integer literal, possibly negated (`2`, `-2`), else undefined. */
export function integerLiteralValue(e: Expr): number | undefined {
  const negated = e.kind === 'unary' && e.op === '-';
  const lit = negated ? e.arg : e;
  if (lit.kind !== 'number' || !Number.isInteger(lit.value)) return undefined;
  return negated ? -lit.value : lit.value;
}

/** A parsed expression. Literals are never negative: `-1` is unary minus on `1`. */
export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly pos: number }
  | { readonly kind: 'string'; readonly value: string; readonly pos: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly pos: number }
  | { readonly kind: 'null'; readonly pos: number }
  | { readonly kind: 'ref'; readonly name: string; readonly pos: number }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly arg: Expr; readonly pos: number }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly pos: number }
  | { readonly kind: 'in'; readonly value: Expr; readonly items: readonly Expr[]; readonly negated: boolean; readonly pos: number }
  | { readonly kind: 'call'; readonly fn: FunctionName; readonly args: readonly Expr[]; readonly pos: number };

/**
 * A parse, type or evaluation error, pointing at a 0-based character offset in the source.
 * `what` is the catalog message without the position; the page says it in its language.
 */
export class ExprError extends LocalizedError {
  /** The English message without the position suffix. */
  readonly reason: string;
  constructor(
    readonly what: Said,
    readonly position: number,
  ) {
    super(said('exprAt', { reason: what, pos: position }));
    this.name = 'ExprError';
    this.reason = say('en', what);
  }
}

const TYPE_NAMES = { number: 'exprTypeNumber', string: 'exprTypeString', boolean: 'exprTypeBoolean', date: 'exprTypeDate', null: 'exprTypeNull' } as const;

/** A kind of value (`number`, `date`…) as error messages name it in either language. */
export function typeName(kind: string): Said | string {
  return Object.hasOwn(TYPE_NAMES, kind) ? said(TYPE_NAMES[kind as keyof typeof TYPE_NAMES]) : kind;
}

/** What an error is about: an operator or function as written (`"+"`, `min()`), or a phrase. */
export type ExprWhat = string | Said;

/** Direct sub-expressions, in source order. */
export function childrenOf(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'unary':
      return [expr.arg];
    case 'binary':
      return [expr.left, expr.right];
    case 'in':
      return [expr.value, ...expr.items];
    case 'call':
      return expr.args;
    default:
      return [];
  }
}

/** Names referenced by the expression (fields, derived names, `as_of`): distinct, in source order. */
export function refsOf(expr: Expr): string[] {
  const seen = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.kind === 'ref') seen.add(e.name);
    childrenOf(e).forEach(walk);
  };
  walk(expr);
  return [...seen];
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);

/** Whether `name` can be written bare, or needs backquotes. */
export function isPlainName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toLowerCase());
}

/**
 * Canonical source text, fully parenthesized: `parseExpr(formatExpr(e))` gives `e` back
 * (up to positions). Used to show a normalized form and to test precedence.
 */
export function formatExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'string':
      return `'${expr.value.replaceAll("'", "''")}'`;
    case 'boolean':
      return String(expr.value);
    case 'null':
      return 'null';
    case 'ref':
      return isPlainName(expr.name) ? expr.name : `\`${expr.name.replaceAll('`', '``')}\``;
    case 'unary':
      return expr.op === 'not' ? `(not ${formatExpr(expr.arg)})` : `(-${formatExpr(expr.arg)})`;
    case 'binary':
      return `(${formatExpr(expr.left)} ${expr.op} ${formatExpr(expr.right)})`;
    case 'in':
      return `(${formatExpr(expr.value)} ${expr.negated ? 'not in' : 'in'} (${expr.items.map(formatExpr).join(', ')}))`;
    case 'call':
      return `${expr.fn}(${expr.args.map(formatExpr).join(', ')})`;
  }
}
