import type { Page } from 'playwright-core';
import { rendererMemory, type RendererMemory } from './procmem';

/** The in-page contract (src/app/bench-hooks.ts) as the benchmark sees it. */
interface Hooks {
  idle(): boolean;
  loaded(): number;
  clear(): Promise<void>;
  useNotebook(kind: Scenario): void;
  charts(): string[];
  renders(): Record<string, number>;
  sliders(): string[];
  requery(values: number[]): Promise<number>;
  quadrantHandle(): { x: number; y: number } | null;
  firstView(): number | null;
}
interface SliderState {
  name: string;
  position: number;
  text: string;
}
interface Timed {
  ms: number;
  timedOut: boolean;
  noEvent?: boolean;
}
interface Helpers {
  sliderState(): SliderState[];
  ready(): boolean;
  renders(): Record<string, number>;
  move(name: string, value: number, timeoutMs: number): Promise<Timed & { state: SliderState[]; charts: Record<string, number> }>;
  arm(timeoutMs: number): boolean;
  collect(): Promise<Timed>;
  gc(): boolean;
  frameInterval(n: number): Promise<number>;
}
interface Win {
  tierlensBench: Hooks;
  __tlb: Helpers;
  tierlens?: { getState(): { failures: readonly { file: string; message: string }[] } };
}

export type Scenario = 'one-period' | 'two-period' | 'quadrant' | 'dashboard' | 'dashboard-filtered';

export async function waitIdle(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Win).tierlensBench.idle(), undefined, { polling: 20, timeout: timeoutMs });
}

/**
 * Idle, every scenario chart painted, and no render count moving for `quietMs`: the page has
 * finished reacting (a re-used cell's chart may repaint late after a notebook switch).
 */
export async function settle(page: Page, quietMs = 500, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  for (;;) {
    const { idle, renders } = await page.evaluate(() => ({ idle: (window as unknown as Win).tierlensBench.idle(), renders: JSON.stringify((window as unknown as Win).tierlensBench.renders()) }));
    if (!idle || renders !== last) {
      last = renders;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    if (Date.now() > deadline) throw new Error('the page did not settle');
    await page.waitForTimeout(50);
  }
}

export interface LoadTiming {
  /** setInputFiles → files loaded and the page idle (every notebook cell ready): the contract's load time. */
  readonly ms: number;
  /** setInputFiles → `loaded()` increased (data in DuckDB, before the notebook has recomputed). */
  readonly ingestMs: number;
}

/** Loads one file through the real file input, by path; timed from just before setInputFiles. */
export async function measureLoad(page: Page, file: string, timeoutMs = 300_000): Promise<LoadTiming> {
  const before = await page.evaluate(() => ({ n: (window as unknown as Win).tierlensBench.loaded(), f: (window as unknown as Win).tierlens?.getState().failures.length ?? 0 }));
  const t0 = performance.now();
  await page.setInputFiles('[data-testid="file-input"]', file);
  const outcome = async (needIdle: boolean): Promise<void> => {
    const h = await page.waitForFunction(
      ([b, idle]) => {
        const w = window as unknown as Win;
        if ((w.tierlens?.getState().failures.length ?? 0) > b.f) return 'failed';
        return w.tierlensBench.loaded() > b.n && (!idle || w.tierlensBench.idle()) ? 'ok' : false;
      },
      [before, needIdle] as const,
      { polling: 10, timeout: timeoutMs },
    );
    if ((await h.jsonValue()) === 'failed') {
      const failures = await page.evaluate(() => (window as unknown as Win).tierlens?.getState().failures ?? []);
      throw new Error(`loading ${file} failed in the page: ${JSON.stringify(failures.slice(-1))}`);
    }
  };
  await outcome(false);
  const ingestMs = performance.now() - t0;
  await outcome(true);
  return { ms: performance.now() - t0, ingestMs };
}

/** Renderer RSS after a settle and a forced GC (when `--expose-gc` is on). */
export async function measureMemory(page: Page, profile: string): Promise<RendererMemory> {
  await waitIdle(page);
  await page.waitForTimeout(1000);
  await page.evaluate(() => (window as unknown as Win).__tlb.gc());
  await page.waitForTimeout(500);
  return rendererMemory(profile);
}

/** Switches the notebook to a scenario and waits until its charts have painted and stay put. */
export async function useScenario(page: Page, kind: Scenario): Promise<string[]> {
  await page.evaluate((k) => (window as unknown as Win).tierlensBench.useNotebook(k), kind);
  await page.waitForFunction(() => (window as unknown as Win).__tlb.ready(), undefined, { polling: 20, timeout: 120_000 });
  await settle(page);
  return page.evaluate(() => (window as unknown as Win).tierlensBench.charts());
}

export interface MoveRun {
  /** Measured moves (warm-up excluded), ms. */
  readonly latencies: number[];
  readonly warmup: number[];
  readonly timeouts: number;
  /** Threshold values after each measured move, in `sliders()` order (parsed from aria-valuetext). */
  readonly values: number[][];
  /** Per chart, the ms of its ECharts update (setOption: update and paint) on each measured move. */
  readonly chartMs: Record<string, number[]>;
  readonly sliders: string[];
}

/** "50万" → 500000, "1.2亿", "9,999", "60", "12.5%", "1.5M": the slider's aria-valuetext as a number. */
export function parseShown(text: string): number {
  const m = /^(-?[\d,]*\.?\d+)\s*(万|亿|K|M|B|%)?$/.exec(text.trim());
  if (!m) return NaN;
  const unit: Record<string, number> = { '': 1, 万: 1e4, 亿: 1e8, K: 1e3, M: 1e6, B: 1e9, '%': 0.01 };
  return Number(m[1]!.replaceAll(',', '')) * unit[m[2] ?? '']!;
}

/**
 * `moves` slider moves (after `warmup` unrecorded ones), each timed in the page. Moves cycle over
 * the scenario's sliders; each slider goes alternately below and above where it started by 12–40
 * of its 1000 steps, so thresholds stay in range and every move moves at least one point of a
 * 0–100 score: a move that changes no customer's tier changes no result, and repaints nothing.
 */
export async function sliderRun(page: Page, moves: number, warmup: number, timeoutMs: number): Promise<MoveRun> {
  const start = await page.evaluate(() => (window as unknown as Win).__tlb.sliderState());
  if (start.length === 0) throw new Error('tierlensBench.sliders() is empty');
  let state = start;
  const latencies: number[] = [];
  const warm: number[] = [];
  const values: number[][] = [];
  const chartMs: Record<string, number[]> = {};
  let timeouts = 0;
  for (let k = 0; k < warmup + moves; k++) {
    const i = k % start.length;
    const visit = Math.floor(k / start.length);
    const d = 12 + ((k * 7) % 29);
    let target = Math.min(1000, Math.max(0, start[i]!.position + (visit % 2 === 0 ? -d : d)));
    if (target === state[i]!.position) target += target < 1000 ? 1 : -1;
    const r = await page.evaluate(([name, v, t]) => (window as unknown as Win).__tlb.move(name, v, t), [start[i]!.name, target, timeoutMs] as const);
    if (r.timedOut) {
      timeouts++;
      await waitIdle(page);
      state = await page.evaluate(() => (window as unknown as Win).__tlb.sliderState());
    } else state = r.state;
    if (k < warmup) warm.push(r.ms);
    else {
      latencies.push(r.ms);
      values.push(state.map((s) => parseShown(s.text)));
      if (!r.timedOut) for (const [id, ms] of Object.entries(r.charts)) (chartMs[id] ??= []).push(ms);
    }
  }
  return { latencies, warmup: warm, timeouts, values, sliders: start.map((s) => s.name), chartMs };
}

/** The same threshold sets answered by the plain SQL re-query (`tierlensBench.requery`), in-page ms. */
export async function requeryRun(page: Page, valueSets: readonly number[][], warmup = 2): Promise<{ latencies: number[]; skipped: number }> {
  await waitIdle(page);
  const usable = valueSets.filter((v) => v.length > 0 && v.every(Number.isFinite));
  const latencies: number[] = [];
  for (let k = 0; k < warmup + usable.length; k++) {
    const v = usable[k < warmup ? k % Math.max(1, usable.length) : k - warmup];
    if (!v) break;
    const ms = await page.evaluate((vals) => (window as unknown as Win).tierlensBench.requery(vals), v);
    if (k >= warmup) latencies.push(ms);
  }
  return { latencies, skipped: valueSets.length - usable.length };
}

async function handle(page: Page): Promise<{ x: number; y: number }> {
  const h = await page.waitForFunction(() => (window as unknown as Win).tierlensBench.quadrantHandle(), undefined, { polling: 50, timeout: 30_000 });
  return (await h.jsonValue()) as { x: number; y: number };
}

/**
 * Pixels per unit of the quadrant's x axis, read from the chart's own scale (ECharts'
 * convertToPixel through the page's test hook). Reading it from slider moves went wrong when a
 * move changed the axis shown: steps under one unit changed nothing and timed out.
 */
async function calibrate(page: Page): Promise<number> {
  await settle(page, 300);
  const pxPerUnit = await page.locator('[data-cell="quadrant"] .chart').evaluate((el) => {
    const host = el as unknown as { tierlensToPixel: (finder: object, value: number[]) => number[] };
    const a = host.tierlensToPixel({ gridIndex: 0 }, [0, 0]);
    const b = host.tierlensToPixel({ gridIndex: 0 }, [10, 0]);
    return Math.abs(b[0]! - a[0]!) / 10;
  });
  if (!Number.isFinite(pxPerUnit) || pxPerUnit <= 0) throw new Error(`could not read the quadrant's x scale (${pxPerUnit})`);
  return pxPerUnit;
}

/**
 * Drags the quadrant's vertical cut line with the mouse: down on its handle, `stepsPerDrag`
 * moves one way, up; the next drag goes back. Each pointer move is timed in the page from the
 * pointermove event to the frame after every scenario chart repainted. A step moves the cut by
 * `unitsPerStep` of the x axis (credit scores are whole numbers: a smaller step may change no
 * customer's quadrant, and then nothing but the line repaints).
 */
export async function dragRun(
  page: Page,
  moves: number,
  warmup: number,
  timeoutMs: number,
  unitsPerStep = 1.2,
  stepsPerDrag = 10,
): Promise<Omit<MoveRun, 'values' | 'sliders' | 'chartMs'> & { drags: number; noEvent: number; stepPx: number }> {
  // In the middle of the window: at its top, the sticky notebook bar lies over the chart's top
  // edge, where the grab point may be, and the press lands on the bar instead of the handle.
  const chart = page.locator('[data-cell="quadrant"] .chart');
  await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const pxPerUnit = await calibrate(page);
  const stepPx = Math.min(80, Math.max(2, Math.ceil(unitsPerStep * pxPerUnit)));
  const latencies: number[] = [];
  const warm: number[] = [];
  let timeouts = 0;
  let noEvent = 0;
  let drags = 0;
  let k = 0;
  while (k < warmup + moves) {
    await settle(page, 300);
    const h = await handle(page);
    const onChart = await page.evaluate(([x, y]) => !!document.elementFromPoint(x!, y!)?.closest('[data-cell="quadrant"] .chart'), [h.x, h.y]);
    if (!onChart) throw new Error(`the quadrant's grab point (${h.x.toFixed(0)}, ${h.y.toFixed(0)}) is covered by another element`);
    await page.mouse.move(h.x, h.y);
    await page.mouse.down();
    const dir = drags % 2 === 0 ? -1 : 1;
    for (let s = 1; s <= stepsPerDrag && k < warmup + moves; s++, k++) {
      await page.evaluate((t) => (window as unknown as Win).__tlb.arm(t), timeoutMs);
      await page.mouse.move(h.x + dir * s * stepPx, h.y);
      const r = await page.evaluate(() => (window as unknown as Win).__tlb.collect());
      if (r.timedOut) {
        timeouts++;
        if (r.noEvent) noEvent++;
        await waitIdle(page);
      }
      (k < warmup ? warm : latencies).push(r.ms);
    }
    await page.mouse.up();
    drags++;
  }
  await settle(page, 300);
  return { latencies, warmup: warm, timeouts, noEvent, drags, stepPx };
}

/** ms from navigation start to the first paint of the default notebook's tiers chart, as the page measured it. */
export async function firstView(page: Page): Promise<number> {
  const h = await page.waitForFunction(() => (window as unknown as Win).tierlensBench?.firstView?.() ?? null, undefined, { polling: 50, timeout: 120_000 });
  return Number(await h.jsonValue());
}

/** Where a first view's time went: ms from navigation start to each of the page's `tierlens:…` marks. */
export interface FirstViewParts {
  /** The database engine is open (it starts once the precomputed first view is drawn). */
  readonly engineReady: number;
  /** The bundled sample is in DuckDB: the live numbers follow, and thresholds can be tuned. */
  readonly dataReady: number;
}

export async function firstViewParts(page: Page): Promise<FirstViewParts> {
  // The first view is drawn before the engine starts (precomputed views): wait for the rest.
  await page.waitForFunction(() => performance.getEntriesByName('tierlens:data-ready', 'mark').length > 0, undefined, { polling: 50, timeout: 120_000 });
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  return page.evaluate(`(() => {
    const at = (name) => { const m = performance.getEntriesByName(name, 'mark')[0]; return m ? m.startTime : NaN; };
    return { engineReady: at('tierlens:engine-ready'), dataReady: at('tierlens:data-ready') };
  })()`);
}

/** Mean ms between animation frames while the page repaints every frame. */
export async function frameInterval(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as Win).__tlb.frameInterval(60));
}
