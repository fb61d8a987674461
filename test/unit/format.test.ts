import { describe, expect, test } from 'vitest';
import { formatAmount, formatPeriod, formatShare } from '../../src/i18n/format';

describe('万/亿 amount formatting', () => {
  test.each([
    [0, '0', '0'],
    [9999, '9999', '10K'],
    [10000, '1万', '10K'],
    [123456, '12.35万', '123.46K'],
    [99999999, '1亿', '100M'],
    [99995, '10万', '100K'],
    [9999.999, '1万', '10K'],
    [100000000, '1亿', '100M'],
    [150000000, '1.5亿', '150M'],
    [-56700, '-5.67万', '-56.7K'],
    [null, '—', '—'],
  ])('%s → %s / %s', (v, zh, en) => {
    expect(formatAmount(v, 'zh-CN')).toBe(zh);
    expect(formatAmount(v, 'en')).toBe(en);
  });
  test('periods show as YYYY-MM', () => {
    expect(formatPeriod('2025-12-31')).toBe('2025-12');
    expect(formatPeriod('2025-12')).toBe('2025-12');
    expect(formatPeriod('FY2025')).toBe('FY2025');
  });
  test('shares', () => expect(formatShare(0.1234)).toBe('12.3%'));
});
