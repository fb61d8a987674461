import { fieldByName, isFieldName, type Sensitivity } from '../ingest/vocabulary';

/**
 * Masking of personal data (JR/T 0171-2020 C3 / the seeds' 客户信息 A level): names, ID numbers,
 * phones and addresses are shown masked unless the user explicitly unmasks them.
 */

/** The default sensitivity of a dataset column: from the field vocabulary, else by its name. */
export function defaultSensitivity(column: string): Sensitivity {
  if (isFieldName(column)) return fieldByName(column).sensitivity;
  // Unmapped columns that look personal are treated as such (better masked than leaked).
  if (/姓名|名称|证件|身份证|手机|电话|地址|邮箱|name|phone|mobile|address|email|id_?card|id_?no/i.test(column)) return 'A';
  return 'C';
}

/** `张三丰` → `张**`, `13812341234` → `138****1234`, `370102199806062941` → `370102********2941`. */
export function maskText(value: string, column: string): string {
  const chars = [...value];
  const n = chars.length;
  if (n === 0) return value;
  const looksPhone = /^\+?\d{7,}$/.test(value.replace(/[\s-]/g, ''));
  const looksId = /^[0-9]{15,17}[0-9Xx]?$/.test(value);
  if (looksId || /证件|身份证|id_?(number|no|card)/i.test(column)) {
    return n <= 8 ? '*'.repeat(n) : `${chars.slice(0, 6).join('')}${'*'.repeat(n - 10 > 0 ? n - 10 : 1)}${chars.slice(-4).join('')}`;
  }
  if (looksPhone || /手机|电话|phone|mobile/i.test(column)) {
    return n <= 7 ? `${chars.slice(0, 1).join('')}${'*'.repeat(n - 1)}` : `${chars.slice(0, 3).join('')}${'*'.repeat(n - 7)}${chars.slice(-4).join('')}`;
  }
  if (/地址|address/i.test(column)) return `${chars.slice(0, Math.min(6, n)).join('')}${n > 6 ? '****' : ''}`;
  // Names (and anything else personal): keep the first character.
  return `${chars[0]}${'*'.repeat(Math.max(1, n - 1))}`;
}

/** A cell as shown: masked when its column is level A and the session has not unmasked. */
export function maskCell(value: unknown, column: string, level: Sensitivity, unmasked: boolean): unknown {
  if (unmasked || level !== 'A' || value === null || value === undefined) return value;
  return maskText(String(value), column);
}
