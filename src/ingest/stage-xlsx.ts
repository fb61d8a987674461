import * as XLSX from '@e965/xlsx';
import type { Engine } from '../engine/types';
import { IngestError, type Problem } from './report';
import { fieldForHeader } from './mapping';
import { uniqueHeaders, type Staging } from './staging';
import { insertTextColumns } from './text-table';

/**
 * XLSX → staging table of cell text. Dates are written as ISO text from the cell's own date
 * format (Excel stores them as serial numbers), numbers in full precision, so one set of
 * parsers handles every source. `book.xlsx#Sheet` picks a sheet; the first one otherwise.
 */
export async function stageXlsx(engine: Engine, id: string, file: string, bytes: Uint8Array): Promise<Staging> {
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, { type: 'array', cellDates: false, cellNF: true, cellText: false });
  } catch (e) {
    throw new IngestError(file, `cannot be read as an Excel workbook: ${e instanceof Error ? e.message : String(e)}`);
  }
  const wanted = /#(.+)$/.exec(file)?.[1];
  const sheetName = wanted ?? book.SheetNames[0];
  const sheet = sheetName === undefined ? undefined : book.Sheets[sheetName];
  if (!sheet || !sheetName) {
    throw new IngestError(file, wanted ? `no sheet named "${wanted}" (sheets: ${book.SheetNames.join(', ')})` : 'the workbook has no sheets');
  }
  if (!sheet['!ref']) throw new IngestError(file, `sheet "${sheetName}" is empty`);
  const range = XLSX.utils.decode_range(sheet['!ref']);
  // Merged cells (a header spanning columns, a branch spanning rows) hold their value in the
  // top-left cell only; every cell of the merge gets it, as the sheet shows it.
  const mergedFrom = new Map<string, string>();
  for (const m of sheet['!merges'] ?? []) {
    const origin = XLSX.utils.encode_cell(m.s);
    for (let r = m.s.r; r <= m.e.r; r++) for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) mergedFrom.set(XLSX.utils.encode_cell({ r, c }), origin);
  }
  const cellAt = (r: number, c: number) => {
    const address = XLSX.utils.encode_cell({ r, c });
    return sheet[mergedFrom.get(address) ?? address] as XLSX.CellObject | undefined;
  };

  const rowText = (r: number) => {
    const out: (string | null)[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) out.push(cellText(cellAt(r, c)));
    return out;
  };
  let first = range.s.r;
  while (first <= range.e.r && rowText(first).every((v) => v === null || v.trim() === '')) first++;
  if (first > range.e.r) throw new IngestError(file, `sheet "${sheetName}" is empty`);
  // Report sheets often put a merged group title (客户信息 | 资产情况) above the real header:
  // of the first few rows, the header is the one whose cells name the most known fields.
  let headerRow = first;
  let best = -1;
  for (let r = first; r <= Math.min(first + 4, range.e.r); r++) {
    const cells = rowText(r).filter((v): v is string => v !== null && v.trim() !== '');
    const known = new Set(cells.map((c) => fieldForHeader(c)).filter((f) => f !== undefined)).size;
    if (known > best) {
      best = known;
      headerRow = r;
    }
  }
  const problems: Problem[] = [];
  if (headerRow > first) {
    problems.push({ severity: 'warning', file, line: headerRow + 1, message: `rows ${first + 1}–${headerRow} above the header (merged group titles) were skipped; row ${headerRow + 1} is the header` });
  }
  const headers = uniqueHeaders(rowText(headerRow));

  const columns: (string | null)[][] = headers.map(() => []);
  const lines: number[] = [];
  for (let r = headerRow + 1; r <= range.e.r; r++) {
    const cells = rowText(r);
    if (cells.every((v) => v === null || v.trim() === '')) continue;
    cells.forEach((v, i) => columns[i]!.push(v));
    lines.push(r + 1); // Excel shows rows 1-based
  }
  const table = `stg_${id}`;
  await insertTextColumns(engine, table, headers, columns);
  return { table, format: 'xlsx', problems, lineOf: (k) => lines[k] };
}

function cellText(cell: XLSX.CellObject | undefined): string | null {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) {
        const d = XLSX.SSF.parse_date_code(v);
        const date = `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
        return d.H || d.M || d.S ? `${date} ${String(d.H).padStart(2, '0')}:${String(d.M).padStart(2, '0')}:${String(d.S).padStart(2, '0')}` : date;
      }
      return String(v);
    }
    case 'b':
      return cell.v ? 'true' : 'false';
    case 'e':
      return cell.w ?? '#N/A';
    case 'd':
      return (cell.v as Date).toISOString().slice(0, 10);
    default:
      return String(cell.v);
  }
}
