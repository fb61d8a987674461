import { useEffect, useState } from 'react';
import type { NotebookController } from '../../app/notebook-controller';
import type { Workspace } from '../../app/workspace';
import type { SchedulerSnapshot } from '../../notebook/scheduler';
import type { Cell } from '../../notebook/types';
import { t } from '../../i18n/messages';
import { useLocale } from '../locale';
import { CellView } from './CellView';

/**
 * Presenting: one cell per slide, arrow keys or Page Up/Down to move, Escape to leave; the page
 * goes full screen where the browser allows it.
 */
export function SlideShow({ cells, start, snapshot, controller, workspace, onClose }: { cells: readonly Cell[]; start: number; snapshot: SchedulerSnapshot; controller: NotebookController; workspace: Workspace; onClose: () => void }) {
  const locale = useLocale();
  const [index, setIndex] = useState(start);
  useEffect(() => {
    document.documentElement.requestFullscreen?.().catch(() => undefined);
    const key = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') setIndex((i) => Math.min(i + 1, cells.length - 1));
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') setIndex((i) => Math.max(i - 1, 0));
      else if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', key);
    return () => {
      window.removeEventListener('keydown', key);
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, [cells.length, onClose]);
  const cell = cells[index];
  return (
    <div className="slideshow" role="dialog" aria-modal="true" aria-label={t(locale, 'slideMode')} data-testid="slideshow">
      {cell && <CellView key={cell.id} cell={cell} state={snapshot.cells[cell.id]} controller={controller} workspace={workspace} presenting />}
      <footer>
        <button type="button" onClick={() => setIndex(Math.max(index - 1, 0))} disabled={index === 0}>
          ← {t(locale, 'previousSlide')}
        </button>
        <span data-testid="slide-number">
          {index + 1} / {cells.length}
        </span>
        <button type="button" onClick={() => setIndex(Math.min(index + 1, cells.length - 1))} disabled={index === cells.length - 1}>
          {t(locale, 'nextSlide')} →
        </button>
        <button type="button" onClick={onClose}>
          {t(locale, 'exitSlides')}
        </button>
      </footer>
    </div>
  );
}
