import { useState } from 'react';
import type { NotebookController } from '../../app/notebook-controller';
import type { Workspace } from '../../app/workspace';
import { DEFAULT_SEGMENTS, MAX_SEGMENTS } from '../../analysis/segments';
import { columnLabel, t } from '../../i18n/messages';
import type { ViewCell } from '../../notebook/types';
import { categoryColumns } from '../../views/group-fields';
import type { SegmentsModel } from '../../views/kinds/segments';
import { useAsk, useWorkspaceState } from '../hooks';
import { useLocale } from '../locale';
import { Menu } from '../Menu';
import { ValueChecklist } from './ValueChecklist';

/**
 * What the segments view compares: a category field, and two to six of its values (the largest
 * four by default). Both are the cell's options, so the notebook file and the autosave keep them.
 */
export function SegmentPicker({ cell, model, controller, workspace }: { cell: ViewCell; model: SegmentsModel; controller: NotebookController; workspace: Workspace }) {
  const locale = useLocale();
  const state = useWorkspaceState(workspace);
  const columns = categoryColumns(state.dataset?.columns ?? [], state.privacy.levels);
  const shown = model.comparison.segments.map((s) => s.value);
  const [picked, setPicked] = useState<ReadonlySet<string | null>>(() => new Set(shown));
  const [open, setOpen] = useState(false);
  const choices = useAsk(() => workspace.filterChoices(model.field, 200), [model.field, state.wholeRows], open);
  const field = columnLabel(locale, model.field);
  const { values: _values, ...rest } = cell.options;
  const choose = (options: Readonly<Record<string, unknown>>) => controller.edit(cell.id, { options });
  const ok = picked.size >= 2 && picked.size <= MAX_SEGMENTS;
  return (
    <>
      <label>
        {t(locale, 'segmentsField')}{' '}
        <select value={model.field} onChange={(e) => choose({ ...rest, field: e.target.value })}>
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {columnLabel(locale, c.name)}
            </option>
          ))}
        </select>
      </label>
      <Menu
        label={t(locale, 'segmentsPickMenu', { field })}
        summary={`${t(locale, 'segmentsPick')} ▾`}
        className="segment-menu"
        onToggle={(isOpen) => {
          // Opened: the ticks start from what is shown.
          if (isOpen) setPicked(new Set(shown));
          setOpen(isOpen);
        }}
      >
        <ValueChecklist legend={t(locale, 'segmentsPickLabel', { field })} choices={choices.status === 'ready' ? choices.value : []} picked={picked} onChange={setPicked} />
          <span className="hint">{picked.size > MAX_SEGMENTS ? t(locale, 'segmentsTooMany', { n: MAX_SEGMENTS }) : t(locale, 'segmentsLargest', { n: DEFAULT_SEGMENTS })}</span>
          <button type="button" className="primary" disabled={!ok} onClick={() => choose({ ...rest, values: [...picked] })}>
            {t(locale, 'segmentsApply')}
          </button>
      </Menu>
    </>
  );
}
