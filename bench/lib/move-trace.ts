import type { Page } from 'playwright-core';

/**
 * What else the renderer did while a run of slider moves was timed: V8 compiling the page's code
 * on background threads (Maglev and Turbofan jobs, which share this machine's two cores with
 * the page's thread) and the young-generation collections (scavenges) that paused the page's
 * thread. Read from a Chrome trace of a repeat of the run in a fresh tab; tracing itself slows
 * the moves, so the repeat's latencies are reported beside it, never as the run's.
 */
export interface MoveTrace {
  /** Wall time of the traced run, ms. */
  readonly spanMs: number;
  /** Background compile jobs overlapping the run, ms (clipped to it). */
  readonly maglevMs: number;
  readonly turbofanMs: number;
  /** Scavenges on the page's thread during the run. */
  readonly scavenges: number;
  readonly scavengeMs: number;
  readonly scavengeMaxMs: number;
}

export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  /** µs */
  readonly ts: number;
  /** µs */
  readonly dur?: number;
}

export const START_MARK = 'tierlens:moves-traced-start';
export const END_MARK = 'tierlens:moves-traced-end';
const CATEGORIES = 'blink.user_timing,disabled-by-default-v8.compile,disabled-by-default-v8.gc';

/**
 * The figures of {@link MoveTrace} from raw trace events: the window and the page's process and
 * thread are those of the two marks; compile jobs count on any thread of that process, scavenges
 * on the page's thread only. Durations are clipped to the window.
 */
export function summarizeMoveTrace(events: readonly TraceEvent[]): MoveTrace {
  const start = events.find((e) => e.name === START_MARK);
  const end = events.find((e) => e.name === END_MARK);
  if (!start || !end || end.ts <= start.ts) throw new Error('the trace has no start and end marks of the moves');
  const inside = (e: TraceEvent) => (e.ph === 'X' && e.pid === start.pid ? Math.max(0, Math.min(end.ts, e.ts + (e.dur ?? 0)) - Math.max(start.ts, e.ts)) / 1000 : 0);
  let maglevMs = 0;
  let turbofanMs = 0;
  let scavenges = 0;
  let scavengeMs = 0;
  let scavengeMaxMs = 0;
  for (const e of events) {
    if (e.name === 'V8.MaglevTask') maglevMs += inside(e);
    else if (e.name === 'V8.TurbofanTask') turbofanMs += inside(e);
    else if (e.name === 'V8.GC_SCAVENGER' && e.tid === start.tid) {
      const ms = inside(e);
      if (ms <= 0) continue;
      scavenges++;
      scavengeMs += ms;
      scavengeMaxMs = Math.max(scavengeMaxMs, ms);
    }
  }
  return { spanMs: (end.ts - start.ts) / 1000, maglevMs, turbofanMs, scavenges, scavengeMs, scavengeMaxMs };
}

/** Runs `run` on `page` under a Chrome trace and returns its result with the trace's figures. */
export async function traceMoves<T>(page: Page, run: () => Promise<T>): Promise<{ result: T; trace: MoveTrace }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    await page.evaluate((m) => performance.mark(m), START_MARK);
    const result = await run();
    await page.evaluate((m) => performance.mark(m), END_MARK);
    await cdp.send('Tracing.end');
    await complete;
    return { result, trace: summarizeMoveTrace(events) };
  } finally {
    await cdp.detach();
  }
}
