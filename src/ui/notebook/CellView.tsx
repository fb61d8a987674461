import { memo, useMemo, useRef, useState } from 'react';
import { cellTitle } from '../../notebook/types';
import type { NotebookController, SqlResult } from '../../app/notebook-controller';
import type { ViewModel } from '../../views/registry';
import type { Workspace } from '../../app/workspace';
import type { CellState } from '../../notebook/scheduler';
import type { Cell } from '../../notebook/types';
import type { Scheme } from '../../schemes/types';
import { validateScheme } from '../../schemes/validate';
import { t, type MessageKey } from '../../i18n/messages';
import { say } from '../../i18n/said';
import { useLocale } from '../locale';
import { useDelayedFlag } from '../hooks';
import { useOnScreen } from '../on-screen';
import { ChartBody, MarkdownBody, ParamBody, SqlBody, useChartRef } from './CellBodies';
import { SchemeEditor } from './SchemeEditor';
import { ViewBody } from './ViewBody';
import { isViewKind, viewDef } from '../../views/registry';
import { Menu } from '../Menu';
import type { Locale } from '../../i18n/format';

interface Props {
  cell: Cell;
  state: CellState | undefined;
  controller: NotebookController;
  workspace: Workspace;
  /** Slide mode shows a cell alone, without editing controls. */
  presenting?: boolean;
  /** A line under a slide's title (the filters in force). */
  subtitle?: string;
  onPresent?: (id: string) => void;
}

/** How long a run must last before its cell says it is computing. */
const WORKING_SHOWN_AFTER_MS = 300;

const STATUS_TEXT: Partial<Record<CellState['status'], MessageKey>> = { pending: 'statusPending', running: 'statusRunning', deferred: 'statusDeferred', failed: 'statusFailed', blocked: 'statusBlocked' };

/** What a cell is called when it has no title (its id is code, not a name). */
function cellName(cell: Cell, locale: Locale): string {
  if (cell.titleKey || cell.title) return cellTitle(cell, locale);
  switch (cell.kind) {
    case 'markdown':
      return t(locale, 'newNoteTitle');
    case 'param':
      return cell.name;
    case 'scheme':
      return t(locale, 'scheme');
    case 'sql':
      return t(locale, 'sqlResult');
    case 'chart':
      return t(locale, 'chartLabel');
    case 'view':
      return t(locale, viewDef(cell.view).titleKey);
  }
}

/** A cell with its frame: title, state, move/delete, and its body. Errors stay inside it. */
export const CellView = memo(function CellView({ cell, state, controller, workspace, presenting, subtitle, onPresent }: Props) {
  const locale = useLocale();
  const chartRef = useChartRef();
  const [editing, setEditing] = useState(false);
  const [tools, setTools] = useState<HTMLElement | null>(null);
  const schemeCell = controller.schemeCell();
  const scheme = useMemo<Scheme | undefined>(() => {
    try {
      return schemeCell ? validateScheme(schemeCell.scheme) : undefined;
    } catch {
      return undefined;
    }
  }, [schemeCell]);
  const status = state?.status ?? 'idle';
  // A run answered within a moment (a slider move on the fast path) shows no "computing" state:
  // flipping the frame and hint twice per move would restyle the page for nothing.
  const working = useDelayedFlag(status === 'running' || status === 'pending', WORKING_SHOWN_AFTER_MS);
  const busy = working || status === 'deferred';
  const section = useRef<HTMLElement>(null);
  // A chart not drawn yet holds a chart's height, so what is on screen is what will be there:
  // otherwise every empty cell would count as "in sight" while the data loads.
  const placeholder = (cell.kind === 'view' || cell.kind === 'chart') && state?.value === undefined && status !== 'failed' && status !== 'blocked';
  useOnScreen(section, cell.id, controller);
  return (
    <section ref={section} className={`cell cell-${cell.kind}${busy ? ' busy-cell' : ''}${placeholder ? ' cell-placeholder' : ''}`} data-cell={cell.id} data-view={cell.kind === 'view' ? cell.view : undefined} data-width={cell.kind === 'view' && isViewKind(cell.view) ? viewDef(cell.view).width : undefined} data-status={status} aria-label={cellName(cell, locale)}>
      {!presenting && (
        <header className="cell-head">
          <h2>{cellTitle(cell, locale)}</h2>
          {busy && STATUS_TEXT[status] && <span className="hint">{t(locale, STATUS_TEXT[status])}</span>}
          {/* A view's own controls (measure, customers, export) join its title row. */}
          <span className="cell-tools" ref={setTools} />
          {cell.kind === 'markdown' && (
            <button type="button" className="quiet" onClick={() => setEditing(!editing)}>
              {t(locale, editing ? 'doneEditing' : 'editText')}
            </button>
          )}
          {/* One menu instead of a row of raw buttons on every card. */}
          <Menu label={t(locale, 'cellMenu', { name: cellName(cell, locale) })} summary="⋯" className="cell-actions">
            {onPresent && (
              <button type="button" title={t(locale, 'fullScreenTitle')} onClick={() => onPresent(cell.id)}>
                {t(locale, 'fullScreen')}
              </button>
            )}
            <button type="button" onClick={() => controller.move(cell.id, -1)}>
              {t(locale, 'moveUp')}
            </button>
            <button type="button" onClick={() => controller.move(cell.id, 1)}>
              {t(locale, 'moveDown')}
            </button>
            <button type="button" className="danger" onClick={() => controller.remove(cell.id)}>
              {t(locale, 'deleteCell')}
            </button>
          </Menu>
        </header>
      )}
      {presenting && <h2 className="slide-title">{cellTitle(cell, locale)}</h2>}
      {presenting && subtitle && <p className="slide-filters">{t(locale, 'filtersLine', { filters: subtitle })}</p>}
      {(status === 'failed' || status === 'blocked') && (
        <p className="error" role="alert">
          {state?.said ? say(locale, state.said) : state?.error}
        </p>
      )}
      {cell.kind === 'markdown' && <MarkdownBody cell={cell} text={typeof state?.value === 'string' ? state.value : cell.text} controller={controller} editing={editing && !presenting} />}
      {cell.kind === 'param' && <ParamBody cell={cell} controller={controller} />}
      {cell.kind === 'scheme' && <SchemeEditor cell={cell} controller={controller} />}
      {cell.kind === 'sql' && <SqlBody cell={cell} result={state?.value as SqlResult | undefined} controller={controller} workspace={workspace} />}
      {cell.kind === 'chart' && <ChartBody cell={cell} result={state?.value as SqlResult | undefined} chartRef={chartRef} />}
      {cell.kind === 'view' && state?.value !== undefined && scheme && (
        <ViewBody cell={cell} model={state.value as ViewModel} scheme={scheme} controller={controller} workspace={workspace} chartRef={chartRef} stale={status !== 'ready'} presenting={presenting} tools={presenting ? null : tools} />
      )}
    </section>
  );
});
