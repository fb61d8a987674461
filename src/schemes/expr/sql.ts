import { num, str } from '../../sql/quote';
import { integerLiteralValue, type Expr } from './ast';

/*
 * AST → DuckDB SQL, equal in meaning to `evalExpr` (see eval.ts for the rules).
 * Why the output looks the way it does:
 * - Every node is parenthesized or starts with a keyword, so DuckDB's precedence never matters
 *   and no `-` is ever followed by another `-` (which would start a `--` comment).
 * - Number literals are CAST to DOUBLE: a bare `1` is INTEGER and `1.5` DECIMAL in DuckDB, and
 *   INTEGER arithmetic overflows with an error at 2^31; the language has one number type.
 * - String literals are CAST to VARCHAR: an untyped literal would be silently cast to the other
 *   operand's type (`date_col = '2025-01-01'`), which the language does not do.
 * - `/` is guarded by NULLIF: DuckDB (ieee_floating_point_ops, on by default) gives ±inf/NaN for
 *   DOUBLE / 0; the language gives NULL.
 * - min/max test every argument for NULL: DuckDB's least/greatest skip NULLs.
 * - Date functions CAST their arguments to DATE: `year(NULL)` is ambiguous to DuckDB's binder,
 *   and a TIMESTAMP column then means its calendar date.
 * - Date functions return BIGINT in DuckDB; they are cast to DOUBLE like every other number.
 * Some functions repeat an argument's SQL (min, max, clamp, whole_months); the text grows with
 * nesting of those, not with the data, and parse depth is limited.
 */

/**
 * Compiles an expression to a fully parenthesized DuckDB SQL expression. `resolve` returns
 * the SQL for a ref (a quoted column, a derived field's SQL, a date literal for `as_of`…);
 * it is pasted inside parentheses and is trusted. Literals go through `src/sql/quote.ts`.
 * Runs unchanged on DuckDB 1.4 (WASM) and 1.5 (native).
 */
export function exprToSql(expr: Expr, resolve: (name: string) => string): string {
  const sql = (e: Expr): string => exprToSql(e, resolve);
  switch (expr.kind) {
    case 'number':
      return `CAST(${num(expr.value)} AS DOUBLE)`;
    case 'string':
      return `CAST(${str(expr.value)} AS VARCHAR)`;
    case 'boolean':
      return expr.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
    case 'ref':
      return `(${resolve(expr.name)})`;
    case 'unary':
      return expr.op === '-' ? `(- ${sql(expr.arg)})` : `(NOT ${sql(expr.arg)})`;
    case 'binary': {
      const [l, r] = [sql(expr.left), sql(expr.right)];
      if (expr.op === '/') return `(${l} / NULLIF(${r}, 0))`;
      const op = { and: 'AND', or: 'OR', '!=': '<>' }[expr.op as string] ?? expr.op;
      return `(${l} ${op} ${r})`;
    }
    case 'in':
      return `(${sql(expr.value)} ${expr.negated ? 'NOT IN' : 'IN'} (${expr.items.map(sql).join(', ')}))`;
    case 'call':
      return callToSql(expr, expr.args.map(sql));
  }
}

function callToSql({ fn, args }: Extract<Expr, { kind: 'call' }>, a: string[]): string {
  /** `CASE WHEN <any arg NULL> THEN NULL ELSE body END`; literals other than `null` need no test. */
  const nullIfAny = (body: string) => {
    const tests = a.filter((_, i) => !['number', 'string', 'boolean'].includes(args[i]!.kind)).map((x) => `${x} IS NULL`);
    return tests.length === 0 ? body : `(CASE WHEN ${tests.join(' OR ')} THEN NULL ELSE ${body} END)`;
  };
  const asDate = (x: string | undefined) => `CAST(${x} AS DATE)`;
  const asDouble = (x: string) => `CAST(${x} AS DOUBLE)`;
  const [x = '', y = '', z = ''] = a;
  switch (fn) {
    case 'min':
    case 'max':
      return nullIfAny(`${fn === 'min' ? 'least' : 'greatest'}(${a.join(', ')})`);
    case 'clamp':
      return nullIfAny(`least(greatest(${x}, ${y}), ${z})`);
    case 'abs':
      return `abs(${x})`;
    case 'round':
      // Digits are an integer literal (parser), emitted as such for round(DOUBLE, INTEGER).
      return `round(${x}, ${num(args[1] ? integerLiteralValue(args[1]) ?? 0 : 0)})`;
    case 'coalesce':
      return `COALESCE(${a.join(', ')})`;
    case 'is_null':
      return `(${x} IS NULL)`;
    case 'if':
      return `(CASE WHEN ${x} THEN ${y} ELSE ${z} END)`;
    case 'match': {
      const arms: string[] = [];
      for (let i = 1; i + 1 < a.length; i += 2) arms.push(`WHEN ${a[i]} THEN ${a[i + 1]}`);
      return `(CASE ${x} ${arms.join(' ')} ELSE ${a[a.length - 1]} END)`;
    }
    case 'days_between':
      return asDouble(`date_diff('day', ${asDate(x)}, ${asDate(y)})`);
    case 'whole_months': {
      const [from, to] = [asDate(x), asDate(y)];
      const months = (d: string) => `(year(${d}) * 12 + month(${d}))`;
      return asDouble(`${months(to)} - ${months(from)} - (CASE WHEN day(${to}) < day(${from}) THEN 1 ELSE 0 END)`);
    }
    case 'year':
    case 'month':
      return asDouble(`${fn}(${asDate(x)})`);
  }
}
