import { useEffect, type RefObject } from 'react';
import type { NotebookController } from '../app/notebook-controller';

/**
 * Tells the controller which cells are in or near the viewport, so views off screen wait until
 * they are scrolled to (see NotebookController.cellsOnScreen). One IntersectionObserver per
 * controller, so the cells seen at once are reported in one batch. "Near" is a screen above and
 * below: a view starts computing before it scrolls into sight.
 */
class OnScreenWatcher {
  private readonly tracked = new Map<Element, { id: string; visible: boolean }>();
  private readonly observer: IntersectionObserver;

  constructor(private readonly controller: NotebookController) {
    this.observer = new IntersectionObserver((entries) => this.report(entries), { rootMargin: '100% 0px 100% 0px' });
  }

  private report(entries: readonly IntersectionObserverEntry[]): void {
    const changes: { id: string; delta: number }[] = [];
    for (const entry of entries) {
      const rec = this.tracked.get(entry.target);
      if (!rec || rec.visible === entry.isIntersecting) continue;
      rec.visible = entry.isIntersecting;
      changes.push({ id: rec.id, delta: rec.visible ? 1 : -1 });
    }
    // The first report (even "nothing in sight") switches the controller to on-screen mode.
    if (changes.length > 0 || !this.reported) this.controller.cellsOnScreen(changes);
    this.reported = true;
  }
  private reported = false;

  track(el: Element, id: string): void {
    this.tracked.set(el, { id, visible: false });
    this.observer.observe(el);
  }

  untrack(el: Element): void {
    const rec = this.tracked.get(el);
    this.observer.unobserve(el);
    this.tracked.delete(el);
    if (rec?.visible) this.controller.cellsOnScreen([{ id: rec.id, delta: -1 }]);
  }
}

const watchers = new WeakMap<NotebookController, OnScreenWatcher>();

/** Reports whether the element of cell `id` is in or near the viewport. */
export function useOnScreen(ref: RefObject<HTMLElement | null>, id: string, controller: NotebookController): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    let w = watchers.get(controller);
    if (!w) watchers.set(controller, (w = new OnScreenWatcher(controller)));
    w.track(el, id);
    const watcher = w;
    return () => watcher.untrack(el);
  }, [ref, id, controller]);
}
