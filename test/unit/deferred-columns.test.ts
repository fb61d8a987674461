import { describe, expect, test } from 'vitest';
import { mentionedIn, missingColumnOf, readAtLoad } from '../../src/ingest/deferred';

describe('a query naming a column not read yet', () => {
  test.each([
    ['Binder Error: Referenced column "customer_name" not found in FROM clause!\nCandidate bindings: "customer_id"', 'customer_name'],
    ['Binder Error: Table "d" does not have a column named "branch"', 'branch'],
    ['Binder Error: Column "aum" referenced that exists in the SELECT clause - but this column cannot be referenced before it is defined', 'aum'],
    ['Binder Error: Referenced column "a""b" not found in FROM clause!', 'a"b'],
    ['Parser Error: syntax error at or near "customer_name"', undefined],
    ['Catalog Error: Table with name "dataset" does not exist!', undefined],
  ])('%s → %s', (message, column) => {
    expect(missingColumnOf(new Error(message))).toBe(column);
  });

  test('the pending columns a query names are read together; a name inside another is not', () => {
    const sql = 'SELECT any_value(customer_name), d."branch" FROM dataset d WHERE aum_total > 0';
    expect(mentionedIn(sql, ['customer_name', 'branch', 'aum', 'phone'])).toEqual(['customer_name', 'branch']);
    expect(mentionedIn('SELECT 客户姓名 FROM t', ['客户姓名', '姓名'])).toEqual(['客户姓名']);
  });
});

describe('what a Parquet load reads at once', () => {
  const types = { cid: 'VARCHAR', d: 'DATE', name: 'VARCHAR', amt: 'DOUBLE', amtText: 'VARCHAR', br: 'VARCHAR', note: 'VARCHAR' };
  const mapping = { customer_id: 'cid', period: 'd', customer_name: 'name', aum: 'amt', deposit_balance: 'amtText', branch: 'br' };
  test.each([
    ['cid', true, 'the customer id (duplicate check)'],
    ['d', true, 'the period (period list)'],
    ['amtText', true, 'text an amount field must parse (its problems belong in the load report)'],
    ['amt', false, 'a numeric amount: read when used'],
    ['name', false, 'a personal column: read when used'],
    ['br', false, 'a category: read when used'],
    ['note', false, 'an unmapped column'],
  ])('%s → %s (%s)', (column, read) => {
    expect(readAtLoad(types, mapping)(column)).toBe(read);
  });
  test('columns the data already loaded has are read too, so files stack alike', () => {
    expect(readAtLoad(types, mapping, new Set(['br']))('br')).toBe(true);
  });
});
