import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { NotebookController } from '../../app/notebook-controller';
import type { Workspace } from '../../app/workspace';
import type { Slide } from '../../views/deck';
import type { SchedulerSnapshot } from '../../notebook/scheduler';
import { t } from '../../i18n/messages';
import { useLocale } from '../locale';
import { enterPrintLayout, leavePrintLayout, nextPaint, printAndWait } from '../print-layout';
import { CellView } from './CellView';

interface Props {
  slides: readonly Slide[];
  start: number;
  snapshot: SchedulerSnapshot;
  controller: NotebookController;
  workspace: Workspace;
  onClose: () => void;
}

/** How long the PDF button waits at most for the printed slides' charts to paint. */
const PAINT_WAIT_MS = 5000;

/**
 * Presenting: the deck one slide at a time (a title slide, then a chart per slide), arrow keys or
 * Page Up/Down to move, Escape to leave; the page goes full screen where the browser allows it.
 * "PDF" prints every slide, one landscape page each.
 */
export function SlideShow({ slides, start, snapshot, controller, workspace, onClose }: Props) {
  const locale = useLocale();
  const [index, setIndex] = useState(start);
  const [printing, setPrinting] = useState(false);
  const last = slides.length - 1;
  useEffect(() => {
    document.documentElement.requestFullscreen?.().catch(() => undefined);
    const key = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') setIndex((i) => Math.min(i + 1, last));
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') setIndex((i) => Math.max(i - 1, 0));
      else if (e.key === 'Home') setIndex(0);
      else if (e.key === 'End') setIndex(last);
      else if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [last, onClose]);
  useEffect(
    () => () => {
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    },
    [],
  );
  const pdf = async () => {
    setPrinting(true);
    const undo = await controller.showEverything();
    enterPrintLayout('deck');
    await nextPaint();
    // Every printed slide's chart painted (or a moment passed): a blank page is worse than a wait.
    const until = performance.now() + PAINT_WAIT_MS;
    while (performance.now() < until && document.querySelector('.deck-print .chart:not([data-rendered="true"])')) await nextPaint();
    await printAndWait();
    leavePrintLayout();
    undo();
    setPrinting(false);
  };
  const at = Math.min(index, last);
  const slide = slides[at];
  return (
    <div className="slideshow" role="dialog" aria-modal="true" aria-label={t(locale, 'slideMode')} data-testid="slideshow">
      <div className="slide" data-slide={at + 1}>
        {slide && <SlideBody slide={slide} snapshot={snapshot} controller={controller} workspace={workspace} />}
      </div>
      <footer>
        <button type="button" onClick={() => setIndex(Math.max(at - 1, 0))} disabled={at === 0}>
          ← {t(locale, 'previousSlide')}
        </button>
        <span data-testid="slide-number" className="slide-number">
          {at + 1} / {slides.length}
        </span>
        <button type="button" onClick={() => setIndex(Math.min(at + 1, last))} disabled={at === last}>
          {t(locale, 'nextSlide')} →
        </button>
        <button type="button" title={t(locale, 'slidePdfTitle')} onClick={() => void pdf()} disabled={printing}>
          {t(locale, 'slidePdf')}
        </button>
        <button type="button" onClick={onClose}>
          {t(locale, 'exitSlides')}
        </button>
      </footer>
      {printing &&
        // Outside the app's root, so the print layout can hide the whole app and keep only this.
        createPortal(
          <div className="deck-print" data-testid="deck-print">
            {slides.map((s, i) => (
              <section key={s.kind === 'title' ? 'title' : s.cellId} className="slide-page">
                <SlideBody slide={s} snapshot={snapshot} controller={controller} workspace={workspace} />
                <span className="slide-number">
                  {i + 1} / {slides.length}
                </span>
              </section>
            ))}
          </div>,
          document.body,
        )}
    </div>
  );
}

function SlideBody({ slide, snapshot, controller, workspace }: { slide: Slide; snapshot: SchedulerSnapshot; controller: NotebookController; workspace: Workspace }) {
  if (slide.kind === 'title') return <TitleSlide slide={slide} />;
  const cell = controller.getNotebook().cells.find((c) => c.id === slide.cellId);
  return cell ? <CellView key={cell.id} cell={cell} state={snapshot.cells[cell.id]} controller={controller} workspace={workspace} presenting subtitle={slide.filters} /> : null;
}

function TitleSlide({ slide }: { slide: Extract<Slide, { kind: 'title' }> }) {
  const locale = useLocale();
  return (
    <div className="title-slide" data-testid="title-slide">
      <h1>{slide.heading}</h1>
      {slide.facts.length > 0 && (
        <dl className="deck-facts">
          {slide.facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {slide.thresholds.length > 0 && (
        <>
          <h2>{t(locale, 'deckThresholds')}</h2>
          <dl className="deck-thresholds" data-testid="deck-thresholds">
            {slide.thresholds.map((f, i) => (
              <div key={`${i}-${f.label}`}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}
