import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { Workspace } from '../../src/app/workspace';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { presetById } from '../../src/schemes/presets';
import type { LadderScheme } from '../../src/schemes/types';

// Regression: a view whose run joined a tuner build started by a run that was then superseded
// failed with "superseded" (the key figures on a two-period file, in the page).
test('a tuner build shared with a superseded run still answers the run that is wanted', async () => {
  const ws = new Workspace(openWasmNodeEngine());
  await ws.addFiles([{ name: 'retail_panel_24m.parquet', bytes: new Uint8Array(readFileSync('data-samples/retail_panel_24m.parquet')) }]);
  const scheme = presetById('retail-aum') as LadderScheme;
  const [from, to] = ws.getState().dataset!.periods.slice(-2) as [string, string];
  // Something else holds the engine, so both asks wait in its queue.
  const busy = ws.analyst.sql('SELECT count(*) FROM range(3000000)', []);
  const first = new AbortController();
  const superseded = ws.analyst.transitionTuner(scheme, from, to, first.signal);
  const wanted = ws.analyst.transitionTuner(scheme, from, to, new AbortController().signal);
  first.abort();
  await expect(superseded).rejects.toMatchObject({ name: 'AbortError' });
  const tuner = await wanted;
  expect(tuner.cells().reduce((n, c) => n + c.customers, 0)).toBeGreaterThan(20_000);
  await busy;
});
