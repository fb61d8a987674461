import { describe, expect, test } from 'vitest';
import { isNoteText, isSummaryText } from '../../src/ingest/left-out';
import { chooseHeaderRow } from '../../src/ingest/header-row';

/** Cells that mark a summary row (the id empty or the keyword itself), and cells that must not. */
const SUMMARY: readonly [string, boolean][] = [
  ['合计', true],
  ['合 计', true],
  ['合　计', true], // ideographic space
  ['  合计  ', true],
  ['合计：', true],
  ['合计:', true],
  ['合计（元）', true],
  ['合计 40户', true],
  ['小计', true],
  ['总计', true],
  ['汇总', true],
  ['共计', true],
  ['本页合计', true],
  ['全行合计', true],
  ['杭州西湖支行小计', true],
  ['西湖支行 小计', true],
  ['分行汇总', true],
  ['Total', true],
  ['TOTAL', true],
  ['Totals', true],
  ['Subtotal', true],
  ['Sub-total', true],
  ['Sub total', true],
  ['Grand total', true],
  ['Grand Total:', true],
  ['Branch total', true],
  ['total (CNY)', true],
  // Real customers: a keyword inside a name, or leading one without a separator.
  ['杭州汇总贸易有限公司', false],
  ['中汇总部大厦管理有限公司', false],
  ['合计科技有限公司', false],
  ['小计餐饮店', false],
  ['Total Solutions Ltd', false],
  ['TotalEnergies', false],
  ['张伟', false],
  ['C000101', false],
  ['', false],
  ['计', false],
  ['总', false],
  ['合', false],
  ['北京汇总信息技术有限公司合作社', false],
];

const NOTES: readonly [string, boolean][] = [
  ['注：AUM 为月日均余额', true],
  ['注:金额单位为元', true],
  ['注1：数据截至月末', true],
  ['注 1: 数据截至月末', true],
  ['说明：不含已销户客户', true],
  ['说明', true],
  ['备注：', true],
  ['数据来源：核心系统', true],
  ['制表：张三', true],
  ['制表人：张三', true],
  ['审核：李四', true],
  ['Note: amounts in CNY', true],
  ['Source: core banking', true],
  ['※1：口径说明', true],
  ['注意事项多多有限公司', false],
  ['说明书印刷厂', false],
  ['张伟', false],
  ['C000101', false],
  ['Notebook Ltd', false],
];

describe('recognizer of rows that are not customers', () => {
  test.each(SUMMARY)('summary cell %j → %s', (text, want) => {
    expect(isSummaryText(text)).toBe(want);
  });
  test.each(NOTES)('note cell %j → %s', (text, want) => {
    expect(isNoteText(text)).toBe(want);
  });
  test('nothing is a summary and a note at once among these', () => {
    for (const [text] of NOTES.filter(([, n]) => n)) expect(isSummaryText(text), text).toBe(false);
  });
});

describe('header below title rows', () => {
  const header = ['序号', '客户号', '客户名称', '所属支行', '月日均AUM(元)', '数据日期'];
  const data = ['1', 'C001', '张伟', '西湖支行', '100', '2025-12-31'];
  const cases: readonly [string, (string | null)[][], number][] = [
    ['header first', [header, data], 0],
    ['one title row (a merge: first cell only)', [['2025年12月 报表', null, null, null, null, null], header, data], 1],
    ['two title rows', [['2025年12月 报表', null, null, null, null, null], ['单位：元', null, null, null, null, null], header, data], 2],
    ['group titles above the header', [['客户信息', '客户信息', '客户信息', '资产情况', '资产情况', null], header, data], 1],
    ['unknown names: kept where they are', [['a', 'b', 'c'], ['x', 'y', 'z']], 0],
    ['unknown names below a title', [['标题', null, null], ['甲', '乙', '丙'], ['1', '2', '3']], 1],
    ['a header with a blank name is not moved', [['甲', null, '丙'], ['1', '2', '3']], 0],
    ['numbers never make a header', [['标题', null, null], ['1', '2', '3']], 0],
  ];
  test.each(cases)('%s', (_name, rows, want) => {
    expect(chooseHeaderRow(rows)).toBe(want);
  });
});
