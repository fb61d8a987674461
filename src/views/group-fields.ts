import { isNumericType } from '../analysis/filters';
import { HIDDEN_COLUMNS } from '../ingest/dataset';
import { defaultSensitivity } from '../privacy/mask';

interface Column {
  readonly name: string;
  readonly sqlType: string;
}

/** Columns worth filtering by: not bookkeeping, not the id or period, not personal (level A). */
export function filterableColumns<C extends Column>(columns: readonly C[], levels: Readonly<Record<string, string>> = {}): C[] {
  const skip = new Set<string>([...HIDDEN_COLUMNS, 'customer_id', 'period']);
  return columns.filter((c) => !skip.has(c.name) && (levels[c.name] ?? defaultSensitivity(c.name)) !== 'A');
}

/** Columns whose values name groups of customers (branch, customer type, industry): the text ones of those. */
export function categoryColumns<C extends Column>(columns: readonly C[], levels: Readonly<Record<string, string>> = {}): C[] {
  return filterableColumns(columns, levels).filter((c) => !isNumericType(c.sqlType));
}
