import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { decodeText, looksBinary } from '../../src/ingest/decode';
import { detectFormat } from '../../src/ingest/detect';
import { acceptedRowLines, scanRecordStarts } from '../../src/ingest/csv-records';
import { periodFromFileName } from '../../src/ingest/dataset';
import { uniqueHeaders } from '../../src/ingest/staging';

const TEXT = '客户号,客户姓名,月日均AUM(元)\r\nC1,张喆,"1,234.50"\r\n';

describe('encoding detection', () => {
  test.each([
    ['UTF-8', new TextEncoder().encode(TEXT), 'utf-8', false],
    ['UTF-8 with BOM (Excel "CSV UTF-8")', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]), 'utf-8', true],
    ['GBK (Excel on Chinese Windows)', new Uint8Array(iconv.encode(TEXT, 'gbk')), 'gb18030', false],
    ['GB18030', new Uint8Array(iconv.encode(TEXT, 'gb18030')), 'gb18030', false],
    ['UTF-16LE with BOM', new Uint8Array(iconv.encode(TEXT, 'utf-16le', { addBOM: true })), 'utf-16le', true],
    ['UTF-16BE with BOM', new Uint8Array([0xfe, 0xff, ...iconv.encode(TEXT, 'utf-16be')]), 'utf-16be', true],
  ])('%s', (_name, bytes, encoding, bom) => {
    const d = decodeText(bytes);
    expect(d).toEqual({ text: TEXT, encoding, bom });
  });

  test('GBK-only characters (喆, 珺) survive; a GBK header that happens to look ASCII still decodes', () => {
    const bytes = new Uint8Array(iconv.encode('customer_id,name\r\nC1,王珺喆\r\n', 'gbk'));
    expect(decodeText(bytes).text).toContain('王珺喆');
  });

  test('a chosen encoding is used as chosen, and wrong bytes name the line', () => {
    const gbk = new Uint8Array(iconv.encode('a,b\n1,2\n3,张三\n', 'gbk'));
    expect(() => decodeText(gbk, 'utf-8')).toThrow(/line 3/);
    expect(decodeText(gbk, 'gb18030').text).toContain('张三');
  });

  test('binary content is recognised', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0, 1, 2]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode(TEXT))).toBe(false);
    expect(looksBinary(new Uint8Array(iconv.encode(TEXT, 'utf-16le', { addBOM: true })))).toBe(false);
  });
});

describe('format detection: content first, then name', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  test.each([
    ['a.parquet', bytes('PAR1....PAR1'), 'parquet'],
    ['renamed.csv', bytes('PAR1....PAR1'), 'parquet'],
    ['book.xlsx', bytes('PK\u0003\u0004...'), 'xlsx'],
    ['book.xlsx#客户', bytes('PK\u0003\u0004...'), 'xlsx'],
    ['a.arrow', bytes('ARROW1\0\0'), 'arrow'],
    ['a.json', bytes('  [{"a":1}]'), 'json'],
    ['a.json', bytes('{"a":1}\n{"a":2}'), 'ndjson'],
    ['a.jsonl', bytes('{"a":1}'), 'ndjson'],
    ['a.csv', bytes('a,b'), 'csv'],
    ['a.txt', bytes('a\tb'), 'csv'],
    ['a.parquet', bytes('not parquet'), undefined],
    ['a.zip', bytes('PK\u0003\u0004...'), undefined],
  ])('%s', (name, content, expected) => expect(detectFormat(name, content)).toBe(expected));
});

describe('CSV record lines', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const starts = (text: string) => {
    const scan = scanRecordStarts(bytes(text));
    const lines = Array.from({ length: scan.count }, (_v, i) => (scan.lines ? scan.lines[i] : i + 2));
    return { ...scan, lines };
  };
  test.each([
    ['one record a line', 'a,b\n1,2\n3,4\n', [2, 3]],
    ['no line break at the end', 'a,b\n1,2\n3,4', [2, 3]],
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n', [2, 3]],
    ['a quoted line break', 'a,b\n1,"x\ny"\n3,4\n', [2, 4]],
    ['a quoted CRLF and an escaped quote across lines', 'a,b\r\n1,"x\r\n""y""\r\nz"\r\n3,4\r\n', [2, 5]],
    ['blank lines, one of them CR only', 'a,b\n\n1,2\n\r\n\n3,4\n', [3, 6]],
    ['blank lines before the header', '\n\na,b\n1,2\n', [4]],
    ['whitespace is not blank', 'a,b\n \n1,2\n', [2, 3]],
    ['quotes in every field', '"a","b"\n"1","2"\n"3","4"\n', [2, 3]],
    ['multi-byte characters and a quoted comma', '客户号,备注\n甲,"多行\n备注，含逗号"\n乙,"a,b"\n', [2, 4]],
    ['only a header', 'a,b\n', []],
  ])('%s', (_name, text, lines) => {
    const scan = starts(text);
    expect(scan.lines).toEqual(lines);
    expect(scan.count).toBe(lines.length);
    expect(scan.openQuoteLine).toBeUndefined();
  });

  test("records are found by DuckDB's reject line, which counts breaks outside quotes only", () => {
    // Physical lines: header 1, record 0 on 2–3, blank 4, record 1 on 5, record 2 on 6.
    const scan = scanRecordStarts(bytes('a,b\n1,"x\ny"\n\n甲,2\n乙,3\n'));
    expect(scan.recordAtReaderLine(2)).toBe(0);
    expect(scan.recordAtReaderLine(4)).toBe(1);
    expect(scan.recordAtReaderLine(5)).toBe(2);
    expect(scan.recordAtReaderLine(1)).toBeUndefined(); // the header
    expect(scan.recordAtReaderLine(3)).toBeUndefined(); // the blank line
    expect(scan.recordAtReaderLine(6)).toBeUndefined();
    expect([0, 1, 2].map((i) => scan.lines![i])).toEqual([2, 5, 6]);
    const plain = scanRecordStarts(bytes('a\n1\n2\n'));
    expect(plain.lines).toBeUndefined();
    expect([2, 3, 4].map((l) => plain.recordAtReaderLine(l))).toEqual([0, 1, undefined]);
  });

  test('accepted rows skip the records DuckDB set aside', () => {
    // Records start on lines 2, 5 (after a quoted break and a blank line), 6 and 7.
    const scan = scanRecordStarts(bytes('a,b\r\n1,"x\r\ny"\r\n\r\n2,3,4\r\n5,6\r\n7,8\r\n'));
    expect(scan.count).toBe(4);
    const lineOf = acceptedRowLines(scan, [1]);
    expect([0, 1, 2, 3].map(lineOf)).toEqual([2, 6, 7, undefined]);
    const twoOut = acceptedRowLines(scan, [2, 0, 2]);
    expect([0, 1, 2].map(twoOut)).toEqual([5, 7, undefined]);
    expect(acceptedRowLines(scanRecordStarts(bytes('a\n1\n2\n')), [])(1)).toBe(3);
  });
});

describe('periods from file names', () => {
  test.each([
    ['retail_2025-12_gbk.csv', '2025-12'],
    ['客户_202512.xlsx', '2025-12'],
    ['AUM 2025年3月.csv', '2025-03'],
    ['snap_20251231.parquet', '2025-12-31'],
    ['c:\\data\\2024-01\\x.csv', undefined],
    ['customers.csv', undefined],
  ])('%s → %s', (name, period) => expect(periodFromFileName(name)).toBe(period));
});

test('headers: blanks named, repeats numbered', () => {
  expect(uniqueHeaders(['客户号', '', '金额', '金额', null, '金额'])).toEqual(['客户号', 'column_2', '金额', '金额_2', 'column_5', '金额_3']);
});
