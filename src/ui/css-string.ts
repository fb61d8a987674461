/**
 * Text from the data (a filter's values) as a CSS string literal, for generated rules such as a
 * printed page's running header: quotes and backslashes escaped, line breaks and other control
 * characters written as escapes, so the text can never close the string or the rule.
 */
export function cssString(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}
