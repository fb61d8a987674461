import type { DatasetInfo } from '../ingest/dataset';
import { VIEW_KINDS, type ViewCell } from '../notebook/types';
import { VIEWS } from '../views/registry';

/**
 * The default notebook's views over the bundled sample, computed ahead of time by
 * `npm run snapshot` (scripts/snapshot-first-view.ts) with the same code and engine, so the page
 * can draw them before DuckDB-WASM has even started (about 3 s of a 34 MB engine on two cores).
 * The same approach as Evidence's pre-rendered queries: exact results of a known input, replaced
 * by live ones once the engine has the data (equal numbers keep the charts as they are).
 * `test/engine/first-view-snapshot.test.ts` recomputes it and fails when it is stale.
 */
export interface FirstViewSnapshot {
  readonly format: 'tierlens-first-view';
  readonly version: 1;
  /** The sample it was computed from: its file name and size in bytes. */
  readonly sample: { readonly name: string; readonly bytes: number };
  readonly dataset: DatasetInfo;
  /** View key ({@link viewKey}) → its model, encoded with {@link encodeValue}. */
  readonly views: Readonly<Record<string, unknown>>;
}

/** The bundled sample's file name: the page serves it (sample.ts), `npm run snapshot` reads it. */
export const SAMPLE_NAME = 'retail_panel_24m.parquet';

/**
 * What a view's result depends on besides the data: its kind and options, its inputs (scheme,
 * parameters) and the saved scheme. Two runs with the same key on the same data give the same
 * model, so the key finds a precomputed one.
 */
export function viewKey(cell: Pick<ViewCell, 'view' | 'options'>, inputs: Readonly<Record<string, unknown>>, saved: unknown): string {
  const rest = Object.keys(inputs)
    .filter((k) => k !== 'data')
    .sort()
    .map((k) => [k, inputs[k]]);
  return JSON.stringify([cell.view, cell.options ?? {}, rest, saved ?? null]);
}

/**
 * Views left out of the snapshot: the near-threshold list shows customers, and the before/after
 * view offers their list for export. A shipped file holds aggregates only (the sample is
 * synthetic, but the rule is the rule); these views compute once the data is in.
 */
export const CUSTOMER_LEVEL_VIEWS: ReadonlySet<string> = new Set(VIEW_KINDS.filter((kind) => VIEWS[kind].customerLevel));

const TYPED = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array } as const;
type TypedName = keyof typeof TYPED;

/**
 * Plain data → JSON-safe data that decodes to a structurally equal value (`sameData`): JSON alone
 * would turn NaN into null, drop undefined fields and typed arrays' types, and lose -0.
 */
export function encodeValue(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $n: 'NaN' };
    if (v === Infinity) return { $n: 'Infinity' };
    if (v === -Infinity) return { $n: '-Infinity' };
    if (Object.is(v, -0)) return { $n: '-0' };
    return v;
  }
  if (v === undefined) return { $u: 1 };
  if (v === null || typeof v !== 'object') return v;
  if (ArrayBuffer.isView(v)) {
    const name = v.constructor.name;
    if (!(name in TYPED)) throw new Error(`cannot encode a ${name}`);
    return { $t: name, v: Array.from(v as unknown as ArrayLike<number>, encodeValue) };
  }
  if (Array.isArray(v)) return v.map(encodeValue);
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new Error(`cannot encode a ${(v as object).constructor?.name ?? 'value'}`);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = encodeValue(x);
  return out;
}

/** The inverse of {@link encodeValue}. */
export function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$n') return Number(o.$n === '-0' ? -0 : o.$n);
  if (keys.length === 1 && keys[0] === '$u') return undefined;
  if (keys.length === 2 && typeof o.$t === 'string' && Array.isArray(o.v) && o.$t in TYPED) {
    return TYPED[o.$t as TypedName].from(o.v.map(decodeValue) as number[]);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decodeValue(o[k]);
  return out;
}

/** Checks a fetched snapshot's shape; anything else is ignored (the page computes as usual). */
export function asFirstViewSnapshot(value: unknown): FirstViewSnapshot | undefined {
  const s = value as FirstViewSnapshot | null;
  if (!s || s.format !== 'tierlens-first-view' || s.version !== 1 || typeof s.views !== 'object' || !s.dataset) return undefined;
  const dataset = decodeValue(s.dataset) as DatasetInfo;
  return Array.isArray(dataset.periods) ? { ...s, dataset } : undefined;
}
