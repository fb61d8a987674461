/**
 * `npm run snapshot`: recomputes the default notebook's views over the bundled sample
 * (data-samples/retail_panel_24m.parquet) with DuckDB-WASM in Node and writes them to src/app/first-view.snapshot.json, for
 * the page to draw before its engine has started (src/app/first-view.ts). Run it after changing
 * the sample, the default notebook, a preset or a view's computation; the test
 * test/engine/first-view-snapshot.test.ts fails until then.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { computeFirstView, SNAPSHOT_FILES } from '../src/app/first-view-compute';
import { SAMPLE_NAME } from '../src/app/first-view';
import { openWasmNodeEngine } from '../src/engine/wasm-node';

const started = performance.now();
const snapshot = await computeFirstView(openWasmNodeEngine(), { name: SAMPLE_NAME, bytes: new Uint8Array(readFileSync(SNAPSHOT_FILES.sample)) });
const text = `${JSON.stringify(snapshot)}\n`;
writeFileSync(SNAPSHOT_FILES.snapshot, text);
console.log(`${SNAPSHOT_FILES.snapshot}: ${Object.keys(snapshot.views).length} views, ${(text.length / 1024).toFixed(0)} KB, ${((performance.now() - started) / 1000).toFixed(1)} s`);
