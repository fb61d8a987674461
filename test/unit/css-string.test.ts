import { describe, expect, test } from 'vitest';
import { cssString } from '../../src/ui/css-string';

describe('text from the data as a CSS string (a printed page header)', () => {
  test.each([
    ['plain text stays as it is', '筛选：机构：杭州上城支行', '"筛选：机构：杭州上城支行"'],
    ['a quote cannot close the string', 'a"; } body { display: none } @page { x: "', '"a\\22 ; } body { display: none } @page { x: \\22 "'],
    ['a backslash cannot escape the closing quote', 'a\\', '"a\\5c "'],
    ['line breaks and control characters are escapes', 'a\nb\u0000', '"a\\a b\\0 "'],
  ])('%s', (_name, text, css) => {
    expect(cssString(text)).toBe(css);
    // Whatever the text, the literal has exactly two unescaped quotes: its own.
    expect(cssString(text).replace(/\\[0-9a-f]+ /g, '').match(/"/g)).toHaveLength(2);
  });
});
