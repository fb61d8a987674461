import { describe, expect, test } from 'vitest';
import { tableOf } from '../../src/views/table';
import { moverTable } from '../../src/views/kinds/before-after';
import type { ViewModel } from '../../src/views/registry';
import type { MoverList } from '../../src/analysis/movers-sql';
import { presetById } from '../../src/schemes/presets';
import { tiersOf } from '../../src/schemes/types';

const tiers = tiersOf(presetById('retail-aum'));
const list: MoverList = {
  rows: [
    { customer_id: 'C001', period: '2025-12-31', customer_name: '张三丰', branch: '城东支行', saved_tier: 'affluent', new_tier: 'vip', amount: 480000.5 },
    { customer_id: 'C002', period: '2025-12-31', customer_name: '李四', branch: '城西支行', saved_tier: 'vip', new_tier: 'affluent', amount: 310000 },
  ],
  name: true,
  branch: true,
  amount: true,
};
const model = (movers?: MoverList): ViewModel => ({ view: 'before-after', period: '2025-12-31', changed: true, totals: { up: 1, down: 1, upCents: 48000050, downCents: 31000000, cells: [] }, ...(movers ? { movers } : {}) });

describe('the before/after table lists the movers', () => {
  test('in zh: id, name, branch, tier from → to by label, amount in yuan; the name marked as customer_name', () => {
    const table = tableOf(model(list), tiers, 'zh-CN')!;
    expect(table.columns).toEqual(['客户号', '客户名称', '机构', '原层级', '新层级', '金额（元）']);
    expect(table.rows[0]).toEqual({ 客户号: 'C001', 客户名称: '张三丰', 机构: '城东支行', 原层级: '财富', 新层级: '贵宾', '金额（元）': 480000.5 });
    expect(table.rows[1]).toMatchObject({ 原层级: '贵宾', 新层级: '财富' });
    expect(table.formats).toEqual({ '金额（元）': 'amount' });
    expect(table.sources).toMatchObject({ 客户号: 'customer_id', 客户名称: 'customer_name', 机构: 'branch' });
  });

  test('in en, and without the columns the data lacks', () => {
    const table = tableOf(model(list), tiers, 'en')!;
    expect(table.columns).toEqual(['Customer', 'Customer name', 'Branch', 'Saved tier', 'New tier', 'Amount (yuan)']);
    expect(table.rows[0]).toMatchObject({ 'Saved tier': 'Affluent', 'New tier': 'VIP', 'Customer name': '张三丰' });
    const bare = moverTable({ rows: [{ customer_id: 'C9', saved_tier: 'unrated', new_tier: 'mass' }], name: false, branch: false, amount: false }, tiers, 'en');
    expect(bare.columns).toEqual(['Customer', 'Saved tier', 'New tier']);
    expect(bare.rows).toEqual([{ Customer: 'C9', 'Saved tier': 'Unrated', 'New tier': 'Mass' }]);
    // A ladder over points: the metric's value, not yuan.
    expect(moverTable(list, tiers, 'zh-CN', 'none').columns.at(-1)).toBe('当前值');
  });

  test('no table while the list is being computed (never an earlier one)', () => {
    expect(tableOf(model(), tiers, 'zh-CN')).toBeUndefined();
  });
});
