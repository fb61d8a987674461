import { describe, expect, test } from 'vitest';
import { firstViewColumns } from '../../src/app/first-columns';
import { presetById } from '../../src/schemes/presets';

const RETAIL = ['customer_id', 'period', 'customer_name', 'id_number', 'phone', 'branch', 'aum', 'deposit_balance', 'loan_balance', 'credit_score', 'closed'];

/** What a lazily read Parquet file reads at load besides its id and period: what the first views read. */
describe('the columns the default notebook reads first', () => {
  test.each([
    ['a retail extract: the AUM ladder and the branch views', undefined, RETAIL, ['aum', 'branch']],
    ['no branch column: the ladder alone', undefined, RETAIL.filter((c) => c !== 'branch'), ['aum']],
    ['the user chose the star level: its points, and the branch', 'star-points', [...RETAIL, 'star_points'], ['star_points', 'branch']],
    ['the user chose the lifecycle: its dates and the closed flag', 'lifecycle', [...RETAIL, 'first_txn_date', 'last_txn_date'], ['first_txn_date', 'last_txn_date', 'closed', 'branch']],
    ['nothing a scheme can tier by: nothing ahead', undefined, ['customer_id', 'period', 'note'], []],
  ])('%s', (_what, scheme, columns, expected) => {
    const got = [...firstViewColumns(scheme ? presetById(scheme) : undefined, new Set(columns))].sort();
    expect(got).toEqual([...expected].sort());
  });
});
