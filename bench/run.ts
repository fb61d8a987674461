/**
 * `npm run bench`: end-to-end performance of TierLens at 1M customers, in one run.
 *
 *   npm run bench                      full run: 1M customers × 12 months (data reused from .bench-data/),
 *                                      writes bench/results/latest.json, a dated copy and BENCHMARKS.md
 *   npx tsx bench/run.ts --smoke --out /tmp/x.json
 *                                      20,000 × 2 months in a temp folder, 5 moves per scenario
 *
 * Options: --customers N --months M --data DIR --out FILE --moves N --warmup N --load-runs N
 *          --first-view-runs N --query-runs N --move-timeout MS --no-build | --build --no-md
 *
 * Measures (see BENCHMARKS.md for the method): loads of the 1M-customer Parquet, UTF-8 CSV, GBK CSV
 * and the 12-month panel with renderer memory after each; slider → paint latency in three
 * scenarios; the same threshold changes by plain SQL; native DuckDB (1 thread) loads and query;
 * first view of the default notebook.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HARNESS_ARGS, JS_FLAGS, UNTHROTTLED_FRAMES, launch, startPreview, waitForHooks } from './lib/browser';
import { chartUpdateFloor } from './lib/chart-floor';
import { traceMoves } from './lib/move-trace';
import { ensureData, lastTwoMonths, type BenchFiles } from './lib/data';
import { gbkDecodeFloor } from './lib/decode-floor';
import { freshMemoryCost, type FreshMemoryCost } from './lib/memory-floor';
import { parquetIpcMb, parquetWasmFloor, type ParquetWasmFloor } from './lib/wasm-floor';
import { cpuMonitor, peakSampler } from './lib/procmem';
import { DASHBOARD_COLUMNS, openNative, type NativeResult, type NativeSession } from './lib/native';
import { calibrate, loadSampler, type Calibration } from './lib/calibration';
import { markdown, summaryText, targets, type BenchResult, type MoveSummary, type TracedRepeat } from './lib/report';
import { dragRun, firstView, firstViewParts, frameInterval, measureLoad, measureMemory, requeryRun, sliderRun, useScenario, waitIdle, type FirstViewParts, type LoadTiming, type MoveRun } from './lib/scenarios';
import { median, percentile, ratio, round, summarize, type Summary } from './lib/stats';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where a full run builds the app (git-ignored, like all of bench/.data/). */
const BUILD_DIR = 'bench/.data/dist';

interface Options {
  smoke: boolean;
  customers: number;
  months: number;
  dataDir: string;
  ownDataDir: boolean;
  out: string | undefined;
  moves: number;
  warmup: number;
  loadRuns: number;
  firstViewRuns: number;
  queryRuns: number;
  moveTimeoutMs: number;
  build: boolean;
  md: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const has = (flag: string) => argv.includes(flag);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (flag: string, fallback: number) => {
    const raw = value(flag);
    if (raw === undefined) return fallback;
    const n = Number(raw.replaceAll('_', ''));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got ${raw}`);
    return n;
  };
  const smoke = has('--smoke');
  const known = new Set(['--smoke', '--customers', '--months', '--data', '--out', '--moves', '--warmup', '--load-runs', '--first-view-runs', '--query-runs', '--move-timeout', '--no-build', '--build', '--no-md']);
  for (const a of argv) if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown option ${a}`);
  const dataArg = value('--data');
  const ownDataDir = smoke && !dataArg;
  return {
    smoke,
    customers: int('--customers', smoke ? 20_000 : 1_000_000),
    months: int('--months', smoke ? 2 : 12),
    dataDir: path.resolve(dataArg ?? (smoke ? mkdtempSync(path.join(os.tmpdir(), 'tierlens-bench-data-')) : path.join(REPO, '.bench-data'))),
    ownDataDir,
    out: value('--out') ? path.resolve(value('--out')!) : smoke ? path.join(os.tmpdir(), 'tierlens-bench-smoke.json') : undefined,
    moves: int('--moves', smoke ? 5 : 50),
    warmup: int('--warmup', 3),
    loadRuns: int('--load-runs', smoke ? 1 : 3),
    firstViewRuns: int('--first-view-runs', smoke ? 3 : 7),
    queryRuns: int('--query-runs', smoke ? 20 : 30),
    moveTimeoutMs: int('--move-timeout', 5000),
    // The smoke test runs after `npx vite build`; a full run always builds what it measures.
    build: has('--build') || (!has('--no-build') && !smoke),
    md: !smoke && !has('--no-md') && !value('--out'),
  };
}

const started = Date.now();
const loadAtStart = os.loadavg()[0]!;
const cpu = cpuMonitor();
const machineLoad = loadSampler();

/** Native loads timed right after the browser's loads of the same file. */
interface NativeLoads {
  parquet: number[];
  parquetColumns: number[];
  csv: number[];
  panel12: number[];
}
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

function chromiumVersion(): string {
  const bin = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return (r.stdout || '').trim() || bin;
}

function machine(chromium: string): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${chromium}`;
}

const moveSummary = (r: { latencies: number[]; timeouts: number }): MoveSummary => ({ ...summarize(r.latencies), timeouts: r.timeouts });

type LoadKind = 'gbk_csv' | 'csv' | 'parquet' | 'panel12';

interface BrowserResults {
  loads: Record<LoadKind, LoadTiming[]>;
  memory: Record<LoadKind, { totalMb: number; maxMb: number; renderers: number }[]>;
  /** Peak renderer RSS sampled during each load, MiB. */
  peaks: Record<LoadKind, number[]>;
  loadErrors: Partial<Record<LoadKind, string>>;
  /** Which data the two-period scenario ran on. */
  twoPeriodData: string;
  blankMb: number;
  /** Per first-view load: ms from navigation start to the engine open and the sample in DuckDB. */
  firstViewSplits: FirstViewParts[];
  /** The app's GBK → UTF-8 pass, and TextDecoder('gb18030'), alone on the GBK file, in the page. */
  gbkDecode: Awaited<ReturnType<typeof gbkDecodeFloor>>;
  firstView: number[];
  onePeriod: MoveRun;
  /** The default dashboard at the top of the page: the charts in view, others waiting until seen. */
  dashboard: MoveRun & { charts: string[] };
  /** The same under a filter to the largest branch. */
  dashboardFiltered: MoveRun & { charts: string[] };
  twoPeriod: MoveRun;
  quadrantSlider: MoveRun;
  quadrantDrag: Awaited<ReturnType<typeof dragRun>>;
  requeryOne: number[];
  requeryQuadrant: number[];
  /** One bare ECharts chart's update on this machine (bench/lib/chart-floor.ts). */
  chartFloor: Summary;
  traced: Record<string, TracedRepeat>;
  freshMemory: FreshMemoryCost;
  outside: string[];
  consoleErrors: string[];
  frameMs: { a: number; b: number };
}

async function browserBench(o: Options, files: BenchFiles, origin: string, native: NativeSession, nativeLoads: NativeLoads): Promise<BrowserResults> {
  const fileOf: Record<LoadKind, string> = { gbk_csv: files.gbkCsv, csv: files.csv, parquet: files.parquet, panel12: files.panel12 };
  const loads: BrowserResults['loads'] = { gbk_csv: [], csv: [], parquet: [], panel12: [] };
  const memory: BrowserResults['memory'] = { gbk_csv: [], csv: [], parquet: [], panel12: [] };
  const peaks: BrowserResults['peaks'] = { gbk_csv: [], csv: [], parquet: [], panel12: [] };
  const loadErrors: BrowserResults['loadErrors'] = {};
  const outside: string[] = [];
  const consoleErrors: string[] = [];

  // Phase A — loads, memory, first view: the harness's flags plus a 4 GB heap and window.gc.
  const a = await launch(origin, [JS_FLAGS]);
  let blankMb = NaN;
  let frameA = NaN;
  const firstViews: number[] = [];
  let gbkDecode = { app: { ms: NaN, mbPerS: NaN }, textDecoder: { ms: NaN, mbPerS: NaN } };
  const firstViewSplits: FirstViewParts[] = [];
  try {
    const blank = await a.freshPage('/?nosample');
    frameA = await frameInterval(blank);
    blankMb = (await measureMemory(blank, a.profile)).totalMb;
    log(`blank page (no data): renderer ${blankMb.toFixed(0)} MB`);
    // Runs interleaved so drift spreads over every file; each load in a fresh tab (new renderer).
    for (let run = 1; run <= o.loadRuns; run++) {
      for (const kind of ['gbk_csv', 'csv', 'parquet', 'panel12'] as const) {
        if (loadErrors[kind]) continue; // failed once: the same file fails again, and costs minutes
        const page = await a.freshPage('/?nosample');
        const sampler = peakSampler(a.profile);
        try {
          const t = await measureLoad(page, fileOf[kind]);
          const m = await measureMemory(page, a.profile);
          loads[kind].push(t);
          memory[kind].push(m);
          peaks[kind].push(sampler.stop());
          log(`load ${kind.padEnd(8)} run ${run}/${o.loadRuns}: ${t.ms.toFixed(0)} ms (ingest ${t.ingestMs.toFixed(0)} ms), renderer ${m.totalMb.toFixed(0)} MB in ${m.renderers} process(es), peak ${peaks[kind].at(-1)!.toFixed(0)} MB`);
          // Native DuckDB loads the same file right after, so the ratio is of figures side by side.
          if (kind !== 'gbk_csv') {
            const ms = await native.load(kind === 'csv' ? 'csv' : 'parquet', fileOf[kind]);
            nativeLoads[kind].push(ms);
            let columns = '';
            if (kind === 'parquet') {
              const cols = await native.load('parquet', fileOf[kind], DASHBOARD_COLUMNS);
              nativeLoads.parquetColumns.push(cols);
              columns = `; the dashboard's ${DASHBOARD_COLUMNS.length} columns ${cols.toFixed(0)} ms`;
            }
            log(`  native ${kind} (1 thread) right after: ${ms.toFixed(0)} ms${columns}`);
          }
        } catch (e) {
          const peak = sampler.stop();
          loadErrors[kind] = `${e instanceof Error ? e.message.split('\n')[0] : String(e)} (renderer peak ${peak.toFixed(0)} MB)`;
          peaks[kind].push(peak);
          log(`load ${kind.padEnd(8)} run ${run}/${o.loadRuns}: FAILED — ${loadErrors[kind]}`);
        }
      }
    }
    gbkDecode = await gbkDecodeFloor(a.context, files.gbkCsv);
    log(`GBK → UTF-8 alone: ${gbkDecode.app.ms.toFixed(0)} ms (${gbkDecode.app.mbPerS.toFixed(0)} MB/s); TextDecoder('gb18030') ${gbkDecode.textDecoder.ms.toFixed(0)} ms`);
    // First view: a fresh tab on the default page (bundled sample), then reloads.
    const page = await a.freshPage('/');
    firstViews.push(await firstView(page));
    firstViewSplits.push(await firstViewParts(page));
    for (let i = 1; i < o.firstViewRuns; i++) {
      await waitIdle(page);
      await page.reload();
      await waitForHooks(page);
      firstViews.push(await firstView(page));
      firstViewSplits.push(await firstViewParts(page));
    }
    log(`first view: ${firstViews.map((x) => x.toFixed(0)).join(', ')} ms`);
    outside.push(...a.outside);
    consoleErrors.push(...a.consoleErrors);
  } finally {
    await a.close();
  }

  // Phase B — latency, with frames not held to 60 Hz.
  const b = await launch(origin, [JS_FLAGS, ...UNTHROTTLED_FRAMES]);
  try {
    let page = await b.freshPage('/?nosample');
    const frameB = await frameInterval(page);
    log(`frame interval while repainting: ${frameA.toFixed(1)} ms (loads), ${frameB.toFixed(1)} ms (latency runs)`);
    await measureLoad(page, files.parquet);
    await useScenario(page, 'one-period');
    const onePeriod = await sliderRun(page, o.moves, o.warmup, o.moveTimeoutMs);
    log(`slider one-period: p50 ${median(onePeriod.latencies).toFixed(1)} p95 ${percentile(onePeriod.latencies, 0.95).toFixed(1)} ms (${onePeriod.timeouts} timeouts; warm-up ${onePeriod.warmup.map((x) => x.toFixed(0)).join(', ')})`);
    const requeryOne = await requeryRun(page, onePeriod.values);
    log(`SQL re-query one-period: p50 ${median(requeryOne.latencies).toFixed(1)} ms (${requeryOne.latencies.length} runs, ${requeryOne.skipped} skipped)`);
    // The same data, the default dashboard as a user opens it: what a move repaints is the charts in view.
    const dashboardCharts = await useScenario(page, 'dashboard');
    const dashboard = { ...(await sliderRun(page, o.moves, o.warmup, o.moveTimeoutMs)), charts: dashboardCharts };
    log(`slider dashboard (charts in view: ${dashboardCharts.join(', ')}): p50 ${median(dashboard.latencies).toFixed(1)} p95 ${percentile(dashboard.latencies, 0.95).toFixed(1)} ms (${dashboard.timeouts} timeouts)`);
    // The same dashboard under a filter (the largest branch): as fast as without one, or not.
    const filteredCharts = await useScenario(page, 'dashboard-filtered');
    const dashboardFiltered = { ...(await sliderRun(page, o.moves, o.warmup, o.moveTimeoutMs)), charts: filteredCharts };
    log(`slider dashboard under a branch filter: p50 ${median(dashboardFiltered.latencies).toFixed(1)} p95 ${percentile(dashboardFiltered.latencies, 0.95).toFixed(1)} ms (${dashboardFiltered.timeouts} timeouts)`);

    await useScenario(page, 'quadrant');
    const quadrantSlider = await sliderRun(page, o.moves, o.warmup, o.moveTimeoutMs);
    log(`slider quadrant: p50 ${median(quadrantSlider.latencies).toFixed(1)} p95 ${percentile(quadrantSlider.latencies, 0.95).toFixed(1)} ms (${quadrantSlider.timeouts} timeouts)`);
    const requeryQuadrant = await requeryRun(page, quadrantSlider.values);
    log(`SQL re-query quadrant: p50 ${median(requeryQuadrant.latencies).toFixed(1)} ms`);
    // From the scheme's own cuts: the slider run can leave the x cut at the edge of the data,
    // where a drag step moves no customer and the tier chart has nothing to repaint.
    await useScenario(page, 'quadrant');
    const quadrantDrag = await dragRun(page, o.moves, o.warmup, o.moveTimeoutMs);
    log(`drag quadrant (${quadrantDrag.stepPx} px steps): p50 ${median(quadrantDrag.latencies).toFixed(1)} p95 ${percentile(quadrantDrag.latencies, 0.95).toFixed(1)} ms (${quadrantDrag.drags} drags, ${quadrantDrag.timeouts} timeouts, ${quadrantDrag.noEvent} without a pointer event)`);

    // Two periods: on the panel when the page can load it, else on an extract of its last two months.
    page = await b.freshPage('/?nosample');
    let twoPeriodData = 'panel12';
    if (loadErrors.panel12) twoPeriodData = 'last2';
    else {
      try {
        await measureLoad(page, files.panel12);
      } catch (e) {
        log(`panel12 failed to load in the latency browser (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
        twoPeriodData = 'last2';
      }
    }
    const twoPeriodFile = twoPeriodData === 'panel12' ? files.panel12 : await lastTwoMonths(files);
    if (twoPeriodData === 'last2') {
      log(`two-period scenario on ${path.basename(twoPeriodFile)} (the last two months of the panel)`);
      page = await b.freshPage('/?nosample');
      await measureLoad(page, twoPeriodFile);
    }
    await useScenario(page, 'two-period');
    const twoPeriod = await sliderRun(page, o.moves, o.warmup, o.moveTimeoutMs);
    log(`slider two-period: p50 ${median(twoPeriod.latencies).toFixed(1)} p95 ${percentile(twoPeriod.latencies, 0.95).toFixed(1)} ms (${twoPeriod.timeouts} timeouts)`);
    // Traced repeats, each in a fresh tab like the runs above: what V8 and its GC did meanwhile.
    const traced: Record<string, TracedRepeat> = {};
    for (const [scenario, file] of [['one_period', files.parquet], ['two_period', twoPeriodFile]] as const) {
      page = await b.freshPage('/?nosample');
      await measureLoad(page, file);
      await useScenario(page, scenario === 'one_period' ? 'one-period' : 'two-period');
      const { result, trace } = await traceMoves(page, () => sliderRun(page, o.moves, o.warmup, o.moveTimeoutMs));
      traced[scenario] = { ...trace, p50: median(result.latencies), p95: percentile(result.latencies, 0.95) };
      log(`traced ${scenario}: p50 ${traced[scenario]!.p50.toFixed(1)} ms; compile jobs ${(trace.maglevMs + trace.turbofanMs).toFixed(0)} ms in ${trace.spanMs.toFixed(0)} ms; ${trace.scavenges} scavenges, ${trace.scavengeMs.toFixed(0)} ms`);
    }
    const chartFloor = await chartUpdateFloor(b.context);
    log(`ECharts floor: one bare chart's update p50 ${chartFloor.p50.toFixed(1)} ms, p95 ${chartFloor.p95.toFixed(1)} ms`);
    const freshMemory = await freshMemoryCost(b.context);
    log(`new memory: ${freshMemory.firstTouchMsPerMb.toFixed(2)} ms/MB on first touch, ${freshMemory.retouchMsPerMb.toFixed(3)} ms/MB after`);
    outside.push(...b.outside);
    consoleErrors.push(...b.consoleErrors);
    return { loads, memory, blankMb, firstViewSplits, gbkDecode, firstView: firstViews, onePeriod, dashboard, dashboardFiltered, twoPeriod, quadrantSlider, quadrantDrag, requeryOne: requeryOne.latencies, requeryQuadrant: requeryQuadrant.latencies, chartFloor, freshMemory, outside, consoleErrors, frameMs: { a: frameA, b: frameB }, peaks, loadErrors, twoPeriodData, traced };
  } finally {
    await b.close();
  }
}

const roundTraced = (t: TracedRepeat): TracedRepeat => ({
  spanMs: round(t.spanMs),
  maglevMs: round(t.maglevMs),
  turbofanMs: round(t.turbofanMs),
  scavenges: t.scavenges,
  scavengeMs: round(t.scavengeMs),
  scavengeMaxMs: round(t.scavengeMaxMs),
  p50: round(t.p50),
  p95: round(t.p95),
});

/** Median ms of each chart's ECharts update over a scenario's moves. */
const chartMedians = (byChart: Record<string, number[]>): Record<string, number> => Object.fromEntries(Object.entries(byChart).map(([id, xs]) => [id, round(median(xs))]));
/** Each move's ECharts updates added up (every chart repainted on every measured move): p50 and p95. */
const chartSums = (byChart: Record<string, number[]>): { p50: number; p95: number } => {
  const lists = Object.values(byChart);
  const moves = Math.min(...lists.map((xs) => xs.length));
  const sums = Array.from({ length: lists.length ? moves : 0 }, (_, i) => lists.reduce((s, xs) => s + xs[i]!, 0));
  return { p50: round(median(sums)), p95: round(percentile(sums, 0.95)) };
};

function assemble(o: Options, files: BenchFiles, br: BrowserResults, nat: NativeResult, floor: ParquetWasmFloor & { readonly panelIpcMb: number }, chromium: string, cal: { start: Calibration; end: Calibration }): BenchResult {
  const med = (xs: readonly number[]) => round(median(xs));
  const loadMs = (k: LoadKind) => med(br.loads[k].map((t) => t.ms));
  const ingestMs = (k: LoadKind) => med(br.loads[k].map((t) => t.ingestMs));
  const memMb = (k: LoadKind) => med(br.memory[k].map((m) => m.totalMb));
  const gbkMb = files.bytes.gbkCsv / 2 ** 20;
  const peakOf = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : NaN);
  const requeryOne = summarize(br.requeryOne);
  const one = moveSummary(br.onePeriod);
  const nativeQuery = summarize(nat.ladderQueryMs);
  const partial = {
    machine: machine(chromium),
    date: new Date().toISOString(),
    rows: files.customers,
    load: {
      parquet_ms: loadMs('parquet'),
      csv_ms: loadMs('csv'),
      gbk_csv_ms: loadMs('gbk_csv'),
      panel12_ms: loadMs('panel12'),
      native_parquet_ms: med(nat.parquetMs),
      native_csv_ms: med(nat.csvMs),
      native_panel12_ms: med(nat.panel12Ms),
      // The same Parquet file, only the columns the default dashboard reads (the page reads all today).
      native_parquet_same_columns_ms: med(nat.parquetColumnsMs),
      native_parquet_same_columns: [...DASHBOARD_COLUMNS],
      ingest_ms: { parquet: ingestMs('parquet'), csv: ingestMs('csv'), gbk_csv: ingestMs('gbk_csv'), panel12: ingestMs('panel12') },
      runs_ms: Object.fromEntries(Object.entries(br.loads).map(([k, v]) => [k, v.map((t) => round(t.ms))])),
      native_runs_ms: { parquet: nat.parquetMs.map((x) => round(x)), parquet_same_columns: nat.parquetColumnsMs.map((x) => round(x)), csv: nat.csvMs.map((x) => round(x)), panel12: nat.panel12Ms.map((x) => round(x)) },
      gbk_csv_mb: round(gbkMb),
      gbk_csv_mb_per_s: round(gbkMb / (loadMs('gbk_csv') / 1000)),
      gbk_csv_ingest_mb_per_s: round(gbkMb / (ingestMs('gbk_csv') / 1000)),
      gbk_to_utf8_ms: round(br.gbkDecode.app.ms),
      gbk_to_utf8_mb_per_s: round(br.gbkDecode.app.mbPerS),
      gbk_decode_only_ms: round(br.gbkDecode.textDecoder.ms),
      gbk_decode_only_mb_per_s: round(br.gbkDecode.textDecoder.mbPerS),
      parquet_wasm_decode_ms: round(floor.decodeMs),
      parquet_ipc_mb: round(floor.ipcMb),
      panel12_ipc_mb: round(floor.panelIpcMb),
      parquet_wasm_insert_ms: round(floor.insertMs),
      ratio: {
        parquet_vs_native: ratio(loadMs('parquet'), med(nat.parquetMs)),
        csv_vs_native: ratio(loadMs('csv'), med(nat.csvMs)),
        panel12_vs_native: ratio(loadMs('panel12'), med(nat.panel12Ms)),
        parquet_ingest_vs_native: ratio(ingestMs('parquet'), med(nat.parquetMs)),
        parquet_ingest_vs_native_same_columns: ratio(ingestMs('parquet'), med(nat.parquetColumnsMs)),
      },
    },
    memory: {
      after_panel12_mb: memMb('panel12'),
      after_parquet_mb: memMb('parquet'),
      after_csv_mb: memMb('csv'),
      after_gbk_csv_mb: memMb('gbk_csv'),
      blank_page_mb: round(br.blankMb),
      largest_renderer_after_panel12_mb: med(br.memory.panel12.map((m) => m.maxMb)),
      renderer_processes_after_panel12: peakOf(br.memory.panel12.map((m) => m.renderers)),
      peak_mb: {
        gbk_csv: round(peakOf(br.peaks.gbk_csv)),
        csv: round(peakOf(br.peaks.csv)),
        parquet: round(peakOf(br.peaks.parquet)),
        panel12: round(peakOf(br.peaks.panel12)),
      },
      method: 'sum of VmRSS (/proc) of the browser\'s --type=renderer processes after load, 1 s settle and window.gc(); each load in a fresh tab; MB = 2^20 bytes; median over runs',
      // A new 64 MB array filled on a blank page, then filled again (bench/lib/memory-floor.ts).
      new_memory_first_touch_ms_per_mb: Math.round(br.freshMemory.firstTouchMsPerMb * 1000) / 1000,
      new_memory_retouch_ms_per_mb: Math.round(br.freshMemory.retouchMsPerMb * 1000) / 1000,
    },
    slider: {
      one_period: one,
      dashboard: { ...moveSummary(br.dashboard), charts_in_view: br.dashboard.charts },
      dashboard_filtered: { ...moveSummary(br.dashboardFiltered), charts_in_view: br.dashboardFiltered.charts },
      two_period: moveSummary(br.twoPeriod),
      quadrant: moveSummary(br.quadrantDrag),
      quadrant_slider: moveSummary(br.quadrantSlider),
      requery_one_period: requeryOne,
      requery_quadrant: summarize(br.requeryQuadrant),
      moves_per_scenario: o.moves,
      warmup_moves: o.warmup,
      warmup_ms: {
        one_period: br.onePeriod.warmup.map((x) => round(x)),
        dashboard: br.dashboard.warmup.map((x) => round(x)),
        two_period: br.twoPeriod.warmup.map((x) => round(x)),
        quadrant: br.quadrantDrag.warmup.map((x) => round(x)),
        quadrant_slider: br.quadrantSlider.warmup.map((x) => round(x)),
      },
      two_period_data: br.twoPeriodData === 'panel12' ? `the ${files.periods}-month panel` : 'the last two months of the panel (the page could not load the whole panel)',
      chart_update_ms: {
        one_period: chartMedians(br.onePeriod.chartMs),
        dashboard: chartMedians(br.dashboard.chartMs),
        dashboard_filtered: chartMedians(br.dashboardFiltered.chartMs),
        two_period: chartMedians(br.twoPeriod.chartMs),
        quadrant_slider: chartMedians(br.quadrantSlider.chartMs),
      },
      chart_update_sum_ms: {
        one_period: chartSums(br.onePeriod.chartMs),
        two_period: chartSums(br.twoPeriod.chartMs),
        quadrant_slider: chartSums(br.quadrantSlider.chartMs),
      },
      chart_update_floor_ms: { p50: round(br.chartFloor.p50), p95: round(br.chartFloor.p95) },
      traced: Object.fromEntries(Object.entries(br.traced).map(([k, t]) => [k, roundTraced(t)])),
      quadrant_drags: br.quadrantDrag.drags,
      quadrant_drag_step_px: br.quadrantDrag.stepPx,
      ratio: {
        requery_vs_slider_one_period_p50: ratio(requeryOne.p50, one.p50),
        requery_vs_slider_one_period_p95: ratio(requeryOne.p95, one.p95),
        requery_vs_native_query_p50: ratio(requeryOne.p50, nativeQuery.p50),
      },
    },
    native: { duckdb: nat.version, threads: nat.threads, query_one_period: nativeQuery, query_quadrant: summarize(nat.quadrantQueryMs) },
    first_view_ms: med(br.firstView),
    first_view: {
      runs_ms: br.firstView.map((x) => round(x)),
      p95: round(percentile(br.firstView, 0.95)),
      // Medians, ms since navigation start (the page's marks).
      engine_ready_ms: med(br.firstViewSplits.map((x) => x.engineReady)),
      sample_in_duckdb_ms: med(br.firstViewSplits.map((x) => x.dataReady)),
    },
    mode: o.smoke ? ('smoke' as const) : ('full' as const),
    customers: files.customers,
    months: files.months,
    data: { dir: path.relative(REPO, files.dir) || '.', one_period_rows: files.rows, panel_rows: files.panelRows, periods: files.periods, bytes: files.bytes },
    chromium,
    flags: {
      loads_and_first_view: [...HARNESS_ARGS, JS_FLAGS],
      latency: [...HARNESS_ARGS, JS_FLAGS, ...UNTHROTTLED_FRAMES],
      frame_interval_ms: { loads_and_first_view: round(br.frameMs.a), latency: round(br.frameMs.b) },
    },
    load_average: { start: round(loadAtStart), end: round(os.loadavg()[0]!) },
    machine_load: (({ start, mean, max, end, samples }) => ({ start: round(start), mean: round(mean), max: round(max), end: round(end), samples }))(machineLoad.stop()),
    calibration_ms: {
      js_sort_2m: { start: round(cal.start.jsSortMs), end: round(cal.end.jsSortMs) },
      native_hash_30m: { start: round(cal.start.nativeHashMs), end: round(cal.end.nativeHashMs) },
    },
    cpu: (({ otherCores, oursCores }) => ({ other_cores: round(otherCores), bench_cores: round(oursCores) }))(cpu.stop()),
    errors: Object.entries(br.loadErrors).map(([k, m]) => `load ${k}: ${m}`),
    outside_requests: br.outside,
    console_errors: br.consoleErrors,
    duration_s: round((Date.now() - started) / 1000, 1),
  };
  return { ...partial, targets: targets(partial) };
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

async function main(): Promise<void> {
  process.chdir(REPO);
  const o = parseOptions(process.argv.slice(2));
  log(`${o.smoke ? 'smoke' : 'full'} run: ${o.customers.toLocaleString('en-US')} customers × ${o.months} months, ${o.moves} moves per scenario, ${o.loadRuns} run(s) per load`);
  if (loadAtStart > 0.5 * os.cpus().length) log(`warning: load average ${loadAtStart.toFixed(2)} on ${os.cpus().length} cores — other work is running and will skew the numbers`);
  try {
    const files = await ensureData(o.dataDir, o.customers, o.months, log);
    // A full run builds into its own folder, so a `vite build` of dist/ running meanwhile
    // (tests, another terminal) cannot swap the files under the page being measured.
    const outDir = o.build ? BUILD_DIR : 'dist';
    if (o.build) {
      log(`building the app (npx vite build --outDir ${BUILD_DIR}) …`);
      const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', BUILD_DIR, '--emptyOutDir'], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
    }
    const chromium = chromiumVersion();
    log('calibration (a fixed workload, to compare runs) …');
    const calStart = await calibrate();
    log(`calibration: JS sort ${calStart.jsSortMs.toFixed(0)} ms, native hash ${calStart.nativeHashMs.toFixed(0)} ms`);
    const server = await startPreview(outDir);
    const native = await openNative();
    const nativeLoads: NativeLoads = { parquet: [], parquetColumns: [], csv: [], panel12: [] };
    let br: BrowserResults;
    try {
      br = await browserBench(o, files, server.origin, native, nativeLoads);
    } finally {
      await server.close();
    }
    log('native DuckDB, 1 thread: the tier queries …');
    const queries = await native.queries({ parquet: files.parquet, queryRuns: o.queryRuns, ladderSets: br.onePeriod.values, quadrantSets: br.quadrantSlider.values, log });
    native.close();
    const nat: NativeResult = {
      version: native.version,
      threads: native.threads,
      parquetMs: nativeLoads.parquet,
      parquetColumnsMs: nativeLoads.parquetColumns,
      csvMs: nativeLoads.csv,
      panel12Ms: nativeLoads.panel12,
      ...queries,
    };
    log('parquet-wasm and DuckDB-WASM alone (Node, 1 thread) …');
    const floor = await parquetWasmFloor(files.parquet, o.loadRuns);
    log(`Parquet 1M in the wasm builds alone: decode ${floor.decodeMs.toFixed(0)} ms (${floor.ipcMb.toFixed(0)} MB of IPC), Arrow insert ${floor.insertMs.toFixed(0)} ms`);
    const panelIpcMb = await parquetIpcMb(files.panel12);
    log(`the panel as the page hands it to DuckDB-WASM: ${panelIpcMb.toFixed(0)} MB of Arrow IPC`);
    const calEnd = await calibrate();
    log(`calibration again: JS sort ${calEnd.jsSortMs.toFixed(0)} ms, native hash ${calEnd.nativeHashMs.toFixed(0)} ms`);
    const result = assemble(o, files, br, nat, { ...floor, panelIpcMb }, chromium, { start: calStart, end: calEnd });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    if (o.out) {
      mkdirSync(path.dirname(o.out), { recursive: true });
      writeFileSync(o.out, json);
      log(`wrote ${o.out}`);
    } else {
      const dir = path.join(REPO, 'bench/results');
      mkdirSync(dir, { recursive: true });
      const dated = `${stamp(new Date(result.date))}.json`;
      writeFileSync(path.join(dir, 'latest.json'), json);
      copyFileSync(path.join(dir, 'latest.json'), path.join(dir, dated));
      log(`wrote bench/results/latest.json and bench/results/${dated}`);
      if (o.md) {
        writeFileSync(path.join(REPO, 'BENCHMARKS.md'), markdown(result, dated));
        log('wrote BENCHMARKS.md');
      }
    }
    console.log(`\n${summaryText(result)}\n`);
  } finally {
    if (o.ownDataDir) rmSync(o.dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
