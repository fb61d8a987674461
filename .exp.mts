import { openWasmNodeEngine } from './src/engine/wasm-node';
import { readFileSync } from 'node:fs';
import * as pq from 'parquet-wasm';
import { tableFromIPC } from 'apache-arrow';
const e = await openWasmNodeEngine();
const bytes = new Uint8Array(readFileSync('.bench-data/retail_1m.parquet'));
let t = performance.now();
const want = new Set(['customer_id','snapshot_date']);
await e.insertParquet('stg', bytes, (c) => !want.has(c));
console.log('2 cols', performance.now()-t); t = performance.now();
await e.insertParquet('stgx', bytes, (c) => c !== 'aum');
console.log('aum', performance.now()-t); t = performance.now();
await e.query('CREATE TABLE stgn AS SELECT * FROM stg POSITIONAL JOIN stgx');
console.log('ctas', performance.now()-t); t = performance.now();
try { await e.query('SELECT customer_name FROM stgn'); } catch (x) { console.log(String(x).slice(0,200)); }
try { await e.query('SELECT d.customer_name FROM stgn d'); } catch (x) { console.log(String(x).slice(0,200)); }
try { await e.query('SELECT sum(customer_name) FROM (SELECT * FROM stgn) group by all'); } catch (x) { console.log(String(x).slice(0,200)); }
const f = await pq.ParquetFile.fromFile(new Blob([bytes]));
const ipc = f.schema().intoIPCStream();
try { await e.insertArrowIPC('sch', ipc); console.log(JSON.stringify((await e.query('DESCRIBE sch')).toArray().map(r=>[r.column_name,r.column_type]))); } catch (x) { console.log('schema insert failed', String(x).slice(0,200)); }
console.log(tableFromIPC(ipc).schema.fields.map(f=>String(f.type)).join(','));
await e.query('CREATE VIEW v AS SELECT * FROM (SELECT rowid AS __rec, * FROM stg) POSITIONAL JOIN stgx');
await e.query('CREATE VIEW v2 AS SELECT rowid AS __rec, * FROM stgn');
for (const v of ['v','v2','v','v2']) {
  t = performance.now(); await e.query(`SELECT count(*), sum(aum) FROM ${v} WHERE aum > 100000`); const a = performance.now()-t;
  t = performance.now(); await e.query(`SELECT count(DISTINCT customer_id) FROM ${v}`); const b = performance.now()-t;
  t = performance.now(); await e.query(`SELECT count(*) FROM ${v} WHERE customer_id = 'C00100001'`); const c = performance.now()-t;
  console.log(v, a.toFixed(0), b.toFixed(0), c.toFixed(0));
}
