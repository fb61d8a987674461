export type { ColumnFormat, ColumnFormats, ExportCell, ExportRow } from './cells';
export { CSV_MIME, csvField, guardFormula, toCsv, type CsvOptions } from './csv';
export { XLSX_MAX_CELL_CHARS, XLSX_MAX_COLUMNS, XLSX_MAX_ROWS, XLSX_MIME, XLSX_NUMBER_FORMATS, sanitizeSheetName, toXlsx, type XlsxSheet } from './xlsx';
export { fileStamp, safeFileName, type FileNameOptions } from './file-name';
