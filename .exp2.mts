import { readFileSync } from 'node:fs';
import { Workspace } from './src/app/workspace';
import { openWasmNodeEngine } from './src/engine/wasm-node';
const engine = await openWasmNodeEngine();
const ws = new Workspace(Promise.resolve(engine));
const f = await ws.addFiles([{ name: 'retail_panel_24m.parquet', bytes: new Uint8Array(readFileSync('data-samples/retail_panel_24m.parquet')) }]);
console.log(f);
console.log(ws.getState().dataset?.columns.map(c=>c.name+':'+c.sqlType).join(' '));
console.log(ws.getState().files[0]?.report.columns.map(c=>c.name+(c.pending?'*':'')).join(' '));
