import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { USAGE } from '../../cli/args';
import { DOC_PATH, renderPresetsDoc } from '../../scripts/docs-presets';
import { PRESETS } from '../../src/schemes/presets';

describe('docs stay in step with the code', () => {
  test('docs/presets.md is what scripts/docs-presets.ts generates from the preset JSON', () => {
    const committed = readFileSync(DOC_PATH, 'utf8');
    const fresh = renderPresetsDoc();
    // A plain boolean first, so the failure says what to do rather than dumping a 40 KB diff.
    expect(committed === fresh, 'docs/presets.md is out of date: run `npm run docs`').toBe(true);
  });

  test('every preset has its section, with every tier id and bound', () => {
    const doc = renderPresetsDoc();
    for (const p of PRESETS) {
      expect(doc).toContain(`### \`${p.id}\` — ${p.label.zh} / ${p.label.en}`);
      for (const t of p.tiers) expect(doc).toContain(`| \`${t.id}\` | ${t.label.zh} | ${t.label.en} |`);
    }
    expect(doc).toContain('aum ≥ 5,000,000 → `private`');
    expect(doc).toContain('R 4–5, F 4–5, M 4–5 → `champions`');
  });

  test('a template without its markers is refused', () => {
    expect(() => renderPresetsDoc('no markers here')).toThrow(/lacks <!-- vocabulary -->/);
  });

  test('docs/cli.md shows the usage text the command prints', () => {
    expect(readFileSync('docs/cli.md', 'utf8')).toContain(USAGE);
  });
});
