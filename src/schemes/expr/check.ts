import { ExprError, typeName, type Expr, type ExprWhat } from './ast';
import { said, saidList } from '../../i18n/said';

/**
 * Static types. `null` is the type of the `null` literal (fits anywhere); `any` is for refs
 * whose type the caller does not know (fits anywhere, checks nothing).
 */
export type ExprType = 'number' | 'string' | 'boolean' | 'date' | 'null' | 'any';

/*
 * Why a checker: DuckDB casts implicitly (`'a'::VARCHAR = 1.0` fails only when a row is read,
 * `date_col = 'text'` parses the text, `NOT 1.0` is false) while evalExpr refuses mixed types.
 * Running this before compiling makes "works in SQL, fails in the reference" impossible and
 * reports the slip at its position, before any data is loaded.
 */

const loose = (t: ExprType) => t === 'null' || t === 'any';

/** The common type of `types` (for branches and compared operands), or an error at `pos`. */
function unify(types: readonly ExprType[], pos: number, what: ExprWhat): ExprType {
  const concrete = [...new Set(types.filter((t) => !loose(t)))];
  if (concrete.length > 1) throw new ExprError(said('exprMixes', { what, types: saidList('saidAnd', concrete.map(typeName)) }), pos);
  return concrete[0] ?? (types.includes('any') ? 'any' : 'null');
}

function expect(t: ExprType, want: ExprType, pos: number, what: ExprWhat): void {
  if (!loose(t) && t !== want) throw new ExprError(said('exprNeeds', { what, want: typeName(want), got: typeName(t) }), pos);
}

/**
 * Infers the type of `expr`, throwing `ExprError` on a type mismatch or an unknown ref.
 * `typeOfRef` gives each ref's type, `'any'` if unknown, or undefined if the name does not exist.
 */
export function checkExpr(expr: Expr, typeOfRef: (name: string) => ExprType | undefined): ExprType {
  const check = (e: Expr): ExprType => checkExpr(e, typeOfRef);
  switch (expr.kind) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'null':
      return expr.kind;
    case 'ref': {
      const t = typeOfRef(expr.name);
      if (t === undefined) throw new ExprError(said('exprUnknownName', { name: expr.name }), expr.pos);
      return t;
    }
    case 'unary': {
      const want = expr.op === '-' ? 'number' : 'boolean';
      expect(check(expr.arg), want, expr.pos, expr.op === '-' ? said('exprUnaryMinus') : '"not"');
      return want;
    }
    case 'binary': {
      const [l, r] = [check(expr.left), check(expr.right)];
      const what = `"${expr.op}"`;
      const want = expr.op === 'and' || expr.op === 'or' ? 'boolean' : ['+', '-', '*', '/'].includes(expr.op) ? 'number' : undefined;
      if (want) {
        expect(l, want, expr.pos, what);
        expect(r, want, expr.pos, what);
        return want;
      }
      unify([l, r], expr.pos, what);
      return 'boolean';
    }
    case 'in':
      unify([expr.value, ...expr.items].map(check), expr.pos, expr.negated ? '"not in"' : '"in"');
      return 'boolean';
    case 'call':
      return checkCall(expr, expr.args.map(check));
  }
}

function checkCall({ fn, pos }: Extract<Expr, { kind: 'call' }>, t: ExprType[]): ExprType {
  const what = `${fn}()`;
  const all = (want: ExprType, ts: readonly ExprType[]) => ts.forEach((x) => expect(x, want, pos, what));
  switch (fn) {
    case 'min':
    case 'max':
    case 'coalesce':
      return unify(t, pos, what);
    case 'clamp':
    case 'abs':
    case 'round':
      all('number', t);
      return 'number';
    case 'is_null':
      return 'boolean';
    case 'if':
      expect(t[0] ?? 'null', 'boolean', pos, what);
      return unify(t.slice(1), pos, what);
    case 'match':
      // t = [x, k1, v1, …, kn, vn, default]: x and keys at odd places, results at even, default last.
      unify(t.filter((_, i) => i === 0 || (i % 2 === 1 && i < t.length - 1)), pos, said('exprKeysOf', { fn: what }));
      return unify(t.filter((_, i) => (i > 0 && i % 2 === 0) || i === t.length - 1), pos, said('exprResultsOf', { fn: what }));
    case 'days_between':
    case 'whole_months':
    case 'year':
    case 'month':
      all('date', t);
      return 'number';
  }
}
