import { useMemo, useState } from 'react';
import type { NotebookController } from '../../app/notebook-controller';
import type { SchemeCell } from '../../notebook/types';
import { knobsOf, setKnob } from '../../schemes/knobs';
import { PRESETS } from '../../schemes/presets';
import type { Scheme } from '../../schemes/types';
import { validateScheme } from '../../schemes/validate';
import { KnobControl } from '../KnobControl';
import { FileButton } from '../FileButton';
import { download } from '../download';
import { labelIn, t } from '../../i18n/messages';
import { errorText } from '../../i18n/said';
import { useLocale } from '../locale';
import { safeFileName } from '../../export';

/**
 * The threshold editor: choose a preset, then drag any bound, cut, share or weight. Every move
 * sets the working scheme (views follow at once); "save" makes it the before/after baseline.
 */
export function SchemeEditor({ cell, controller }: { cell: SchemeCell; controller: NotebookController }) {
  const locale = useLocale();
  const parsed = useMemo(() => {
    try {
      return { scheme: validateScheme(cell.scheme) };
    } catch (e) {
      return { error: errorText(locale, e) };
    }
  }, [cell.scheme, locale]);
  const dirty = JSON.stringify(cell.scheme) !== JSON.stringify(cell.saved);
  const [importError, setImportError] = useState<string | undefined>();
  const importFile = async (file: File) => {
    try {
      const scheme = validateScheme(JSON.parse(await file.text()));
      setImportError(undefined);
      controller.useScheme(scheme);
    } catch (e) {
      setImportError(t(locale, 'fileProblem', { file: file.name, problem: errorText(locale, e) }));
    }
  };
  // Slider ranges come from the saved scheme, so a range does not shift under a dragging thumb.
  const ranges = useMemo(() => {
    try {
      return new Map(knobsOf(validateScheme(cell.saved ?? cell.scheme)).map((k) => [k.path, k]));
    } catch {
      return new Map();
    }
  }, [cell.saved, cell.scheme]);
  if (!parsed.scheme) return <p className="error">{parsed.error}</p>;
  const scheme: Scheme = parsed.scheme;
  return (
    <div className="scheme-editor">
      <div className="controls">
        <label>
          {t(locale, 'scheme')}{' '}
          <select value={cell.schemeId} onChange={(e) => controller.choosePreset(e.target.value)}>
            {!PRESETS.some((p) => p.id === cell.schemeId) && <option value={cell.schemeId}>{labelIn(locale, scheme.label)}</option>}
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {labelIn(locale, p.label)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!dirty} onClick={() => controller.saveScheme()}>
          {t(locale, 'saveBaseline')}
        </button>
        <button type="button" disabled={!dirty} onClick={() => cell.saved && controller.setWorkingScheme(validateScheme(cell.saved))}>
          {t(locale, 'revert')}
        </button>
        <button
          type="button"
          onClick={() => download(safeFileName(`${scheme.id}-scheme`, 'json'), new TextEncoder().encode(`${JSON.stringify(scheme, null, 2)}\n`), 'application/json')}
        >
          {t(locale, 'exportScheme')}
        </button>
        <FileButton accept=".json" testId="scheme-input" onFile={(f) => void importFile(f)}>
          {t(locale, 'importScheme')}
        </FileButton>
        {dirty && <span className="warn">{t(locale, 'unsavedChanges')}</span>}
      </div>
      {importError && (
        <p className="error" role="alert">
          {importError}
        </p>
      )}
      {scheme.description && <p className="hint">{labelIn(locale, scheme.description)}</p>}
      <div className="knobs" id="tuning" tabIndex={-1}>
        {knobsOf(scheme).map((k) => {
          const base = ranges.get(k.path);
          const knob = base ? { ...k, min: base.min, max: base.max } : k;
          return <KnobControl key={k.path} knob={knob} locale={locale} onChange={(v) => controller.setWorkingScheme(setKnob(scheme, k.path, v))} />;
        })}
      </div>
    </div>
  );
}
