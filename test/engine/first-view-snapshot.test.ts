import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { computeFirstView } from '../../src/app/first-view-compute';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';

describe('the shipped first-view snapshot', () => {
  test('equals the default notebook computed live over the bundled sample (else: npm run snapshot)', async () => {
    const shipped = JSON.parse(readFileSync('src/app/first-view.snapshot.json', 'utf8')) as unknown;
    const live = await computeFirstView(openWasmNodeEngine(), { name: 'retail_panel_24m.parquet', bytes: new Uint8Array(readFileSync('data-samples/retail_panel_24m.parquet')) });
    const views = Object.keys(live.views).map((k) => JSON.parse(k)[0] as string);
    // The views a reader sees first are there; customer-level lists never are.
    expect(views).toEqual(expect.arrayContaining(['tiers', 'tier-mix', 'tier-by-branch', 'histogram', 'migration', 'sankey']));
    expect(views).not.toContain('near');
    expect(JSON.parse(JSON.stringify(live))).toEqual(shipped);
  }, 120_000);
});
