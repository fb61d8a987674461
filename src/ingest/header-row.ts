import { fieldForHeader } from './mapping';

/** Rows looked at for the header: a report's titles take one to three rows above it. */
export const HEADER_LOOKAHEAD = 6;

const filled = (v: string | null | undefined): v is string => v != null && v.trim() !== '';

/** Distinct known fields a row's cells name. */
export function knownFields(cells: readonly (string | null | undefined)[]): number {
  return new Set(cells.filter(filled).map((c) => fieldForHeader(c)).filter((f) => f !== undefined)).size;
}

/**
 * Which of a sheet's or CSV's first rows is the header: reports put titles (`2025年12月 分支行
 * 客户资产报表`, `单位：元`) or merged group titles (客户信息 | 资产情况) above it. The row whose
 * cells name the most known fields wins (the first on a tie); when no row names any, the first
 * row that is mostly filled with text, if the rows above it are mostly empty (a title row has
 * one cell; a header of unknown names is not moved).
 */
export function chooseHeaderRow(rows: readonly (readonly (string | null | undefined)[])[]): number {
  let best = 0;
  let bestKnown = -1;
  rows.slice(0, HEADER_LOOKAHEAD).forEach((r, i) => {
    const known = knownFields(r);
    if (known > bestKnown) {
      bestKnown = known;
      best = i;
    }
  });
  if (bestKnown > 0) return best;
  const share = (r: readonly (string | null | undefined)[]) => (r.length === 0 ? 0 : r.filter(filled).length / r.length);
  const texty = (r: readonly (string | null | undefined)[]) => share(r) >= 0.5 && r.filter(filled).every((c) => !/^[\s\d.,%+-]+$/.test(c));
  if (rows.length === 0 || share(rows[0]!) >= 0.5) return 0;
  for (let i = 1; i < Math.min(rows.length, HEADER_LOOKAHEAD); i++) {
    if (texty(rows[i]!)) return rows.slice(0, i).every((r) => share(r) < 0.5) ? i : 0;
  }
  return 0;
}
