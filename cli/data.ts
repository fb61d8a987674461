import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Engine } from '../src/engine/types';
import { toRows } from '../src/engine/rows';
import { buildDataset, type DatasetInfo } from '../src/ingest/dataset';
import { loadFile, type LoadedFile } from '../src/ingest/load';
import { IngestError, leftOutProblem } from '../src/ingest/report';
import { t } from '../src/i18n/messages';
import { presetById } from '../src/schemes/presets';
import type { Scheme } from '../src/schemes/types';
import { SchemeError, validateScheme } from '../src/schemes/validate';
import type { CliOptions } from './args';

/** A bad input: printed as one line, exit status 1. */
export class CliError extends Error {}

/** A preset id, or a path to a scheme JSON file (validated, errors naming file and field). */
export function resolveScheme(ref: string): Scheme {
  if (!ref.toLowerCase().endsWith('.json')) {
    try {
      return presetById(ref);
    } catch (e) {
      throw new CliError(e instanceof Error ? e.message : String(e));
    }
  }
  if (!existsSync(ref)) throw new CliError(`${ref}: scheme file not found`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(ref, 'utf8'));
  } catch (e) {
    throw new CliError(`${ref}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return validateScheme(json);
  } catch (e) {
    if (e instanceof SchemeError) throw new CliError(`${ref}: ${e.message}`);
    throw e;
  }
}

export interface LoadedData {
  readonly files: readonly LoadedFile[];
  readonly dataset: DatasetInfo;
  readonly warnings: readonly string[];
}

/**
 * Reads every --input into one dataset (stacked, per period). Ragged rows are errors on the
 * command line (a batch job must not silently drop customers); unreadable cells are warnings.
 */
export async function loadInputs(engine: Engine, options: CliOptions): Promise<LoadedData> {
  const files: LoadedFile[] = [];
  const warnings: string[] = [];
  for (const [i, input] of options.inputs.entries()) {
    const path = input.replace(/#[^/\\]*$/, '');
    if (!existsSync(path) || !statSync(path).isFile()) throw new CliError(`${input}: file not found`);
    // The display name keeps `#Sheet` so the XLSX reader can pick the sheet.
    const name = basename(input);
    let file: LoadedFile;
    try {
      file = await loadFile(engine, `in${i}`, { name, bytes: new Uint8Array(readFileSync(path)) }, { encoding: options.encoding, overrides: options.maps });
    } catch (e) {
      if (e instanceof IngestError) throw new CliError(e.message);
      throw new CliError(`${input}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const ragged = file.report.problems.find((p) => p.severity === 'error');
    if (ragged) throw new CliError(`${ragged.file}${ragged.line !== undefined ? `, line ${ragged.line}` : ''}: ${ragged.message}`);
    const unreadable = file.report.columns.reduce((n, c) => n + c.invalid, 0);
    const cells = file.report.problems.filter((p) => p.severity === 'warning' && p.value !== undefined);
    if (unreadable > 0 && cells[0]) {
      const first = cells[0];
      warnings.push(`${name}: ${unreadable} unreadable cells left empty, not 0 (first: line ${first.line ?? '?'}, column "${first.column}", value "${first.value}")`);
    }
    for (const p of file.report.problems.filter((x) => x.severity === 'warning' && x.value === undefined)) {
      warnings.push(`${name}${p.line !== undefined ? `, line ${p.line}` : ''}${p.column ? `, column "${p.column}"` : ''}: ${p.message}`);
    }
    // Totals, subtotals, notes and rows without an id are not customers: each is named with its line.
    const leftOut = file.report.leftOut ?? [];
    for (const row of leftOut) {
      const p = leftOutProblem(name, row);
      warnings.push(`${name}${p.line !== undefined ? `, line ${p.line}` : ''}: ${p.message}`);
    }
    const more = (file.report.leftOutCount ?? 0) - leftOut.length;
    if (more > 0) warnings.push(`${name}: ${t('en', 'leftOutMore', { n: more })}`);
    files.push(file);
  }
  for (const [field, column] of Object.entries(options.maps)) {
    if (!files.some((f) => f.report.columns.some((c) => c.name === column))) {
      throw new CliError(`--map ${field}=${column}: no input has a column "${column}" (columns: ${[...new Set(files.flatMap((f) => f.report.columns.map((c) => c.name)))].join(', ')})`);
    }
  }
  const dataset = await buildDataset(engine, files);
  // Duplicate ids are judged per scheme (assertUniqueCustomers); other dataset notes are warnings.
  warnings.push(...dataset.problems.filter((p) => !p.message.startsWith('customer id appears')).map((p) => `${p.file}: ${p.message}`));
  return { files, dataset, warnings };
}

/** Customer-level schemes need one row per customer and period. */
export function assertUniqueCustomers(data: LoadedData, scheme: Scheme): void {
  const transactional = scheme.kind === 'rfm' && data.dataset.fields.includes('txn_date');
  if (transactional || data.dataset.duplicateIds === 0) return;
  const first = data.dataset.problems.find((p) => p.message.startsWith('customer id appears'));
  const where = first ? `${first.file}${first.line !== undefined ? `, line ${first.line}` : ''}` : data.files.map((f) => f.name).join(', ');
  throw new CliError(`${where}: duplicate customer_id "${first?.value ?? '?'}" within one period (${data.dataset.duplicateIds} ids repeat; ${first?.message ?? ''})`);
}

export async function periodsOf(engine: Engine, table: string): Promise<string[]> {
  return toRows(await engine.query(`SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM ${table} WHERE period IS NOT NULL ORDER BY p`)).map((r) => String(r.p));
}
