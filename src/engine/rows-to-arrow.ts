import { DuckDBTypeId, type DuckDBResultReader } from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';

/**
 * Native results → Arrow, with the same types DuckDB-WASM hands back (decimals as doubles,
 * BIGINT as Int64), so code above the engine never learns which adapter answered.
 */
export function rowsToArrow(reader: DuckDBResultReader): Table {
  const names = reader.deduplicatedColumnNames();
  const columns = reader.getColumnsJS();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => {
    const values = (columns[i] ?? []) as unknown[];
    const [type, convert] = arrowTypeFor(reader.columnTypeId(i));
    vectors[name] = vectorFromArray(values.map((v) => (v === null || v === undefined ? null : convert(v))), type);
  });
  return new Table(vectors);
}

function arrowTypeFor(id: DuckDBTypeId): [DataType, (v: unknown) => unknown] {
  switch (id) {
    case DuckDBTypeId.BOOLEAN:
      return [new Bool(), Boolean];
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return [new Int32(), Number];
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
      return [new Int64(), (v) => BigInt(v as bigint)];
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return [new Float64(), Number];
    case DuckDBTypeId.DATE:
      return [new DateDay(), (v) => v as Date];
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
      return [new TimestampMillisecond(), (v) => (v as Date).getTime()];
    default:
      return [new Utf8(), (v) => (typeof v === 'string' ? v : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)))];
  }
}
