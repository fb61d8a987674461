import {
  ExprError,
  FUNCTIONS,
  ROUND_DIGITS_LIMIT,
  integerLiteralValue,
  isFunctionName,
  type BinaryOp,
  type CompareOp,
  type Expr,
  type FunctionName,
} from './ast';
import { said, type Said } from '../../i18n/said';

/*
 * Hand-written tokenizer + recursive-descent parser. Precedence, loosest first:
 *   or < and < not < comparison / in < + - < * / < unary - < call / primary
 * Comparisons do not chain (`a < b < c` is an error, not SQL's surprising `(a < b) < c`).
 */

type Token =
  | { readonly t: 'num'; readonly value: number; readonly pos: number; readonly end: number }
  | { readonly t: 'str'; readonly value: string; readonly pos: number; readonly end: number }
  /** `quoted`: written in backquotes, so never a keyword or a function name. */
  | { readonly t: 'name'; readonly value: string; readonly quoted: boolean; readonly pos: number; readonly end: number }
  | { readonly t: 'op'; readonly value: string; readonly pos: number; readonly end: number }
  | { readonly t: 'eof'; readonly pos: number; readonly end: number };

const OPERATORS = ['<=', '>=', '==', '!=', '<>', '<', '>', '=', '+', '-', '*', '/', '(', ')', ','];
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
/** Deep enough for any real formula; stops a hostile file from overflowing the stack. */
const MAX_DEPTH = 100;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    NUMBER.lastIndex = i;
    NAME.lastIndex = i;
    const num = NUMBER.exec(src);
    if (num && /[0-9.]/.test(c)) {
      i += num[0].length;
      // `1e`, `12abc`, `1.2.3`: reject the whole run rather than split it into odd tokens.
      if (i < src.length && /[A-Za-z0-9_.]/.test(src[i]!)) {
        const run = /[A-Za-z0-9_.]*/y;
        run.lastIndex = pos;
        throw new ExprError(said('exprMalformedNumber', { text: run.exec(src)![0] }), pos);
      }
      const value = Number(num[0]);
      if (!Number.isFinite(value)) throw new ExprError(said('exprNumberOutOfRange', { text: num[0] }), pos);
      tokens.push({ t: 'num', value, pos, end: i });
    } else if (c === "'" || c === '"' || c === '`') {
      const [value, end] = quoted(src, i, c);
      if (c === '`' && value === '') throw new ExprError(said('exprEmptyBackquoted'), pos);
      tokens.push(c === '`' ? { t: 'name', value, quoted: true, pos, end } : { t: 'str', value, pos, end });
      i = end;
    } else if (NAME.exec(src)) {
      i = NAME.lastIndex;
      tokens.push({ t: 'name', value: src.slice(pos, i), quoted: false, pos, end: i });
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) throw new ExprError(said('exprUnexpectedChar', { char: JSON.stringify(c), hint: hint(c) }), pos);
      i += op.length;
      tokens.push({ t: 'op', value: op, pos, end: i });
    }
  }
  tokens.push({ t: 'eof', pos: src.length, end: src.length });
  return tokens;
}

/** Reads a quoted run starting at `start`; the quote character is escaped by doubling it. */
function quoted(src: string, start: number, q: string): [string, number] {
  let out = '';
  let i = start + 1;
  for (;;) {
    const j = src.indexOf(q, i);
    if (j < 0) throw new ExprError(said(q === '`' ? 'exprUnterminatedName' : 'exprUnterminatedString'), start);
    out += src.slice(i, j);
    if (src[j + 1] === q) {
      out += q;
      i = j + 2;
    } else return [out, j + 1];
  }
}

/** Users type formulas next to Chinese text, so full-width punctuation and bare CJK names are likely slips. */
function hint(c: string): Said | string {
  const code = c.codePointAt(0)!;
  if (code >= 0xff01 && code <= 0xff5e) return said('exprHintFullWidth');
  if (code > 0x7f) return said('exprHintNonAscii', { example: NON_ASCII_EXAMPLE });
  return '';
}
/** A name as users write it (a Chinese column header): code, the same in both languages. */
const NON_ASCII_EXAMPLE = '`月日均AUM`';

const COMPARE: Readonly<Record<string, CompareOp>> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '==': '=', '!=': '!=', '<>': '!=' };

/**
 * Parses an expression. Throws `ExprError` (message `… at <offset>`) on any syntax error,
 * unknown function or wrong argument count.
 */
export function parseExpr(source: string): Expr {
  const tokens = tokenize(source);
  let k = 0;
  let depth = 0;
  const peek = (): Token => tokens[k]!;
  const next = (): Token => tokens[k++]!;
  const isKeyword = (tok: Token, word: string) => tok.t === 'name' && !tok.quoted && tok.value.toLowerCase() === word;
  const isOp = (tok: Token, op: string) => tok.t === 'op' && tok.value === op;
  const unexpected = (tok: Token): never => {
    if (tok.t === 'eof') throw new ExprError(said('exprUnexpectedEnd'), tok.pos);
    throw new ExprError(said('exprUnexpected', { text: JSON.stringify(source.slice(tok.pos, tok.end)) }), tok.pos);
  };
  const expectOp = (op: string): Token => (isOp(peek(), op) ? next() : unexpected(peek()));

  const nested = <T>(pos: number, f: () => T): T => {
    if (++depth > MAX_DEPTH) throw new ExprError(said('exprTooDeep'), pos);
    try {
      return f();
    } finally {
      depth--;
    }
  };

  const leftAssoc = (sub: () => Expr, ops: (tok: Token) => BinaryOp | undefined): Expr => {
    let left = sub();
    for (let op = ops(peek()); op; op = ops(peek())) {
      const pos = next().pos;
      left = { kind: 'binary', op, left, right: sub(), pos };
    }
    return left;
  };

  const orExpr = (): Expr => leftAssoc(andExpr, (t) => (isKeyword(t, 'or') ? 'or' : undefined));
  const andExpr = (): Expr => leftAssoc(notExpr, (t) => (isKeyword(t, 'and') ? 'and' : undefined));
  const notExpr = (): Expr => {
    const tok = peek();
    if (!isKeyword(tok, 'not')) return comparison();
    next();
    return nested(tok.pos, () => ({ kind: 'unary', op: 'not', arg: notExpr(), pos: tok.pos }));
  };
  const compareOp = (tok: Token) => (tok.t === 'op' ? COMPARE[tok.value] : undefined);
  const startsIn = () => isKeyword(peek(), 'in') || (isKeyword(peek(), 'not') && isKeyword(tokens[k + 1]!, 'in'));
  const comparison = (): Expr => {
    const left = additive();
    let result = left;
    const op = compareOp(peek());
    if (op) {
      const pos = next().pos;
      result = { kind: 'binary', op, left, right: additive(), pos };
    } else if (startsIn()) {
      const negated = isKeyword(peek(), 'not');
      if (negated) next();
      const pos = next().pos;
      expectOp('(');
      const items = list();
      if (items.length === 0) throw new ExprError(said('exprInEmpty'), pos);
      result = { kind: 'in', value: left, items, negated, pos };
    }
    if (result !== left && (compareOp(peek()) || startsIn())) {
      throw new ExprError(said('exprChained'), peek().pos);
    }
    return result;
  };
  const additive = (): Expr => leftAssoc(multiplicative, (t) => (isOp(t, '+') ? '+' : isOp(t, '-') ? '-' : undefined));
  const multiplicative = (): Expr => leftAssoc(unary, (t) => (isOp(t, '*') ? '*' : isOp(t, '/') ? '/' : undefined));
  const unary = (): Expr => {
    const tok = peek();
    if (!isOp(tok, '-')) return primary();
    next();
    return nested(tok.pos, () => ({ kind: 'unary', op: '-', arg: unary(), pos: tok.pos }));
  };
  /** Comma-separated expressions up to and including `)`; the `(` is already consumed. */
  const list = (): Expr[] => {
    const items: Expr[] = [];
    if (isOp(peek(), ')')) {
      next();
      return items;
    }
    for (;;) {
      items.push(orExpr());
      if (isOp(next(), ',')) continue;
      if (isOp(tokens[k - 1]!, ')')) return items;
      unexpected(tokens[k - 1]!);
    }
  };
  const primary = (): Expr => {
    const tok = next();
    switch (tok.t) {
      case 'num':
        return { kind: 'number', value: tok.value, pos: tok.pos };
      case 'str':
        return { kind: 'string', value: tok.value, pos: tok.pos };
      case 'name': {
        if (tok.quoted) return { kind: 'ref', name: tok.value, pos: tok.pos };
        const lower = tok.value.toLowerCase();
        if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true', pos: tok.pos };
        if (lower === 'null') return { kind: 'null', pos: tok.pos };
        if (['and', 'or', 'not', 'in'].includes(lower)) return unexpected(tok);
        if (!isOp(peek(), '(')) return { kind: 'ref', name: tok.value, pos: tok.pos };
        // Checked before the arguments, so a typo is reported as such and not as a later syntax slip.
        if (!isFunctionName(lower)) throw new ExprError(said('exprUnknownFunction', { name: tok.value }), tok.pos);
        next();
        return nested(tok.pos, () => call(lower, tok.pos, list()));
      }
      case 'op':
        if (tok.value !== '(') return unexpected(tok);
        return nested(tok.pos, () => {
          const inner = orExpr();
          expectOp(')');
          return inner;
        });
      case 'eof':
        return unexpected(tok);
    }
  };

  const expr = orExpr();
  if (peek().t !== 'eof') unexpected(peek());
  return expr;
}

/** Builds a call node after checking the function exists and its argument count. */
function call(name: FunctionName, pos: number, args: Expr[]): Expr {
  const { min, max, even } = FUNCTIONS[name];
  const n = args.length;
  if (even && (n < min || n % 2 === 1)) {
    throw new ExprError(said('exprEvenArgs', { fn: name, min, n }), pos);
  }
  if (n < min || n > max) {
    const code = min === max ? 'exprArgsExactly' : max === Infinity ? 'exprArgsAtLeast' : 'exprArgsRange';
    throw new ExprError(said(code, { fn: name, min, max, n }), pos);
  }
  const digits = args[1] && integerLiteralValue(args[1]);
  if (name === 'round' && args[1] && (digits === undefined || Math.abs(digits) > ROUND_DIGITS_LIMIT)) {
    // A literal keeps the SQL (round(DOUBLE, INTEGER)) and the TS reference bit-identical.
    throw new ExprError(said('exprRoundDigits', { limit: ROUND_DIGITS_LIMIT }), args[1].pos);
  }
  return { kind: 'call', fn: name, args, pos };
}
