import { useMemo, useState, useSyncExternalStore } from 'react';
import type { NotebookController } from '../../app/notebook-controller';
import type { Workspace } from '../../app/workspace';
import { isNumericType, tierFilterField, type Filter } from '../../analysis/filters';
import { runnablePresets } from '../../schemes/fit';
import { tiersOf } from '../../schemes/types';
import { parseNumberText } from '../../ingest/values';
import { formatCount } from '../../i18n/format';
import { filterFieldText, filterValuesText } from '../../views/filter-text';
import { columnLabel, labelIn, t } from '../../i18n/messages';
import { errorText } from '../../i18n/said';
import { filterableColumns } from '../../views/group-fields';
import { useAsk, useWorkspaceState } from '../hooks';
import { useLocale } from '../locale';
import { Menu } from '../Menu';
import { ValueChecklist } from './ValueChecklist';

/**
 * The dashboard's filters: chips for those in force (each removable) with the rows they keep, and
 * a menu to add one — the values of a text column with their counts, or a range of a number.
 */
export function FilterBar({ controller, workspace }: { controller: NotebookController; workspace: Workspace }) {
  const locale = useLocale();
  const notebook = useSyncExternalStore(controller.subscribe, controller.getNotebook);
  const state = useWorkspaceState(workspace);
  const filters = notebook.filters ?? [];
  const columns = filterableColumns(state.dataset?.columns ?? [], state.privacy.levels);
  const [field, setField] = useState('');
  const column = columns.find((c) => c.name === field);
  const numeric = column !== undefined && isNumericType(column.sqlType);
  // Another built-in scheme's tiers: the schemes that run on this data, but the one in use.
  const current = controller.currentScheme()?.id;
  const others = useMemo(() => {
    const names = new Set((state.dataset?.columns ?? []).map((c) => c.name));
    return runnablePresets(names).filter((p) => p.id !== current);
  }, [state.dataset, current]);
  const tierScheme = others.find((p) => tierFilterField(p.id) === field);
  const choices = useAsk(() => workspace.filterChoices(field), [field, state.wholeRows], column !== undefined && !numeric);
  const [picked, setPicked] = useState<ReadonlySet<string | null>>(new Set());
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const label = (name: string) => columnLabel(locale, name);
  const set = (next: readonly Filter[]) => controller.setFilters(next);
  const choose = (name: string) => {
    setField(name);
    setPicked(new Set());
    setMin('');
    setMax('');
    setProblem(undefined);
  };
  const number = (text: string): number | undefined | null => {
    if (text.trim() === '') return undefined;
    const p = parseNumberText(text);
    return p.kind === 'value' ? p.value : null;
  };
  const apply = () => {
    if (!column && !tierScheme) return;
    let filter: Filter;
    if (tierScheme) {
      const values = [...picked].filter((v): v is string => v !== null);
      if (values.length === 0) return setProblem(t(locale, 'filterPickOne'));
      filter = { field, kind: 'tier', values };
    } else if (!column) {
      return;
    } else if (numeric) {
      const lo = number(min);
      const hi = number(max);
      if (lo === null || hi === null || (lo === undefined && hi === undefined) || (lo !== undefined && hi !== undefined && lo > hi)) return setProblem(t(locale, 'filterBadRange'));
      filter = { field: column.name, kind: 'range', ...(lo !== undefined ? { min: lo } : {}), ...(hi !== undefined ? { max: hi } : {}) };
    } else {
      if (picked.size === 0) return setProblem(t(locale, 'filterPickOne'));
      filter = { field: column.name, kind: 'in', values: [...picked] };
    }
    // One filter per column (or scheme): a new choice replaces the old one.
    set([...filters.filter((f) => f.field !== filter.field), filter]);
    choose('');
  };

  if (!state.dataset) return null;
  const failed = controller.filterProblem;
  return (
    <div className="filter-bar" role="group" aria-label={t(locale, 'filters')} data-testid="filters">
      {filters.map((f) => (
        <span key={f.field} className="filter-chip" data-field={f.field}>
          <span>
            {filterFieldText(f, locale)}{t(locale, 'labelSep')}<span data-value="">{filterValuesText(f, locale)}</span>
          </span>
          <button type="button" className="quiet" aria-label={t(locale, 'filterRemove', { name: filterFieldText(f, locale) })} title={t(locale, 'filterRemove', { name: filterFieldText(f, locale) })} onClick={() => set(filters.filter((x) => x !== f))}>
            ✕
          </button>
        </span>
      ))}
      {filters.length > 0 && state.wholeRows !== undefined && (
        <span className="hint" data-testid="filtered-rows">
          {t(locale, 'filterRows', { n: formatCount(state.dataset.rows), total: formatCount(state.wholeRows) })}
        </span>
      )}
      {failed !== undefined && <span className="warn">{t(locale, 'filterFailed', { reason: errorText(locale, failed) })}</span>}
      <Menu label={t(locale, 'filterAdd')} summary={`+ ${t(locale, 'filterAdd')}`} className="filter-menu" testId="filter-menu">
        <label>
          {t(locale, 'filterField')}{' '}
          <select value={field} onChange={(e) => choose(e.target.value)} aria-label={t(locale, 'filterField')}>
            <option value="">—</option>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {label(c.name)}
              </option>
            ))}
            {others.length > 0 && (
              <optgroup label={t(locale, 'filterTierGroup')}>
                {others.map((p) => (
                  <option key={p.id} value={tierFilterField(p.id)}>
                    {t(locale, 'filterTierOf', { scheme: labelIn(locale, p.label) })}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        {column && numeric && (
          <span className="filter-range">
            <input type="text" value={min} onChange={(e) => setMin(e.target.value)} aria-label={t(locale, 'filterMin')} placeholder={t(locale, 'filterMin')} />
            –
            <input type="text" value={max} onChange={(e) => setMax(e.target.value)} aria-label={t(locale, 'filterMax')} placeholder={t(locale, 'filterMax')} />
          </span>
        )}
        {column && !numeric && choices.status === 'ready' && <ValueChecklist legend={t(locale, 'filterValues')} choices={choices.value} picked={picked} onChange={setPicked} />}
        {tierScheme && (
          <ValueChecklist legend={t(locale, 'filterValues')} choices={tiersOf(tierScheme).map((tier) => ({ value: tier.id, label: labelIn(locale, tier.label) }))} picked={picked} onChange={setPicked} />
        )}
        {problem && <span className="error">{problem}</span>}
        {(column || tierScheme) && (
          <button type="button" className="primary" onClick={apply}>
            {t(locale, 'filterApply')}
          </button>
        )}
      </Menu>
      {filters.length > 0 && (
        <button type="button" className="link" onClick={() => set([])}>
          {t(locale, 'filterClear')}
        </button>
      )}
    </div>
  );
}
