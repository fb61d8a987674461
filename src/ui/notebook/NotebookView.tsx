import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { NotebookController } from '../../app/notebook-controller';
import type { Workspace } from '../../app/workspace';
import { newId } from '../../notebook/edit';
import { VIEW_KINDS, type ParamCell, type ViewKind } from '../../notebook/types';
import { Menu } from '../Menu';
import { cssString } from '../css-string';
import { FilterBar } from './FilterBar';
import { filtersText } from '../../views/filter-text';
import { ParamBody } from './CellBodies';
import { isSlideCell, type Slide } from '../../views/deck';
import { t } from '../../i18n/messages';
import { useLocale } from '../locale';
import { CellView } from './CellView';
import { SlideShow } from './SlideShow';
import { viewDef } from '../../views/registry';
import { FileButton } from '../FileButton';
import { enterPrintLayout, leavePrintLayout, nextPaint, printAndWait } from '../print-layout';

interface Props {
  controller: NotebookController;
  workspace: Workspace;
  onSave: () => void;
  onOpen: (file: File) => void;
  onRebuild: () => void;
}

/** The notebook page: a toolbar, then every cell in order; slide mode on demand. */
export function NotebookView({ controller, workspace, onSave, onOpen, onRebuild }: Props) {
  const locale = useLocale();
  const notebook = useSyncExternalStore(controller.subscribe, controller.getNotebook);
  // Read directly: React renders a store's changes in a microtask, so the results a slider move
  // gets from the fast path (all within microtasks) are rendered in the task of the input event,
  // before the next frame, each changed chart set once. Deferring them to a later task (as this
  // once did, to batch) let a frame in between repaint the slider and a dragged quadrant for
  // nothing: one-period moves took 7–15 ms longer at the median, cut-line drags 5–11 ms (A/B in
  // the benchmark's browser, 3 rounds each).
  const snapshot = useSyncExternalStore(controller.scheduler.subscribe, controller.scheduler.getSnapshot);
  // What slide mode shows: the deck from a slide (by its cell, or the title slide), or one cell
  // alone (the full-screen button of a cell that is not a slide).
  const [slides, setSlides] = useState<{ from?: string; only?: string } | undefined>();
  const [adding, setAdding] = useState('');
  const closeSlides = useCallback(() => setSlides(undefined), []);
  // Stable, so unchanged cells (React.memo) do not re-render when another cell changes.
  const present = useCallback(
    (id: string) => {
      const cell = controller.getNotebook().cells.find((c) => c.id === id);
      if (cell) setSlides(isSlideCell(cell) ? { from: id } : { only: id });
    },
    [controller],
  );

  // Views off screen wait until scrolled to; a printout needs them all. Ctrl+P gets what is
  // ready by then; the print button first computes every view. Either way the charts are laid out
  // at the paper's width before the page is printed (print-layout.ts).
  useEffect(() => {
    let undo: Promise<() => void> | undefined;
    const before = () => {
      enterPrintLayout('page');
      undo ??= controller.showEverything();
    };
    const after = () => {
      leavePrintLayout();
      void undo?.then((u) => u());
      undo = undefined;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      after();
    };
  }, [controller]);
  const print = async () => {
    const undo = await controller.showEverything();
    enterPrintLayout('page');
    // React commits the new results, then the charts paint them at the print width.
    await nextPaint();
    await printAndWait();
    leavePrintLayout();
    undo();
  };
  const deck = slides && !slides.only ? controller.deck(locale) : undefined;
  const shown: readonly Slide[] | undefined = slides?.only ? [{ kind: 'cell', cellId: slides.only, title: '' }] : deck;
  const start = Math.max(0, slides?.from ? (deck?.findIndex((s) => s.kind === 'cell' && s.cellId === slides.from) ?? 0) : 0);

  const add = (what: string) => {
    const last = notebook.cells.at(-1)?.id;
    if (what === 'markdown') controller.add({ id: newId(notebook, 'note'), kind: 'markdown', title: t(locale, 'newNoteTitle'), text: t(locale, 'newNoteText') }, last);
    else if (what === 'sql') controller.add({ id: newId(notebook, 'sql'), kind: 'sql', title: 'SQL', sql: 'SELECT period, count(*) AS customers FROM dataset GROUP BY period ORDER BY period' }, last);
    else if (what === 'param') controller.add({ id: newId(notebook, 'param'), kind: 'param', title: t(locale, 'newParamTitle'), name: `p${notebook.cells.length}`, control: 'slider', value: 50, min: 0, max: 100, step: 1 }, last);
    else if ((VIEW_KINDS as readonly string[]).includes(what)) {
      const view = what as ViewKind;
      const def = viewDef(view);
      controller.add({ id: newId(notebook, view), kind: 'view', title: t(locale, def.titleKey), view, options: { ...def.options } }, last);
    }
    setAdding('');
  };

  // The period and compare-with choices sit in the bar, as one control, not as cards.
  const filtersNow = notebook.filters ?? [];
  const filtersLine = filtersNow.length > 0 ? t(locale, 'filtersLine', { filters: filtersText(filtersNow, locale) }) : undefined;
  const docked = notebook.cells.filter((c): c is ParamCell => c.kind === 'param' && c.dock === 'bar');
  return (
    <div className="notebook">
      <div className="toolbar" role="toolbar" aria-label={t(locale, 'notebook')}>
        {docked.length > 0 && (
          <div className="period-bar" role="group" aria-label={t(locale, 'periodBar')}>
            {docked.map((c) => (
              <ParamBody key={c.id} cell={c} controller={controller} />
            ))}
          </div>
        )}
        <FilterBar controller={controller} workspace={workspace} />
        <span className="toolbar-actions">
          <button type="button" className="primary" onClick={() => setSlides({})}>
            {t(locale, 'slideMode')}
          </button>
          <button type="button" onClick={() => void print()}>
            {t(locale, 'print')}
          </button>
          <Menu label={t(locale, 'notebookMenuLabel')} summary={`${t(locale, 'notebookMenu')} ▾`} className="notebook-menu">
            <label>
              {t(locale, 'addCell')}{' '}
              <select value={adding} onChange={(e) => add(e.target.value)} aria-label={t(locale, 'addCell')}>
                <option value="">—</option>
                <option value="markdown">{t(locale, 'cellMarkdown')}</option>
                <option value="sql">SQL</option>
                <option value="param">{t(locale, 'cellParam')}</option>
                {VIEW_KINDS.map((v) => (
                  <option key={v} value={v}>
                    {t(locale, viewDef(v).titleKey)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={onSave}>
              {t(locale, 'saveNotebook')}
            </button>
            <FileButton accept=".json,.tierlens.json" testId="notebook-input" onFile={onOpen}>
              {t(locale, 'openNotebook')}
            </FileButton>
            <button type="button" onClick={onRebuild}>
              {t(locale, 'rebuildNotebook')}
            </button>
          </Menu>
        </span>
      </div>
      {filtersLine !== undefined && (
        <>
          <p className="print-filters">{filtersLine}</p>
          {/* Every printed page names the filters, in its top margin. */}
          <style data-testid="print-filters-rule">{`@page { @top-left { content: ${cssString(filtersLine)}; } }`}</style>
        </>
      )}
      {notebook.cells.filter((c) => !(c.kind === 'param' && c.dock === 'bar')).map((cell) => (
        <CellView key={cell.id} cell={cell} state={snapshot.cells[cell.id]} controller={controller} workspace={workspace} onPresent={present} />
      ))}
      {shown && <SlideShow slides={shown} start={start} snapshot={snapshot} controller={controller} workspace={workspace} onClose={closeSlides} />}
    </div>
  );
}
