/**
 * The scheme expression language: derived fields and rule conditions in tiering schemes,
 * parsed from user-editable text and compiled to DuckDB SQL (never pasted as text), with a
 * TypeScript evaluator that defines the semantics the SQL must match.
 */
export {
  ExprError,
  FUNCTIONS,
  ROUND_DIGITS_LIMIT,
  formatExpr,
  isPlainName,
  refsOf,
  type ArithOp,
  type Arity,
  type BinaryOp,
  type CompareOp,
  type Expr,
  type FunctionName,
  type UnaryOp,
} from './ast';
export { parseExpr } from './parse';
export { exprToSql } from './sql';
export { dateValue, evalExpr, isDateValue, type DateValue, type Value } from './eval';
export { checkExpr, type ExprType } from './check';

import { parseExpr } from './parse';
import { exprToSql } from './sql';

/** Parses `source` and compiles it to SQL; throws `ExprError` on a syntax error. */
export function compileExpr(source: string, resolve: (name: string) => string): string {
  return exprToSql(parseExpr(source), resolve);
}
