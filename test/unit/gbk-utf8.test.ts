import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { scanRecordStarts } from '../../src/ingest/csv-records';
import { decodeText, decodeToUtf8, DecodeError } from '../../src/ingest/decode';
import { gbkToUtf8 } from '../../src/ingest/gbk-utf8';

const utf8 = (s: string) => new TextEncoder().encode(s);
const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
const gb18030 = (s: string) => new Uint8Array(iconv.encode(s, 'gb18030'));

describe('GBK → UTF-8 in one pass', () => {
  test('every two-byte sequence maps as the platform decoder maps it, or is left to the decoder', () => {
    const decoder = new TextDecoder('gb18030');
    let mapped = 0;
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const pair = new Uint8Array([lead, trail]);
        const expected = decoder.decode(pair);
        const got = gbkToUtf8(pair);
        if (expected.length === 1 && expected !== '\ufffd') {
          expect(got, `${lead.toString(16)} ${trail.toString(16)}`).toEqual(utf8(expected));
          mapped++;
        } else expect(got).toBeUndefined();
      }
    }
    // GB18030's whole two-byte area (126 × 190) maps to characters.
    expect(mapped).toBe(126 * 190);
  });

  test.each([
    ['ASCII only', utf8('customer_id,aum\r\nC001,"1,234.5"\r\n'), 'customer_id,aum\r\nC001,"1,234.5"\r\n'],
    ['GBK headers and names, GBK-only characters', gbk('客户号,客户姓名,所属支行\nC001,张喆,杭州西湖支行\nC002,李珺,宁波\n'), '客户号,客户姓名,所属支行\nC001,张喆,杭州西湖支行\nC002,李珺,宁波\n'],
    ['full-width punctuation', gbk('金额（元），备注：'), '金额（元），备注：'],
    ['empty', new Uint8Array(0), ''],
  ])('%s', (_name, bytes, text) => {
    expect(new TextDecoder().decode(gbkToUtf8(bytes))).toBe(text);
  });

  test.each([
    ['a four-byte GB18030 character (𠀀)', gb18030('张𠀀')],
    ['the lone byte 0x80', new Uint8Array([0x41, 0x80, 0x41])],
    ['the byte 0xFF', new Uint8Array([0x41, 0xff])],
    ['a lead byte cut off at the end', new Uint8Array([0x41, 0xd5])],
    ['a lead byte before a control character', new Uint8Array([0xd5, 0x0a])],
    ['a lead byte before 0x7F', new Uint8Array([0xd5, 0x7f])],
  ])('%s is left to the decoder', (_name, bytes) => {
    expect(gbkToUtf8(bytes)).toBeUndefined();
  });
});

describe('text files as UTF-8 bytes', () => {
  const cases: [string, Uint8Array, 'utf-8' | 'gb18030' | 'utf-16le'][] = [
    ['UTF-8', utf8('客户号,金额\n张三,1\n'), 'utf-8'],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('客户号\n')]), 'utf-8'],
    ['GBK', gbk('客户号,金额\n张喆,1\n'), 'gb18030'],
    ['GB18030 with a four-byte character', gb18030('客户号\n张𠀀\n'), 'gb18030'],
    ['UTF-16LE with a BOM', new Uint8Array([0xff, 0xfe, ...iconv.encode('客户号\n', 'utf-16le')]), 'utf-16le'],
  ];
  test.each(cases)('%s: the same text and encoding as decodeText, and its UTF-8 bytes', (_name, bytes, encoding) => {
    const d = decodeToUtf8(bytes);
    const reference = decodeText(bytes);
    expect(d.encoding).toBe(encoding);
    expect(new TextDecoder().decode(d.utf8)).toBe(reference.text);
    expect(d.utf8).toEqual(utf8(reference.text).length === bytes.length && encoding === 'utf-8' && !reference.bom ? bytes : utf8(reference.text));
    expect(d.bom).toBe(reference.bom);
  });

  test('chosen GB18030 takes the one-pass way; bytes that are neither name their line', () => {
    expect(new TextDecoder().decode(decodeToUtf8(gbk('甲\n乙\n'), 'gb18030').utf8)).toBe('甲\n乙\n');
    const bad = new Uint8Array([...utf8('a\nb\n'), 0xff, 0xff, 0x0a]);
    expect(() => decodeToUtf8(bad)).toThrow(DecodeError);
    expect(() => decodeToUtf8(bad)).toThrow(/offset 4, line 3/);
    // A GBK file with one bad byte on line 4: the line where GBK breaks, not where UTF-8 does (line 1).
    const gbkBad = new Uint8Array([...gbk('客户号,姓名\nC1,张三\nC2,李四\nC3,'), 0xff, ...gbk('王五\n')]);
    expect(() => decodeToUtf8(gbkBad)).toThrow(/line 4\)/);
    expect(() => decodeToUtf8(gbkBad, 'gb18030')).toThrow(/line 4\)/);
    // UTF-8 with a BOM: the bytes after it, as they are; a bad byte still names its line.
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('客户号\n张三\n')]);
    expect(decodeToUtf8(withBom, 'utf-8')).toMatchObject({ encoding: 'utf-8', bom: true, utf8: withBom.subarray(3) });
    expect(() => decodeToUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a\nb\n'), 0xff]))).toThrow(/line 3\)/);
  });

  test('an unclosed quote is found in UTF-8 bytes on the line where it opens', () => {
    expect(scanRecordStarts(utf8('客户号,备注\nC1,"好"\nC2,"未闭合\nC3,x\n')).openQuoteLine).toBe(3);
    expect(scanRecordStarts(utf8('a\n"x\n""y""\nz\n')).openQuoteLine).toBe(2);
    expect(scanRecordStarts(utf8('a,"b"\n')).openQuoteLine).toBeUndefined();
  });
});
