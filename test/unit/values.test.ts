import { describe, expect, test } from 'vitest';
import { parseDateText, parseFlagText, parseMonthText, parseNumberText, type Parsed } from '../../src/ingest/values';
import { DATE_CASES, FLAG_CASES, MONTH_CASES, NUMBER_CASES } from '../support/value-cases';

const outcome = <T>(p: Parsed<T>) => (p.kind === 'value' ? p.value : p.kind);

describe('cell text → value (TypeScript reference)', () => {
  test.each(NUMBER_CASES)('number %j → %j', (text, expected) => {
    const got = outcome(parseNumberText(text));
    if (typeof expected === 'number') expect(got).toBeCloseTo(expected, 9);
    else expect(got).toBe(expected);
  });
  test.each(DATE_CASES)('date %j → %j', (text, expected) => expect(outcome(parseDateText(text))).toBe(expected));
  test.each(MONTH_CASES)('month %j → %j', (text, expected) => expect(outcome(parseMonthText(text))).toBe(expected));
  test.each(FLAG_CASES)('flag %j → %j', (text, expected) => expect(outcome(parseFlagText(text))).toBe(expected));
});
