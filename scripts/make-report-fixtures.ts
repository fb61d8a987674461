/**
 * Writes the office-suite report fixtures (test/fixtures/reports): a branch report as XLSX and as
 * GBK CSV — two title rows, the header, customers grouped by branch with a 小计 row after each
 * group, a blank row, a 合计 row and a footnote — and a workbook whose first sheet is a summary
 * (汇总) and whose second holds the customers (明细). `expected.json` lists the customers and
 * the rows that are not customers, with their lines, for the tests.
 *
 *   npx tsx scripts/make-report-fixtures.ts
 *
 * Deterministic: amounts come from the row's number, so the same command writes the same data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as zlib from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';

const DIR = 'test/fixtures/reports';
const DATE = '2025-12-31';
const HEADER = ['序号', '客户号', '客户名称', '所属支行', '月日均AUM(元)', '数据日期'];
const TITLE = '2025年12月 分支行客户资产报表';
const UNIT = '单位：元　　制表日期：2026-01-05';
const NOTE = '注：AUM 为月日均余额（元）；数据来源：核心系统';
const SURNAMES = '张王李赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜戚谢邹喻柏水窦章';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红';
const GROUPS: readonly [string, number][] = [
  ['杭州西湖支行', 15],
  ['杭州滨江支行', 13],
  ['宁波江北支行', 12],
];

type Cell = string | number | null;
interface Customer {
  readonly id: string;
  readonly name: string;
  readonly branch: string;
  /** In cents, so sums are exact. */
  readonly cents: number;
}

/** 40 customers; a few are edge cases the recognizer must keep (see the names). */
function customers(): Customer[][] {
  let k = 0;
  return GROUPS.map(([branch, n]) =>
    Array.from({ length: n }, () => {
      k++;
      const id = `C${String(100 + k).padStart(6, '0')}`;
      let name = `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k * 7) % GIVEN.length]}`;
      // Keywords inside a company's name: customers, not summaries.
      if (k === 5) name = '杭州汇总贸易有限公司';
      if (k === 20) name = '合计科技有限公司';
      if (k === 33) name = 'Total Solutions Ltd';
      let cents = ((k * 7919) % 997) * 104_729 + k * 1_234;
      if (k === 8) cents = 6_000_000_00; // a private-bank customer (5,000,000 元 or more)
      return { id, name, branch, cents };
    }),
  );
}

const yuan = (cents: number) => cents / 100;

interface Built {
  readonly aoa: Cell[][];
  readonly merges: XLSX.Range[];
  readonly leftOut: { line: number; kind: string; text?: string }[];
}

function build(): { groups: Customer[][]; built: Built } {
  const groups = customers();
  // A customer (with a name) whose amount equals the sum of the two above stays a customer.
  const g2 = groups[1]!;
  g2[2] = { ...g2[2]!, cents: g2[0]!.cents + g2[1]!.cents };
  const aoa: Cell[][] = [[TITLE, null, null, null, null, null], [UNIT, null, null, null, null, null], [...HEADER]];
  const merges: XLSX.Range[] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 5 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: 5 } },
  ];
  const leftOut: Built['leftOut'] = [];
  let seq = 0;
  let total = 0;
  for (const group of groups) {
    let sub = 0;
    for (const c of group) {
      aoa.push([++seq, c.id, c.name, c.branch, yuan(c.cents), DATE]);
      sub += c.cents;
    }
    aoa.push([null, null, '小计', group[0]!.branch, yuan(sub), null]);
    leftOut.push({ line: aoa.length, kind: 'summary', text: '小计' });
    total += sub;
  }
  aoa.push([null, null, null, null, null, null]);
  aoa.push(['合 计', null, null, null, yuan(total), null]);
  merges.push({ s: { r: aoa.length - 1, c: 0 }, e: { r: aoa.length - 1, c: 3 } });
  leftOut.push({ line: aoa.length, kind: 'summary', text: '合 计' });
  aoa.push([NOTE, null, null, null, null, null]);
  merges.push({ s: { r: aoa.length - 1, c: 0 }, e: { r: aoa.length - 1, c: 5 } });
  leftOut.push({ line: aoa.length, kind: 'note', text: NOTE });
  return { groups, built: { aoa, merges, leftOut } };
}

function xlsxBytes(sheets: readonly [string, Cell[][], XLSX.Range[]][]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, aoa, merges] of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    if (merges.length) ws['!merges'] = merges;
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Buffer;
}

/** CSV as an office suite saves it: a merge's value in its first cell, the rest empty; GBK, CRLF. */
function csvText(aoa: Cell[][]): string {
  const cell = (v: Cell) => {
    if (v === null) return '';
    const s = typeof v === 'number' ? v.toFixed(Number.isInteger(v) ? 0 : 2) : v;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return aoa.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function main() {
  // SheetJS touches a deprecated zlib property; the warning says nothing about the fixtures.
  process.noDeprecation = true;
  XLSX.CFB.utils.use_zlib(zlib);
  mkdirSync(DIR, { recursive: true });
  const { groups, built } = build();
  writeFileSync(`${DIR}/branch_report.xlsx`, xlsxBytes([['分支行客户资产', built.aoa, built.merges]]));
  const text = csvText(built.aoa);
  if (iconv.decode(iconv.encode(text, 'gbk'), 'gbk') !== text) throw new Error('the report is not encodable in GBK');
  writeFileSync(`${DIR}/branch_report_gbk.csv`, iconv.encode(text, 'gbk'));

  // Two sheets: a summary by branch first, the customers second.
  const all = groups.flat();
  const summary: Cell[][] = [['支行', '客户数', 'AUM合计(元)']];
  for (const g of groups) summary.push([g[0]!.branch, g.length, yuan(g.reduce((a, c) => a + c.cents, 0))]);
  summary.push(['合计', all.length, yuan(all.reduce((a, c) => a + c.cents, 0))]);
  const detail: Cell[][] = [['客户号', '客户名称', '所属支行', '月日均AUM(元)', '数据日期'], ...all.slice(0, 10).map((c) => [c.id, c.name, c.branch, yuan(c.cents), DATE])];
  writeFileSync(`${DIR}/two_sheets.xlsx`, xlsxBytes([['汇总', summary, []], ['明细', detail, []]]));

  const expected = {
    branchReport: {
      customers: all.map((c) => ({ customer_id: c.id, name: c.name, aum: yuan(c.cents) })),
      headerLine: 3,
      leftOut: built.leftOut,
    },
    twoSheets: { sheet: '明细', customers: all.slice(0, 10).map((c) => c.id) },
  };
  writeFileSync(`${DIR}/expected.json`, `${JSON.stringify(expected, null, 2)}\n`);
}

main();
