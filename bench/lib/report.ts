import type { MoveTrace } from './move-trace';
import type { Summary } from './stats';

/**
 * A repeat of a slider run in a fresh tab under a Chrome trace (bench/lib/move-trace.ts): what V8
 * compiled and collected during its moves, and its own latencies, which tracing slows.
 */
export interface TracedRepeat extends MoveTrace {
  readonly p50: number;
  readonly p95: number;
}

export interface MoveSummary extends Summary {
  /** Moves that did not repaint within the time limit (counted as the limit). */
  readonly timeouts: number;
}

export interface Target {
  readonly id: string;
  readonly label: string;
  readonly target: string;
  readonly value: number;
  readonly shown: string;
  readonly met: boolean;
}

/** The JSON written to bench/results/latest.json. Required keys of the issue first; the rest are extras. */
export interface BenchResult {
  machine: string;
  date: string;
  rows: number;
  load: {
    parquet_ms: number;
    csv_ms: number;
    gbk_csv_ms: number;
    panel12_ms: number;
    native_parquet_ms: number;
    native_csv_ms: number;
    native_panel12_ms: number;
    /** Native, the same Parquet file, only the dashboard's columns (absent before 2026-12-07 evening). */
    native_parquet_same_columns_ms?: number;
    native_parquet_same_columns?: string[];
    ingest_ms: { parquet: number; csv: number; gbk_csv: number; panel12: number };
    runs_ms: Record<string, number[]>;
    native_runs_ms: Record<string, number[]>;
    gbk_csv_mb: number;
    gbk_csv_mb_per_s: number;
    gbk_csv_ingest_mb_per_s: number;
    /** The app's GBK → UTF-8 pass (ingest/gbk-utf8.ts) alone on the same file, in the page. */
    gbk_to_utf8_ms: number;
    gbk_to_utf8_mb_per_s: number;
    /** TextDecoder('gb18030') alone on the same file, in the page (for comparison). */
    gbk_decode_only_ms: number;
    gbk_decode_only_mb_per_s: number;
    /** parquet-wasm decoding the 1M Parquet alone, and DuckDB-WASM inserting its batches alone (Node, 1 thread; absent before 2026-12-01 19:30). */
    parquet_wasm_decode_ms?: number;
    parquet_wasm_insert_ms?: number;
    /** The 1M Parquet's decoded batches as Arrow IPC, MB (absent before 2026-12-01 22:00). */
    parquet_ipc_mb?: number;
    /** The same for the panel, without the columns the page leaves out of it. */
    panel12_ipc_mb?: number;
    ratio: { parquet_vs_native: number; csv_vs_native: number; panel12_vs_native: number; parquet_ingest_vs_native: number; parquet_ingest_vs_native_same_columns?: number };
  };
  memory: {
    after_panel12_mb: number;
    after_parquet_mb: number;
    after_csv_mb: number;
    after_gbk_csv_mb: number;
    blank_page_mb: number;
    largest_renderer_after_panel12_mb: number;
    renderer_processes_after_panel12: number;
    /** Peak renderer RSS sampled every 250 ms during each load (max over runs). */
    peak_mb: { gbk_csv: number; csv: number; parquet: number; panel12: number };
    method: string;
    /** ms per MB to fill a new array the first time, and again (absent before 2026-12-01 22:00). */
    new_memory_first_touch_ms_per_mb?: number;
    new_memory_retouch_ms_per_mb?: number;
  };
  slider: {
    one_period: MoveSummary;
    /** The default dashboard at the top of the page, timing the charts in view (absent before 2026-12-07). */
    dashboard?: MoveSummary & { charts_in_view: string[] };
    /** The same under a filter to the largest branch (absent before 2026-12-07 evening). */
    dashboard_filtered?: MoveSummary & { charts_in_view: string[] };
    two_period: MoveSummary;
    quadrant: MoveSummary;
    quadrant_slider: MoveSummary;
    requery_one_period: Summary;
    requery_quadrant: Summary;
    moves_per_scenario: number;
    warmup_moves: number;
    warmup_ms: Record<string, number[]>;
    two_period_data: string;
    /** Per scenario, per chart: median ms of its ECharts update (setOption, with the paint). */
    chart_update_ms: Record<string, Record<string, number>>;
    /** Per scenario: each move's chart updates added up, p50 and p95 over the moves (absent in runs before 2026-12-01 19:00). */
    chart_update_sum_ms?: Record<string, { p50: number; p95: number }>;
    /** One bare ECharts chart's update on this machine: the floor per chart. */
    chart_update_floor_ms: { p50: number; p95: number };
    /** Repeats of the one- and two-period runs under a trace (absent before 2026-12-02). */
    traced?: Record<string, TracedRepeat>;
    quadrant_drags: number;
    quadrant_drag_step_px: number;
    ratio: { requery_vs_slider_one_period_p50: number; requery_vs_slider_one_period_p95: number; requery_vs_native_query_p50: number };
  };
  native: { duckdb: string; threads: number; query_one_period: Summary; query_quadrant: Summary };
  first_view_ms: number;
  first_view: { runs_ms: number[]; p95: number; engine_ready_ms: number; sample_in_duckdb_ms: number };
  targets: Target[];
  mode: 'full' | 'smoke';
  customers: number;
  months: number;
  data: { dir: string; one_period_rows: number; panel_rows: number; periods: number; bytes: Record<string, number> };
  chromium: string;
  flags: { loads_and_first_view: string[]; latency: string[]; frame_interval_ms: { loads_and_first_view: number; latency: number } };
  /** 1-minute load average before and after the run: other work on the machine skews everything. */
  load_average: { start: number; end: number };
  /** Mean CPU (in cores) used during the run by other processes and by the benchmark (Node + Chromium). */
  cpu: { other_cores: number; bench_cores: number };
  /** The 1-minute load average sampled every 5 s through the run (absent before 2026-12-07 evening). */
  machine_load?: { start: number; mean: number; max: number; end: number; samples: number };
  /** A fixed workload timed at the start and the end of the run: how fast the machine was (absent before 2026-12-07 evening). */
  calibration_ms?: { js_sort_2m: { start: number; end: number }; native_hash_30m: { start: number; end: number } };
  /** What failed (a load the page could not do); the matching numbers are null. */
  errors: string[];
  outside_requests: string[];
  console_errors: string[];
  duration_s: number;
}

const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const sum = (byChart: Record<string, number> = {}) => Object.values(byChart).reduce((a, b) => a + b, 0);
const charts = (byChart: Record<string, number> = {}) => Object.entries(byChart).map(([id, ms]) => `${id} ${ms.toFixed(1)}`).join(', ') || '—';
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const times = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');

/** The traced repeat's sentence (empty without one): the compiler's and the GC's share of the moves. */
function traced(t: TracedRepeat | undefined, moves: number): string {
  if (!t) return '';
  const compile = t.maglevMs + t.turbofanMs;
  return (
    ` A traced repeat of these moves in a fresh tab (tracing slows it: p50 ${f1(t.p50)} ms) shows V8 still compiling the page's code meanwhile: ` +
    `${f0(compile)} ms of Maglev and Turbofan jobs within its ${f0(t.spanMs)} ms (${f1(compile / moves)} ms per move), on background threads that share the machine's cores with the page; ` +
    `and ${t.scavenges} young-generation collections paused the page for ${f0(t.scavengeMs)} ms in all (the longest ${f1(t.scavengeMaxMs)} ms).`
  );
}

/**
 * For each target this run missed, what bounds it, with this run's own numbers: the floor of the
 * parts the app does not control (ECharts, TextDecoder, DuckDB-WASM) beside what the app adds.
 */
export function bounds(r: BenchResult): string[] {
  const missed = new Set(r.targets.filter((t) => !t.met).map((t) => t.id));
  const S = r.slider;
  const floor = S.chart_update_floor_ms.p50;
  const out: string[] = [];
  const sliderLine = (id: string, name: string, scenario: string, goal: number, p95: number) => {
    const byChart = S.chart_update_ms[scenario] ?? {};
    const n = Object.keys(byChart).length;
    if (!missed.has(id) || n === 0) return;
    const perMove = S.chart_update_sum_ms?.[scenario];
    out.push(
      `- **${name}** (p95 ${f1(p95)} ms, goal ${goal} ms): its ${n} charts' ECharts updates alone take ${f1(sum(byChart))} ms at the median (${charts(byChart)})` +
        (perMove ? `; added up move by move, ${f1(perMove.p50)} ms at the median and ${f1(perMove.p95)} ms at p95` : '') +
        `. One bare ECharts chart of the tier chart's shape updates in ${f1(floor)} ms on this machine (${n} of them: about ${f1(n * floor)} ms), all before React, style, layout and the frame; ` +
        `the same bare update's p95 is ${f1(S.chart_update_floor_ms.p95)} ms (${f1(S.chart_update_floor_ms.p95 / floor)}× its median): how much identical work varies here, and where the p95 moves come from. ` +
        'The tier counts themselves come from the fast path in microseconds.' +
        traced(S.traced?.[scenario], S.moves_per_scenario + S.warmup_moves),
    );
  };
  if (missed.has('slider_dashboard_p50')) missed.add('slider_dashboard_p95');
  sliderLine('slider_dashboard_p95', 'Slider, charts in view', 'dashboard', 33, S.dashboard?.p95 ?? NaN);
  sliderLine('slider_two_period_p95', 'Slider, two periods', 'two_period', 33, S.two_period.p95);
  sliderLine('quadrant_drag_p95', 'Quadrant drag (chart costs from its slider moves)', 'quadrant_slider', 33, S.quadrant.p95);
  const L = r.load;
  // ms per MB of a new array's first write in this browser (absent in runs before 2026-12-01 22:00).
  const newMemory = r.memory.new_memory_first_touch_ms_per_mb;
  if (missed.has('parquet_vs_native'))
    out.push(
      `- **Parquet** (ingest ${f0(L.ingest_ms.parquet)} ms, ${f2(L.ratio.parquet_ingest_vs_native_same_columns ?? NaN)}× native reading the same ${L.native_parquet_same_columns?.length ?? 0} columns in ${f0(L.native_parquet_same_columns_ms ?? NaN)} ms): ` +
        "DuckDB-WASM's own Parquet reader is an extension it would download, which an offline intranet cannot; the page decodes those columns with parquet-wasm on its own thread and inserts them as Arrow into DuckDB-WASM, overlapped batch by batch. " +
        'Its ingest also does what native `CREATE TABLE` does not: it looks for rows that are not customers, counts duplicate ids per period and lists the periods (about 0.6, 0.3–0.5 and 0.1 s for 1M rows in DuckDB-WASM in Node). ' +
        (L.parquet_wasm_decode_ms !== undefined && L.parquet_wasm_insert_ms !== undefined
          ? `For scale, the two wasm builds alone on every column (Node, one thread): parquet-wasm decodes them in ${f0(L.parquet_wasm_decode_ms)} ms and DuckDB-WASM inserts them in ${f0(L.parquet_wasm_insert_ms)} ms, against native's ${f0(L.native_parquet_ms)} ms for all columns. `
          : '') +
        `The rest of the browser figure is the default notebook computing on the new data (${f0(L.parquet_ms - L.ingest_ms.parquet)} ms).`,
    );
  if (missed.has('panel12_load') || missed.has('panel12_memory'))
    out.push(
      `- **Panel** (${f2(L.panel12_ms / 1000)} s, ${f0(r.memory.after_panel12_mb)} MB; native 1 thread ${f2(L.native_panel12_ms / 1000)} s): the same Parquet path for ${(r.data.panel_rows / 1e6).toFixed(1)}M rows, reading the columns the dashboard needs (ingest ${f2(L.ingest_ms.panel12 / 1000)} s: decoding, inserting into compressed storage, the checks for rows that are not customers and for duplicate ids), ` +
        'then the notebook builds the exact tuning structures of every period on screen (sorted columns, per-branch groups). Memory is DuckDB-WASM\'s peak (wasm memory never shrinks) plus those structures; personal columns of files this large are never read.' +
        (newMemory !== undefined && L.panel12_ipc_mb !== undefined
          ? ` New memory is dear in this browser: a new array costs ${f2(newMemory)} ms per MB the first time it is written and ${f2(r.memory.new_memory_retouch_ms_per_mb ?? NaN)} ms per MB after. ` +
            `The panel reaches DuckDB-WASM as ${f0(L.panel12_ipc_mb)} MB of Arrow IPC batches, each a new buffer: about ${f2((newMemory * L.panel12_ipc_mb) / 1000)} s of the page's thread for getting that memory alone, before any decoding; ` +
            "DuckDB-WASM's own memory grows by the same kind of first writes in its worker."
          : ''),
    );
  if (missed.has('gbk_throughput'))
    out.push(
      `- **GBK CSV** (${f1(L.gbk_csv_mb_per_s)} MB/s): decoding is not what bounds it. The app turns GBK into UTF-8 in one pass over the bytes: ${f0(L.gbk_to_utf8_ms)} ms for this file alone (${f0(L.gbk_to_utf8_mb_per_s)} MB/s; the browser's \`TextDecoder('gb18030')\` alone takes ${f0(L.gbk_decode_only_ms)} ms). ` +
        `The same rows in UTF-8 take ${f2(L.csv_ms / 1000)} s against ${f2(L.gbk_csv_ms / 1000)} s in GBK: the time is DuckDB-WASM's CSV reader and typing every cell with the Chinese number/date grammar in SQL, then the notebook.`,
    );
  if (missed.has('first_view'))
    out.push(
      `- **First view** (${f0(r.first_view_ms)} ms): the default notebook is drawn from its precomputed views, so no engine is on its path: ` +
        "it is the page's own code (React, ECharts) being fetched, compiled and run on two cores, with the sample and the engine's 34 MB wasm downloading beside it.",
    );
  return out;
}

export function targets(r: Omit<BenchResult, 'targets'>): Target[] {
  const t = (id: string, label: string, target: string, value: number, shown: string, met: boolean): Target => ({
    id,
    label,
    target,
    value,
    shown: Number.isFinite(value) ? shown : 'no result (see errors)',
    met: Number.isFinite(value) && met,
  });
  const sameColumns = r.load.ratio.parquet_ingest_vs_native_same_columns ?? NaN;
  const D = r.slider.dashboard ?? { p50: NaN, p95: NaN };
  return [
    t('slider_dashboard_p50', 'Slider → paint p50, charts in view (default dashboard, 1366×900)', '≤ 16 ms', D.p50, `${f1(D.p50)} ms`, D.p50 <= 16),
    t('slider_dashboard_p95', 'Slider → paint p95, charts in view (default dashboard, 1366×900)', '≤ 33 ms', D.p95, `${f1(D.p95)} ms`, D.p95 <= 33),
    t('slider_two_period_p95', 'Slider → paint p95, two periods (migration heatmap + Sankey)', '≤ 33 ms', r.slider.two_period.p95, `${f1(r.slider.two_period.p95)} ms`, r.slider.two_period.p95 <= 33),
    t('quadrant_drag_p95', 'Cut-line drag → paint p95, quadrant', '≤ 33 ms', r.slider.quadrant.p95, `${f1(r.slider.quadrant.p95)} ms`, r.slider.quadrant.p95 <= 33),
    t('parquet_vs_native', 'Parquet ingest (1M customers) vs native DuckDB reading the same columns, 1 thread', '≤ 2×', sameColumns, `${f2(sameColumns)}× (${f0(r.load.ingest_ms.parquet)} vs ${f0(r.load.native_parquet_same_columns_ms ?? NaN)} ms; all columns ${f2(r.load.ratio.parquet_vs_native)}×, first tiered view ${f0(r.load.parquet_ms)} ms)`, sameColumns <= 2),
    t('panel12_load', `Panel (${(r.data.panel_rows / 1e6).toFixed(1)}M rows) to the first tiered view`, '≤ 6 s', r.load.panel12_ms, `${f2(r.load.panel12_ms / 1000)} s`, r.load.panel12_ms <= 6000),
    Number.isFinite(r.memory.after_panel12_mb) || !Number.isFinite(r.memory.peak_mb.panel12)
      ? t('panel12_memory', 'Renderer memory after the panel', '≤ 1 GB', r.memory.after_panel12_mb, `${f0(r.memory.after_panel12_mb)} MB (peak while loading ${f0(r.memory.peak_mb.panel12)} MB)`, r.memory.after_panel12_mb <= 1024)
      : { id: 'panel12_memory', label: 'Renderer memory after the panel', target: '≤ 1 GB', value: r.memory.peak_mb.panel12, shown: `load failed at a peak of ${f0(r.memory.peak_mb.panel12)} MB`, met: false },
    t('gbk_throughput', 'GBK CSV (1M rows), end to end', '≥ 40 MB/s', r.load.gbk_csv_mb_per_s, `${f1(r.load.gbk_csv_mb_per_s)} MB/s (${f0(r.load.gbk_csv_mb)} MB in ${f0(r.load.gbk_csv_ms)} ms)`, r.load.gbk_csv_mb_per_s >= 40),
    t('first_view', 'First view of the default notebook', '≤ 0.5 s', r.first_view_ms, `${f0(r.first_view_ms)} ms`, r.first_view_ms <= 500),
  ];
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

const move = (s: MoveSummary) => [`${f1(s.p50)}`, `${f1(s.p95)}`, `${f1(s.max)}`, String(s.n), String(s.timeouts)];

const cores = (r: BenchResult) => Number(/(\d+) cores/.exec(r.machine)?.[1] ?? NaN);
/** Other processes used more than a quarter of a core on average: the numbers are skewed. */
const busy = (r: BenchResult) => r.cpu.other_cores > 0.25;

/** How fast and how busy the machine was in this run, for comparing runs (its speed drifts up to 3×). */
function calibrationText(r: BenchResult): string {
  const c = r.calibration_ms;
  const m = r.machine_load;
  if (!c || !m) return '';
  return `Calibration (a fixed workload at the start / end of the run): sorting 2M numbers in Node ${f0(c.js_sort_2m.start)} / ${f0(c.js_sort_2m.end)} ms, native DuckDB hashing 30M rows (1 thread) ${f0(c.native_hash_30m.start)} / ${f0(c.native_hash_30m.end)} ms. Load average during the run: mean ${f2(m.mean)}, max ${f2(m.max)} (${m.samples} samples); other processes used ${f2(r.cpu.other_cores)} cores on average.`;
}

/** Console summary at the end of a run. */
export function summaryText(r: BenchResult): string {
  const lines: string[] = [];
  lines.push(`TierLens benchmark (${r.mode}) — ${r.date}`);
  lines.push(r.machine);
  lines.push(`CPU during the run: other processes ${f2(r.cpu.other_cores)} cores, the benchmark ${f2(r.cpu.bench_cores)} cores (of ${cores(r)})`);
  if (busy(r)) lines.push('! other work was running on the machine: the numbers are pessimistic');
  lines.push('');
  lines.push('Targets');
  for (const t of r.targets) lines.push(`  ${t.met ? 'met    ' : 'NOT met'}  ${t.label.padEnd(62)} ${t.target.padEnd(11)} ${t.shown}`);
  lines.push('');
  lines.push('Loads (browser: setInputFiles → idle; ingest: → data in DuckDB)      browser   ingest   native-1t   ratio   renderer MB');
  const L = r.load;
  const M = r.memory;
  lines.push(`  Parquet 1M            ${f0(L.parquet_ms).padStart(44)} ${f0(L.ingest_ms.parquet).padStart(8)} ${f0(L.native_parquet_ms).padStart(11)} ${f2(L.ratio.parquet_vs_native).padStart(7)} ${f0(M.after_parquet_mb).padStart(13)}`);
  lines.push(`  CSV 1M (UTF-8)        ${f0(L.csv_ms).padStart(44)} ${f0(L.ingest_ms.csv).padStart(8)} ${f0(L.native_csv_ms).padStart(11)} ${f2(L.ratio.csv_vs_native).padStart(7)} ${f0(M.after_csv_mb).padStart(13)}`);
  lines.push(`  CSV 1M (GBK)          ${f0(L.gbk_csv_ms).padStart(44)} ${f0(L.ingest_ms.gbk_csv).padStart(8)} ${'—'.padStart(11)} ${'—'.padStart(7)} ${f0(M.after_gbk_csv_mb).padStart(13)}`);
  lines.push(`  Panel ${r.data.periods} months       ${f0(L.panel12_ms).padStart(44)} ${f0(L.ingest_ms.panel12).padStart(8)} ${f0(L.native_panel12_ms).padStart(11)} ${f2(L.ratio.panel12_vs_native).padStart(7)} ${f0(M.after_panel12_mb).padStart(13)}`);
  lines.push('');
  lines.push('Latency, ms                                   p50      p95      max     n  timeouts');
  const S = r.slider;
  const pr = (label: string, s: MoveSummary) => lines.push(`  ${label.padEnd(42)} ${move(s).map((c, i) => c.padStart(i < 3 ? 8 : i === 3 ? 5 : 9)).join('')}`);
  pr('slider, one period (4 charts)', S.one_period);
  pr('slider, two periods (migration + Sankey)', S.two_period);
  pr('quadrant, dragged cut line', S.quadrant);
  pr('quadrant, slider', S.quadrant_slider);
  pr('SQL re-query, one period (browser)', { ...S.requery_one_period, timeouts: 0 });
  pr('SQL re-query, quadrant (browser)', { ...S.requery_quadrant, timeouts: 0 });
  pr('native 1-thread tier query', { ...r.native.query_one_period, timeouts: 0 });
  lines.push(`  re-query p50 / slider p50: ${f1(S.ratio.requery_vs_slider_one_period_p50)}×   browser re-query / native query (p50): ${f2(S.ratio.requery_vs_native_query_p50)}×`);
  lines.push(`  first view: median ${f0(r.first_view_ms)} ms over ${r.first_view.runs_ms.length} loads (${r.first_view.runs_ms.map(f0).join(', ')})`);
  for (const e of r.errors) lines.push(`  ! ${e}`);
  if (r.outside_requests.length) lines.push(`  ! ${r.outside_requests.length} requests tried to leave the origin (blocked)`);
  if (r.console_errors.length) lines.push(`  ! ${r.console_errors.length} console errors in the page: ${r.console_errors.slice(0, 3).join(' | ')}`);
  return lines.join('\n');
}

/** BENCHMARKS.md: the human table, regenerated by every full run. */
export function markdown(r: BenchResult, jsonName: string): string {
  const L = r.load;
  const M = r.memory;
  const S = r.slider;
  return `# Benchmarks

Measured by \`npm run bench\` (bench/run.ts) on ${r.date.slice(0, 16).replace('T', ' ')} UTC — regenerated by every full run;
the numbers below are from \`bench/results/${jsonName}\` (and \`bench/results/latest.json\`).

Machine: ${r.machine}.${busy(r) ? `\n**This run shared the machine with other work (other processes used ${f2(r.cpu.other_cores)} of ${cores(r)} cores on average): its numbers are pessimistic.**` : ''}
Data: ${r.customers.toLocaleString('en-US')} customers × ${r.months} months from \`scripts/generate-samples.ts --bench\`
(one period: ${r.data.one_period_rows.toLocaleString('en-US')} rows; panel: ${r.data.panel_rows.toLocaleString('en-US')} rows).
Browser: ${r.chromium}, headless, DuckDB-WASM 1.32 (eh bundle, 1 thread). Native: DuckDB ${r.native.duckdb} via @duckdb/node-api, \`SET threads=1\`.
${calibrationText(r)}

## Targets

${table(
  ['Target', 'Goal', 'Measured', ''],
  r.targets.map((t) => [t.label, t.target, t.shown, t.met ? 'met' : '**not met**']),
)}

${bounds(r).length ? `### What bounds the targets not met\n\n${bounds(r).join('\n')}\n\n` : ''}${r.errors.length ? `## Errors in this run\n\n${r.errors.map((e) => `- ${e}`).join('\n')}\n\nThe numbers that depend on a failed load are empty (null in the JSON).\n\n` : ''}## Loads

Browser load = just before \`page.setInputFiles\` (the real file input, by path) → \`tierlensBench.loaded()\` rose and
\`idle()\` is true, i.e. the data is in DuckDB **and the default notebook has recomputed on it**. "Ingest" stops at
\`loaded()\` rising (data in DuckDB, before the notebook reacts) — the closer match to native \`CREATE TABLE\`.
Medians of ${L.runs_ms.parquet?.length ?? 0} runs, each in a fresh tab (a new renderer process). Each native load runs right after the
browser's load of the same file, so a ratio compares figures taken side by side.${L.native_parquet_same_columns_ms !== undefined ? ` A Parquet file's load reads its customer id and period (what the duplicate check and the period list need); every other column is read when a view, list, preview, SQL cell or export first names it, so the default dashboard reads the ${L.native_parquet_same_columns?.length ?? 0} columns it uses (${(L.native_parquet_same_columns ?? []).join(', ')}) before its first tiered view. Native DuckDB reading those same columns loads the 1M Parquet in ${f0(L.native_parquet_same_columns_ms)} ms: the page's ingest is ${times(L.ingest_ms.parquet / L.native_parquet_same_columns_ms)} that, and its time to the first tiered view ${times(L.parquet_ms / L.native_parquet_same_columns_ms)}.` : ''}

${table(
  ['File', 'Browser (ms)', 'Ingest (ms)', 'Native 1 thread (ms)', 'Browser / native', 'Renderer memory after (MB)', 'Peak while loading (MB)'],
  [
    ['Parquet, 1M customers', f0(L.parquet_ms), f0(L.ingest_ms.parquet), f0(L.native_parquet_ms), `${times(L.ratio.parquet_vs_native)} (ingest ${times(L.ratio.parquet_ingest_vs_native)})`, f0(M.after_parquet_mb), f0(M.peak_mb.parquet)],
    ['CSV UTF-8 (BOM, Chinese headers), 1M', f0(L.csv_ms), f0(L.ingest_ms.csv), f0(L.native_csv_ms), times(L.ratio.csv_vs_native), f0(M.after_csv_mb), f0(M.peak_mb.csv)],
    [`CSV GBK, 1M (${f0(L.gbk_csv_mb)} MB)`, f0(L.gbk_csv_ms), f0(L.ingest_ms.gbk_csv), 'n/a (DuckDB reads no GBK)', `${f1(L.gbk_csv_mb_per_s)} MB/s (ingest ${f1(L.gbk_csv_ingest_mb_per_s)} MB/s)`, f0(M.after_gbk_csv_mb), f0(M.peak_mb.gbk_csv)],
    [`Panel, ${r.data.periods} months Parquet`, f0(L.panel12_ms), f0(L.ingest_ms.panel12), f0(L.native_panel12_ms), times(L.ratio.panel12_vs_native), f0(M.after_panel12_mb), f0(M.peak_mb.panel12)],
  ],
)}

Renderer memory = sum of VmRSS (from /proc) of every \`--type=renderer\` process of the browser, after the load, a 1 s
settle and two \`window.gc()\` calls; MB = 2^20 bytes. A blank page (app open, no data) is ${f0(M.blank_page_mb)} MB.
${Number.isFinite(M.after_panel12_mb) ? `After the panel: ${M.renderer_processes_after_panel12} renderer process(es), the largest ${f0(M.largest_renderer_after_panel12_mb)} MB.\n` : ''}Memory never shrinks in wasm, so every load runs in its own fresh tab (the previous tab is closed first): each figure is
that file alone. GBK throughput = file size / browser load time (GBK → UTF-8 + load + notebook).

## Threshold changes: slider → paint

From an \`input\` event on a threshold slider (value set with the native setter, timed in the page) to the first
animation frame after every threshold-dependent chart of the scenario has finished painting again. ${S.moves_per_scenario} moves per
scenario after ${S.warmup_moves} unrecorded warm-up moves; moves cycle over the scenario's sliders, alternately below and above
the start. A move that does not repaint within 5 s counts as 5000 ms ("timeouts").
The dashboard row is the default notebook as a user opens it (1366×900, scrolled to the top): a move waits for the
threshold-moved charts in view; the views out of sight wait until scrolled to, as in the page. The filtered row is the
same page with a filter to the largest branch in force.
The quadrant row is the mouse dragging its vertical cut line (${S.quadrant_drags} drags, ${S.quadrant_drag_step_px} px ≈ 1.2 credit-score points per
step, so every step changes some customers' quadrant), timed from the \`pointermove\` event.
The two-period scenario ran on ${S.two_period_data}.
The SQL re-query answers the same threshold sets by compiling the scheme and running the tier GROUP BY on DuckDB-WASM.

${table(
  ['Scenario', 'p50 (ms)', 'p95 (ms)', 'max (ms)', 'moves', 'timeouts'],
  [
    ['One period, retail-aum, 4 charts', ...move(S.one_period)],
    ...(S.dashboard ? [[`Default dashboard at the top (charts in view: ${S.dashboard.charts_in_view.join(', ')})`, ...move(S.dashboard)]] : []),
    ...(S.dashboard_filtered ? [['The same, filtered to the largest branch', ...move(S.dashboard_filtered)]] : []),
    ['Two periods, tiers + migration heatmap + Sankey', ...move(S.two_period)],
    ['Quadrant, dragged cut line', ...move(S.quadrant)],
    ['Quadrant, slider (extra)', ...move(S.quadrant_slider)],
    ['Plain SQL re-query, one period (browser)', ...move({ ...S.requery_one_period, timeouts: 0 })],
    ['Plain SQL re-query, quadrant (browser)', ...move({ ...S.requery_quadrant, timeouts: 0 })],
    ['Native DuckDB 1 thread, tier query', ...move({ ...r.native.query_one_period, timeouts: 0 })],
  ],
)}

Where a move's time goes — median ms of each chart's ECharts update (\`setOption\`, which lays out and paints the
canvas), against one bare ECharts chart of the same kind updated alone on this machine
(p50 ${f1(S.chart_update_floor_ms.p50)} ms, p95 ${f1(S.chart_update_floor_ms.p95)} ms; \`bench/lib/chart-floor.ts\`). The numbers themselves come from the
fast path in microseconds; the rest of a move is React, the browser's style/layout/raster, and the frame.

${table(
  ['Scenario', 'Charts: median ECharts update (ms)', 'Sum (ms)', 'Sum per move p50 / p95 (ms)', 'Slider p50 / p95 (ms)'],
  (
    [
      ['One period', 'one_period', S.one_period],
      ...(S.dashboard ? [['Default dashboard, charts in view', 'dashboard', S.dashboard] as const] : []),
      ['Two periods', 'two_period', S.two_period],
      ['Quadrant (slider)', 'quadrant_slider', S.quadrant_slider],
    ] as const
  ).map(([name, id, run]) => {
    const perMove = S.chart_update_sum_ms?.[id];
    return [name, charts(S.chart_update_ms[id]), f1(sum(S.chart_update_ms[id])), perMove ? `${f1(perMove.p50)} / ${f1(perMove.p95)}` : '—', `${f1(run.p50)} / ${f1(run.p95)}`];
  }),
)}

Ratios: the SQL re-query takes ${f1(S.ratio.requery_vs_slider_one_period_p50)}× the slider's p50 (${f1(S.ratio.requery_vs_slider_one_period_p95)}× at p95),
and the browser re-query is ${f2(S.ratio.requery_vs_native_query_p50)}× native 1-thread DuckDB (p50).

## First view

Navigation start → first paint of the default notebook's tiers chart (bundled 480k-row sample), measured by the page
itself: median ${f0(r.first_view_ms)} ms, p95 ${f0(r.first_view.p95)} ms over ${r.first_view.runs_ms.length} loads (a fresh tab, then reloads).
The notebook is drawn from precomputed views of the bundled sample (\`src/app/first-view.snapshot.json\`,
held to the live results by a test); the engine starts once it is drawn. Medians of the page's marks after it: DuckDB-WASM
open at ${f0(r.first_view.engine_ready_ms)} ms, the sample in DuckDB (live numbers, thresholds tunable) at ${f0(r.first_view.sample_in_duckdb_ms)} ms.

## How it runs

- \`npm run bench\` generates (or reuses) \`.bench-data/\`, runs \`npx vite build\` (into \`bench/.data/dist\`, so a concurrent
  build of \`dist/\` cannot change the files under test), serves it with \`vite preview\` on
  127.0.0.1 and drives Debian Chromium with playwright-core; requests leaving the origin are blocked (this run: ${r.outside_requests.length}).
  Native DuckDB runs afterwards in the same process, with the browser closed, on the same files.
- Chromium flags, loads and first view: \`${r.flags.loads_and_first_view.join(' ')}\`.
- Chromium flags, latency runs: \`${r.flags.latency.join(' ')}\` — \`--disable-gpu-vsync --disable-frame-rate-limit\` so
  latencies are not quantised to 16.7 ms frames (measured frame interval while repainting: ${f1(r.flags.frame_interval_ms.latency)} ms,
  against ${f1(r.flags.frame_interval_ms.loads_and_first_view)} ms without them). Viewport 1366×900.
- CPU during the run (from /proc): other processes ${f2(r.cpu.other_cores)} cores on average, the benchmark itself (Node +
  Chromium) ${f2(r.cpu.bench_cores)}; load average before / after ${f2(r.load_average.start)} / ${f2(r.load_average.end)}, ${cores(r)} cores.${busy(r) ? ' **Other work was running: compare runs made on a quiet machine.**' : ''}
- Percentiles are nearest-rank (p95 of 50 moves = the 48th smallest); loads and first view report medians.
- Options: \`--smoke\` (20,000 customers × 2 months in a temp folder, 5 moves, JSON to a temp file), \`--moves N\`,
  \`--load-runs N\`, \`--first-view-runs N\`, \`--customers N --months M\`, \`--data DIR\`, \`--out FILE\`, \`--no-build\`.
- Caveat for the drag: the quadrant chart also counts the repaint of the dragged line itself, so that scenario is
  complete when the tiers chart (which only changes with the data) has repainted too.
`;
}
