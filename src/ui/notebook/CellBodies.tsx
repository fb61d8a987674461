import { useRef, useState, useSyncExternalStore } from 'react';
import { cellTitle } from '../../notebook/types';
import Markdown from 'react-markdown';
import type { NotebookController, SqlResult } from '../../app/notebook-controller';
import type { Workspace } from '../../app/workspace';
import { buildSqlResultOption } from '../../charts/sql-result';
import type { ChartCell, MarkdownCell, ParamCell, SqlCell } from '../../notebook/types';
import { formatPeriod } from '../../i18n/format';
import { t } from '../../i18n/messages';
import { EChart, type EChartHandle } from '../EChart';
import { useLocale } from '../locale';
import { SqlEditor } from '../SqlEditor';
import { VirtualTable } from '../VirtualTable';
import { ExportMenu } from './ExportMenu';
import { useWorkspaceState } from '../hooks';
import { defaultSensitivity, maskCell } from '../../privacy/mask';

/** Markdown as React elements: raw HTML in the text is not rendered (react-markdown's default). */
export function MarkdownBody({ cell, text, controller, editing }: { cell: MarkdownCell; text: string; controller: NotebookController; editing: boolean }) {
  const locale = useLocale();
  // A catalog text (the default title) is said in the page's language until the user edits it.
  const textKey = cell.textKey;
  const catalogText = useSyncExternalStore(controller.subscribe, () => (textKey ? t(locale, textKey, controller.catalogVars(locale)) : ''));
  const shown = textKey ? catalogText : text;
  return editing ? (
    <textarea className="md-editor" aria-label={t(locale, 'markdownText')} value={cell.textKey ? shown : cell.text} onChange={(e) => controller.edit(cell.id, { text: e.target.value, textKey: undefined })} rows={4} />
  ) : (
    <div className="markdown">
      <Markdown skipHtml>{shown}</Markdown>
    </div>
  );
}

export function ParamBody({ cell, controller }: { cell: ParamCell; controller: NotebookController }) {
  const locale = useLocale();
  const label = cell.titleKey || cell.title ? cellTitle(cell, locale) : cell.name;
  const set = (value: string | number) => controller.edit(cell.id, { value });
  if (cell.control === 'select') {
    return (
      <label className="param">
        {label}{' '}
        <select aria-label={label} value={String(cell.value ?? '')} onChange={(e) => set(e.target.value)}>
          {(cell.options ?? []).map((o) => (
            <option key={String(o)} value={String(o)}>
              {typeof o === 'string' ? formatPeriod(o) : String(o)}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const n = Number(cell.value ?? 0);
  return (
    <label className="param">
      {label}{' '}
      {cell.control === 'slider' && (
        <input type="range" aria-label={label} min={cell.min ?? 0} max={cell.max ?? 100} step={cell.step ?? 1} value={n} onChange={(e) => set(Number(e.target.value))} />
      )}
      <input type="number" aria-label={t(locale, 'valueField', { label })} value={n} step={cell.step ?? 'any'} onChange={(e) => set(Number(e.target.value))} />
    </label>
  );
}

export function SqlBody({ cell, result, controller, workspace }: { cell: SqlCell; result: SqlResult | undefined; controller: NotebookController; workspace: Workspace }) {
  const locale = useLocale();
  const { privacy } = useWorkspaceState(workspace);
  const mask = (column: string, value: unknown) => maskCell(value, column, privacy.levels[column] ?? defaultSensitivity(column), privacy.unmasked);
  const [draft, setDraft] = useState(cell.sql);
  const run = () => {
    if (draft !== cell.sql) controller.edit(cell.id, { sql: draft });
    else controller.rerun(cell.id);
  };
  return (
    <div className="sql-body">
      <SqlEditor value={draft} onChange={setDraft} onRun={run} label={t(locale, 'sqlQuery')} />
      <div className="controls">
        <button type="button" onClick={run}>
          {t(locale, 'runSql')}
        </button>
        <span className="hint">{t(locale, 'sqlTablesHint')}</span>
        {result && <ExportMenu name={`sql-${cell.id}`} table={() => controller.sqlExport(cell.id)} workspace={workspace} />}
      </div>
      {result && (
        <>
          {result.truncated && <p className="hint warn">{t(locale, 'sqlTruncated', { n: result.rows.length })}</p>}
          <VirtualTable columns={result.columns} rows={result.rows} label={cell.title ?? t(locale, 'sqlResult')} mask={mask} />
        </>
      )}
    </div>
  );
}

export function ChartBody({ cell, result, chartRef }: { cell: ChartCell; result: SqlResult | undefined; chartRef: React.RefObject<EChartHandle | null> }) {
  const locale = useLocale();
  if (!result) return null;
  const option = buildSqlResultOption({ rows: result.rows, chart: cell.chart, x: cell.x, y: cell.y, title: cell.title ?? '' });
  return <EChart ref={chartRef} option={option} label={cell.title ?? t(locale, 'chartLabel')} />;
}

export function useChartRef() {
  return useRef<EChartHandle | null>(null);
}
