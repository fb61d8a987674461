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
import { useLocale } from '../locale';
import { safeFileName } from '../../export';

/**
 * The threshold editor: choose a preset, then drag any bound, cut, share or weight. Every move
 * sets the working scheme (views follow at once); "save" makes it the before/after baseline.
 */
export function SchemeEditor({ cell, controller }: { cell: SchemeCell; controller: NotebookController }) {
  const locale = useLocale();
  const zh = locale === 'zh-CN';
  const parsed = useMemo(() => {
    try {
      return { scheme: validateScheme(cell.scheme) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [cell.scheme]);
  const dirty = JSON.stringify(cell.scheme) !== JSON.stringify(cell.saved);
  const [importError, setImportError] = useState<string | undefined>();
  const importFile = async (file: File) => {
    try {
      const scheme = validateScheme(JSON.parse(await file.text()));
      setImportError(undefined);
      controller.useScheme(scheme);
    } catch (e) {
      setImportError(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
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
          {zh ? '分级方案' : 'Scheme'}{' '}
          <select value={cell.schemeId} onChange={(e) => controller.choosePreset(e.target.value)}>
            {!PRESETS.some((p) => p.id === cell.schemeId) && <option value={cell.schemeId}>{zh ? scheme.label.zh : scheme.label.en}</option>}
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {zh ? p.label.zh : p.label.en} ({p.id})
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!dirty} onClick={() => controller.saveScheme()}>
          {zh ? '保存为基准' : 'Save as baseline'}
        </button>
        <button type="button" disabled={!dirty} onClick={() => cell.saved && controller.setWorkingScheme(validateScheme(cell.saved))}>
          {zh ? '还原' : 'Revert'}
        </button>
        <button
          type="button"
          onClick={() => download(safeFileName(`${scheme.id}-scheme`, 'json'), new TextEncoder().encode(`${JSON.stringify(scheme, null, 2)}\n`), 'application/json')}
        >
          {zh ? '导出方案 JSON' : 'Export scheme JSON'}
        </button>
        <FileButton accept=".json" testId="scheme-input" onFile={(f) => void importFile(f)}>
          {zh ? '导入方案 JSON' : 'Import scheme JSON'}
        </FileButton>
        {dirty && <span className="warn">{zh ? '有未保存的调整' : 'Unsaved changes'}</span>}
      </div>
      {importError && (
        <p className="error" role="alert">
          {importError}
        </p>
      )}
      {scheme.description && <p className="hint">{zh ? scheme.description.zh : scheme.description.en}</p>}
      <div className="knobs">
        {knobsOf(scheme).map((k) => {
          const base = ranges.get(k.path);
          const knob = base ? { ...k, min: base.min, max: base.max } : k;
          return <KnobControl key={k.path} knob={knob} locale={locale} onChange={(v) => controller.setWorkingScheme(setKnob(scheme, k.path, v))} />;
        })}
      </div>
    </div>
  );
}
