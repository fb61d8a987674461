import type { Engine } from '../engine/types';
import { decodeText } from './decode';
import { IngestError, problem, type Problem } from './report';
import type { Staging } from './staging';
import { insertTextColumns } from './text-table';

/**
 * JSON (an array of objects) or NDJSON (one object a line) → staging table of cell text.
 * DuckDB-WASM's JSON reader is an extension it would download, so this is done here.
 */
export async function stageJson(engine: Engine, id: string, file: string, bytes: Uint8Array, ndjson: boolean): Promise<Staging> {
  const { text, encoding } = decodeText(bytes, 'auto');
  const records: { value: unknown; line: number | undefined }[] = [];
  if (ndjson) {
    text.split('\n').forEach((raw, i) => {
      if (raw.trim() === '') return;
      try {
        records.push({ value: JSON.parse(raw), line: i + 1 });
      } catch (e) {
        throw new IngestError(file, { code: 'errJsonInvalid', params: { reason: e instanceof Error ? e.message : String(e) } }, i + 1);
      }
    });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new IngestError(file, { code: 'errJsonInvalid', params: { reason: e instanceof Error ? e.message : String(e) } });
    }
    if (!Array.isArray(parsed)) throw new IngestError(file, { code: 'errJsonNotArray' });
    parsed.forEach((value) => records.push({ value, line: undefined }));
  }
  if (records.length === 0) throw new IngestError(file, { code: 'errJsonNoRecords' });

  const headers: string[] = [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  records.forEach(({ value, line }, k) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new IngestError(file, { code: 'errJsonNotObject', params: { n: k + 1 } }, line);
    }
    for (const key of Object.keys(value)) if (!seen.has(key)) seen.add(key) && headers.push(key);
  });
  let nested = 0;
  const columns = headers.map((h) =>
    records.map(({ value }) => {
      const v = (value as Record<string, unknown>)[h];
      if (v === null || v === undefined) return null;
      if (typeof v === 'object') {
        nested++;
        return JSON.stringify(v);
      }
      return String(v);
    }),
  );
  if (nested > 0) problems.push(problem({ severity: 'warning', file }, 'jsonNested', { n: nested }));
  const table = `stg_${id}`;
  await insertTextColumns(engine, table, headers, columns);
  return { table, format: ndjson ? 'ndjson' : 'json', encoding, problems, lineOf: (k) => records[k]?.line };
}
