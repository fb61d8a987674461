import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The committed sample files (written by scripts/generate-samples.ts) are test fixtures for the
// importers: these checks pin the byte-level properties that the importers must cope with.

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data-samples');
const read = (name: string): Buffer => readFileSync(path.join(SAMPLES, name));

const RETAIL_HEADER =
  '客户号,客户姓名,证件号码,手机号,所属支行,数据日期,月日均AUM(元),存款余额,贷款余额,星点值,首次交易日期,最近交易日期,是否销户';

const FILES = [
  'README.md',
  'retail_panel_24m.parquet',
  'retail_2025-12_gbk.csv',
  'retail_2025-11_utf8.csv',
  'corporate_quarters.xlsx',
  'dealers_3y.csv',
  'credit_firms_5y.parquet',
  'insurance_customers.csv',
  'transactions_rfm.csv',
];

function firstLine(text: string): string {
  return text.slice(0, text.search(/\r?\n/));
}

describe('data-samples', () => {
  it.each(FILES)('%s exists and is not empty', (name) => {
    expect(existsSync(path.join(SAMPLES, name))).toBe(true);
    expect(read(name).length).toBeGreaterThan(100);
  });

  it('Parquet files carry the PAR1 magic at both ends, the XLSX is a zip', () => {
    for (const name of ['retail_panel_24m.parquet', 'credit_firms_5y.parquet']) {
      const buf = read(name);
      expect(buf.subarray(0, 4).toString('latin1')).toBe('PAR1');
      expect(buf.subarray(buf.length - 4).toString('latin1')).toBe('PAR1');
    }
    expect(read('corporate_quarters.xlsx').subarray(0, 2).toString('latin1')).toBe('PK');
  });

  describe('retail_2025-12_gbk.csv (Excel "CSV" on Chinese Windows)', () => {
    const buf = read('retail_2025-12_gbk.csv');

    it('is not valid UTF-8', () => {
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buf)).toThrow();
    });

    it('decodes as GB18030 with the expected header, no BOM, CRLF line ends', () => {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(buf);
      expect(buf[0]).not.toBe(0xef);
      expect(firstLine(text)).toBe(RETAIL_HEADER);
      expect(text.slice(RETAIL_HEADER.length, RETAIL_HEADER.length + 2)).toBe('\r\n');
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    });

    it('looks like an Excel extract: Chinese short dates, quoted thousands, GBK-only characters', () => {
      const text = new TextDecoder('gb18030').decode(buf);
      expect(text).toMatch(/,2025\/12\/31,/);
      expect(text).toMatch(/,"\d{1,3}(,\d{3})+\.\d{2}",/);
      expect(text).toMatch(/[喆珺昇堃玥琇翀祎淏璟镕焜彧赟]/);
      expect(text).toMatch(/,-,/);
    });
  });

  describe('retail_2025-11_utf8.csv (Excel "CSV UTF-8")', () => {
    const buf = read('retail_2025-11_utf8.csv');

    it('starts with a UTF-8 BOM and is valid UTF-8 with the same header', () => {
      expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(firstLine(text.slice(1))).toBe(RETAIL_HEADER);
      expect(text).toMatch(/,2025-11-30,/);
    });
  });

  it.each(['dealers_3y.csv', 'insurance_customers.csv', 'transactions_rfm.csv'])('%s is UTF-8 without BOM, LF only', (name) => {
    const buf = read(name);
    expect(buf[0]).not.toBe(0xef);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    expect(text.includes('\r')).toBe(false);
    expect(firstLine(text)).toMatch(/^客户(号|编号),/);
  });
});
