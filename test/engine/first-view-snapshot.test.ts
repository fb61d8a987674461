import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { computeFirstView, SNAPSHOT_FILES } from '../../src/app/first-view-compute';
import { SAMPLE_NAME } from '../../src/app/first-view';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';

describe('the shipped first-view snapshot', () => {
  test('equals the default notebook computed live over the bundled sample (else: npm run snapshot)', async () => {
    const shipped = JSON.parse(readFileSync(SNAPSHOT_FILES.snapshot, 'utf8')) as unknown;
    const live = await computeFirstView(openWasmNodeEngine(), { name: SAMPLE_NAME, bytes: new Uint8Array(readFileSync(SNAPSHOT_FILES.sample)) });
    const views = Object.keys(live.views).map((k) => JSON.parse(k)[0] as string);
    // The views a reader sees first are there; customer-level lists never are.
    expect(views).toEqual(expect.arrayContaining(['tiers', 'tier-mix', 'tier-by-branch', 'histogram', 'migration', 'sankey']));
    expect(views).not.toContain('near');
    expect(JSON.parse(JSON.stringify(live))).toEqual(shipped);
  }, 120_000);
});
