/**
 * Measuring code that runs inside the page, installed once per document as `window.__tlb`.
 * Plain JavaScript in a string: evaluated as is, so no bundler/transpiler helpers leak into the
 * page, and the timing runs with no Node round trip in it.
 *
 * A latency is t1 − t0: t0 = performance.now() right before the input event (slider) or in a
 * capturing `pointermove` listener (drag); t1 = the first animation frame after every chart in
 * `tierlensBench.charts()` has finished painting at least once more (its render count rose).
 * Render counts are watched with a MutationObserver on `data-render-count` (exact: fires right
 * after ECharts' 'finished' handler) and, as a fallback, polled once per animation frame.
 */
export const PAGE_HELPERS = String.raw`(() => {
  const B = () => window.tierlensBench;

  function waitRepaint(ids, before, t0, timeoutMs) {
    return new Promise((resolve) => {
      let done = false;
      let raf = 0;
      const stop = () => {
        done = true;
        clearTimeout(timer);
        observer.disconnect();
        cancelAnimationFrame(raf);
      };
      const check = () => {
        if (done) return true;
        const r = B().renders();
        for (const id of ids) if (!((r[id] || 0) > (before[id] || 0))) return false;
        stop();
        // Every chart has painted: the next frame is the one that shows it.
        requestAnimationFrame(() => resolve({ ms: performance.now() - t0, timedOut: false }));
        return true;
      };
      const poll = () => {
        if (!check()) raf = requestAnimationFrame(poll);
      };
      const observer = new MutationObserver(() => check());
      observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-render-count'] });
      const timer = setTimeout(() => {
        if (done) return;
        stop();
        resolve({ ms: timeoutMs, timedOut: true });
      }, Math.max(0, timeoutMs - (performance.now() - t0)));
      poll();
    });
  }

  function findSlider(name) {
    const all = [...document.querySelectorAll('[data-cell="scheme"] input[type="range"]'), ...document.querySelectorAll('input[type="range"]')];
    const el = all.find((e) => e.getAttribute('aria-label') === name);
    if (!el) throw new Error('no slider named ' + name);
    return el;
  }

  function sliderState() {
    return B().sliders().map((name) => {
      const el = findSlider(name);
      return { name, position: Number(el.value), text: el.getAttribute('aria-valuetext') || '' };
    });
  }

  /** ms of each chart's last ECharts setOption (update + paint), as EChart.tsx records it. */
  function chartCosts(ids) {
    const out = {};
    for (const id of ids) {
      const el = document.querySelector('[data-cell="' + id + '"] .chart');
      const ms = Number(el && el.dataset.setOptionMs);
      if (Number.isFinite(ms)) out[id] = ms;
    }
    return out;
  }

  function chartIds() {
    const ids = B().charts();
    if (!ids || ids.length === 0) throw new Error('tierlensBench.charts() is empty: no threshold-dependent chart to wait for');
    return ids;
  }

  window.__tlb = {
    sliderState,
    /** Every chart of the scenario painted at least once and nothing is running. */
    ready() {
      const r = B().renders();
      return B().idle() && B().charts().length > 0 && B().charts().every((id) => (r[id] || 0) > 0);
    },
    renders() {
      return B().renders();
    },
    /** One slider move, timed in the page. */
    move(name, value, timeoutMs) {
      const el = findSlider(name);
      const ids = chartIds();
      const before = B().renders();
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const t0 = performance.now();
      setter.call(el, String(value));
      el.dispatchEvent(new Event('input', { bubbles: true }));
      return waitRepaint(ids, before, t0, timeoutMs).then((r) => ({ ...r, state: sliderState(), charts: chartCosts(ids) }));
    },
    /** Arms a one-shot pointermove listener: the next pointer move starts the clock. */
    arm(timeoutMs) {
      const ids = chartIds();
      const before = B().renders();
      let fired = false;
      const started = new Promise((resolve) => {
        window.addEventListener('pointermove', () => {
          fired = true;
          resolve(waitRepaint(ids, before, performance.now(), timeoutMs));
        }, { once: true, capture: true });
      });
      const safety = new Promise((resolve) => setTimeout(() => fired || resolve({ ms: timeoutMs, timedOut: true, noEvent: true }), timeoutMs + 2000));
      this.pending = Promise.race([started, safety]);
      return true;
    },
    collect() {
      return this.pending;
    },
    /** Mean interval between animation frames while something repaints every frame (checks the frame-rate flags). */
    frameInterval(n) {
      const c = document.createElement('canvas');
      c.width = c.height = 8;
      c.style.cssText = 'position:fixed;left:0;top:0;width:8px;height:8px;z-index:99999';
      document.body.appendChild(c);
      const g = c.getContext('2d');
      const ts = [];
      return new Promise((resolve) => {
        const f = () => {
          g.fillStyle = ts.length % 2 ? '#fff' : '#fe0';
          g.fillRect(0, 0, 8, 8);
          ts.push(performance.now());
          if (ts.length <= n) requestAnimationFrame(f);
          else {
            c.remove();
            resolve((ts[n] - ts[0]) / n);
          }
        };
        requestAnimationFrame(f);
      });
    },
    gc() {
      if (typeof window.gc === 'function') {
        window.gc();
        window.gc();
        return true;
      }
      return false;
    },
  };
  return true;
})()`;
