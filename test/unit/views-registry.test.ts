import { describe, expect, test } from 'vitest';
import { isMessageKey, t } from '../../src/i18n/messages';
import { defaultNotebook } from '../../src/notebook/default-notebook';
import { VIEW_KINDS } from '../../src/notebook/types';
import { PRESETS, presetById } from '../../src/schemes/presets';
import { chartOf } from '../../src/views/chart';
import { tableOf } from '../../src/views/table';
import { isViewKind, viewDef, VIEWS } from '../../src/views/registry';

describe('view registry', () => {
  test('every kind of the notebook is registered exactly once, under its own name', () => {
    expect(Object.keys(VIEWS).sort()).toEqual([...VIEW_KINDS].sort());
    for (const kind of VIEW_KINDS) expect(viewDef(kind).kind).toBe(kind);
    // No module sits under two names (a copied line).
    expect(new Set(Object.values(VIEWS)).size).toBe(VIEW_KINDS.length);
  });

  test('an unknown kind throws, naming it', () => {
    expect(() => viewDef('pie-of-pies')).toThrow(/pie-of-pies/);
    expect(() => viewDef('toString')).toThrow(/toString/);
    expect(isViewKind('pie-of-pies')).toBe(false);
    expect(() => chartOf({ view: 'pie-of-pies' } as never, presetById('retail-aum')!, 'en', '')).toThrow(/pie-of-pies/);
    expect(() => tableOf({ view: 'pie-of-pies' } as never, [], 'en')).toThrow(/pie-of-pies/);
  });

  test.each(['zh-CN', 'en'] as const)('titles and reasons are catalog messages in %s', (locale) => {
    for (const kind of VIEW_KINDS) {
      const def = viewDef(kind);
      const keys = [def.titleKey, def.cellTitleKey, def.needs?.scheme?.reason, def.needs?.field?.reason, def.needs?.periods?.reason].filter((k) => k !== undefined);
      for (const key of keys) {
        expect(isMessageKey(key), `${kind}: ${key}`).toBe(true);
        expect(t(locale, key).trim(), `${kind}: ${key}`).not.toBe('');
      }
    }
  });

  test('widths are full or half', () => {
    for (const kind of VIEW_KINDS) expect(['full', 'half']).toContain(viewDef(kind).width);
  });

  test('default notebooks hold only registered kinds, with what each needs', () => {
    for (const preset of PRESETS) {
      for (const periods of [[], ['2024-01'], ['2024-01', '2024-02', '2024-03']]) {
        for (const hasBranch of [true, false]) {
          const nb = defaultNotebook({ schemeId: preset.id, schemeKind: preset.kind, periods, hasBranch, locale: 'en' });
          for (const cell of nb.cells) {
            if (cell.kind !== 'view') continue;
            expect(isViewKind(cell.view), cell.view).toBe(true);
            const needs = viewDef(cell.view).needs;
            if (needs?.scheme) expect(preset.kind).toBe(needs.scheme.kind);
            if (needs?.periods) expect(periods.length).toBeGreaterThanOrEqual(needs.periods.atLeast);
            if (needs?.field) expect(hasBranch).toBe(true);
          }
        }
      }
    }
  });
});
