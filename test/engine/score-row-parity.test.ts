import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { dateValue, type Value } from '../../src/schemes/expr';
import { PRESETS } from '../../src/schemes/presets';
import { rowSchemeFields, scoreRow, type RowScheme } from '../../src/schemes/score-row';
import { fieldByName, isFieldName } from '../../src/ingest/vocabulary';
import { ENGINES } from '../support/engines';
import { applyToRows, type ColumnType } from '../support/scheme-harness';
import { mulberry32 } from '../unit/fast-prng';


const ROW_PRESETS = PRESETS.filter((p): p is RowScheme => p.kind === 'ladder' || p.kind === 'rules' || p.kind === 'scorecard' || p.kind === 'quadrant');
/** Numbers that sit on, just under and just over the bounds the presets use. */
const EDGES = [0, 0.01, -0.01, 1, 5, 6, 12, 19.99, 20, 30, 31, 39.99, 40, 49.99, 50, 59.99, 60, 69.99, 70, 80, 89.99, 90, 91, 100, 180, 181, 365, 500, 2000, 10000, 50000, 80000, 99999.99, 100000, 500000, 4e6, 5e6, 3e7, 4e7, 1.5e8, 3e8, 1e7];
const DATES = ['2020-01-01', '2024-12-31', '2025-01-01', '2025-06-01', '2025-06-30', '2025-07-01', '2025-07-04', '2025-07-05', '2025-07-31', '2025-12-01'];
const TEXT: Record<string, string[]> = {
  credit_level: ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'X'],
  loan_class: ['正常', '关注', '次级', '可疑', '损失', 'loss', 'doubtful'],
  industry: ['农林牧渔业', '制造业'],
};

function columnType(field: string): ColumnType {
  if (!isFieldName(field)) return 'DOUBLE';
  const kind = fieldByName(field).kind;
  return kind === 'flag' ? 'BOOLEAN' : kind === 'date' ? 'DATE' : kind === 'text' || kind === 'category' || kind === 'id' ? 'VARCHAR' : 'DOUBLE';
}

describe.each(ENGINES)('TypeScript scorer = compiled SQL on random rows (%s)', (_name, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(() => engine.close());

  test.each(ROW_PRESETS.map((p) => [p.id, p] as const))('%s', async (_id, scheme) => {
    const random = mulberry32(scheme.id.length * 7919);
    const fields = rowSchemeFields(scheme);
    const columns: Record<string, ColumnType> = { customer_id: 'VARCHAR', period: 'VARCHAR' };
    for (const f of fields) columns[f] = columnType(f);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const rows = Array.from({ length: 400 }, (_, i) => {
      const row: Record<string, unknown> = { customer_id: `c${i}`, period: pick(['2025-12-31', '2025-12', '2025']) };
      for (const f of fields) {
        if (random() < 0.06) row[f] = null;
        else if (columns[f] === 'BOOLEAN') row[f] = random() < 0.3;
        else if (columns[f] === 'DATE') row[f] = pick(DATES);
        else if (columns[f] === 'VARCHAR') row[f] = pick(TEXT[f] ?? ['x']);
        else row[f] = random() < 0.7 ? pick(EDGES) : Math.round((random() * 2 - 0.2) * pick([1, 100, 1e5, 1e8]) * 100) / 100;
      }
      return row;
    });
    const { byId } = await applyToRows(engine, scheme, columns, rows);
    const set = new Set(Object.keys(columns));
    for (const row of rows) {
      const values: Record<string, Value> = {};
      for (const [k, v] of Object.entries(row)) values[k] = columns[k] === 'DATE' && typeof v === 'string' ? dateValue(v) : (v as Value);
      const ts = scoreRow(scheme, values, { columns: set });
      const sql = byId.get(String(row.customer_id))!;
      expect({ id: row.customer_id, tier: sql.tier }).toEqual({ id: row.customer_id, tier: ts.tier });
      for (const [k, v] of Object.entries(ts.extras)) {
        if (typeof v === 'number') expect(Number(sql[k]), `${row.customer_id}.${k}`).toBeCloseTo(v, 6);
        else if (v === null || typeof v !== 'object') expect(sql[k] ?? null, `${row.customer_id}.${k}`).toEqual(v);
      }
    }
  });
});
