import * as XLSX from '@e965/xlsx';
import type { Engine } from '../engine/types';
import { chooseHeaderRow, HEADER_LOOKAHEAD } from './header-row';
import { IngestError, problem, type Problem } from './report';
import { fieldForHeader } from './mapping';
import { uniqueHeaders, type SheetInfo, type Staging } from './staging';
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
    throw new IngestError(file, { code: 'errXlsxUnreadable', params: { reason: e instanceof Error ? e.message : String(e) } });
  }
  const wanted = /#(.+)$/.exec(file)?.[1];
  if (wanted !== undefined && !(Object.hasOwn(book.Sheets, wanted) && book.SheetNames.includes(wanted))) {
    throw new IngestError(file, { code: 'errXlsxNoSheet', params: { sheet: wanted, sheets: book.SheetNames.join(', ') } });
  }
  if (book.SheetNames.length === 0) throw new IngestError(file, { code: 'errXlsxNoSheets' });
  const views = book.SheetNames.map((name) => sheetView(name, book.Sheets[name]!));
  const problems: Problem[] = [];
  let view: SheetView;
  if (wanted !== undefined) view = views.find((v) => v.name === wanted)!;
  else {
    // A workbook may open on a summary sheet (支行, 客户数, 合计) with the customers on the next:
    // the sheet whose header maps a customer id is read. Several such sheets, or none, is no
    // clear choice: the first fitting (or the first) is read and the report offers the others.
    const filled = views.filter((v) => v.header !== undefined);
    const fitting = filled.filter((v) => v.fits);
    view = fitting[0] ?? filled[0] ?? views[0]!;
    // The first sheet, clearly the customers, needs no word (the report still names it).
    if (views.length > 1 && (view !== views[0] || fitting.length !== 1)) {
      const others = views.filter((v) => v !== view).map((v) => v.name).join(', ');
      problems.push(problem({ severity: 'warning', file }, fitting.length === 1 ? 'xlsxSheetChosen' : 'xlsxSheetUnclear', { sheet: view.name, others }));
    }
  }
  if (view.header === undefined) throw new IngestError(file, { code: 'errXlsxSheetEmpty', params: { sheet: view.name } });
  const { first, header: headerRow, rowText, last } = view;
  if (headerRow > first) {
    problems.push(problem({ severity: 'warning', file, line: headerRow + 1 }, 'xlsxTitleRows', { first: first + 1, last: headerRow, header: headerRow + 1 }));
  }
  const headers = uniqueHeaders(rowText(headerRow));

  const columns: (string | null)[][] = headers.map(() => []);
  const lines: number[] = [];
  for (let r = headerRow + 1; r <= last; r++) {
    const cells = rowText(r);
    if (cells.every((v) => v === null || v.trim() === '')) continue;
    cells.forEach((v, i) => columns[i]!.push(v));
    lines.push(r + 1); // Excel shows rows 1-based
  }
  const table = `stg_${id}`;
  await insertTextColumns(engine, table, headers, columns);
  const sheets: SheetInfo[] = views.map((v) => ({ name: v.name, headers: v.header === undefined ? [] : v.rowText(v.header).filter((h): h is string => h !== null && h.trim() !== ''), fits: v.fits }));
  return { table, format: 'xlsx', problems, lineOf: (k) => lines[k], sheet: view.name, sheets };
}

interface SheetView {
  readonly name: string;
  /** First non-empty row and the header row (0-based), or no header for an empty sheet. */
  readonly first: number;
  readonly header: number | undefined;
  readonly last: number;
  /** Whether the header maps a customer id (a sheet of customers, not a summary). */
  readonly fits: boolean;
  rowText(r: number): (string | null)[];
}

/** A sheet's rows as text, merged cells filled in, and where its header is. */
function sheetView(name: string, sheet: XLSX.WorkSheet): SheetView {
  if (!sheet['!ref']) return { name, first: 0, header: undefined, last: -1, fits: false, rowText: () => [] };
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
  if (first > range.e.r) return { name, first, header: undefined, last: range.e.r, fits: false, rowText };
  const head: (string | null)[][] = [];
  for (let r = first; r <= Math.min(first + HEADER_LOOKAHEAD - 1, range.e.r); r++) head.push(rowText(r));
  const header = first + chooseHeaderRow(head);
  const fits = rowText(header).some((h) => h !== null && fieldForHeader(h) === 'customer_id');
  return { name, first, header, last: range.e.r, fits, rowText };
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
