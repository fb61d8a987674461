/**
 * The one quoting module: every identifier or literal that reaches SQL text goes through here.
 * Values from users should prefer bound parameters; these exist for places DuckDB does not
 * accept parameters (identifiers, file paths in table functions, DDL).
 */

/** Quotes an identifier, doubling embedded quotes (`a"b` → `"a""b"`). */
export function ident(name: string): string {
  if (name.includes('\u0000')) throw new Error(`identifier contains a NUL character: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal, doubling embedded single quotes. */
export function str(value: string): string {
  if (value.includes('\u0000')) throw new Error(`string literal contains a NUL character`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** A finite number as SQL text; refuses NaN/Infinity instead of emitting nonsense. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  // DOUBLE literal keeps comparisons in floating point, as the data are.
  return Number.isInteger(value) && Math.abs(value) < 2 ** 53 ? `${value}` : `${value}::DOUBLE`;
}
