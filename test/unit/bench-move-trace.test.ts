import { describe, expect, test } from 'vitest';
import { END_MARK, START_MARK, summarizeMoveTrace, type TraceEvent } from '../../bench/lib/move-trace';

// The page's process 7, its main thread 1, a compile worker 2; another renderer is process 8.
const mark = (name: string, ts: number): TraceEvent => ({ name, ph: 'R', pid: 7, tid: 1, ts });
const job = (name: string, ts: number, dur: number, pid = 7, tid = 2): TraceEvent => ({ name, ph: 'X', pid, tid, ts, dur });
const run = [mark(START_MARK, 1_000_000), mark(END_MARK, 2_000_000)];

describe('what V8 did during the traced moves', () => {
  test.each([
    { name: 'jobs inside the run count whole', events: [job('V8.MaglevTask', 1_100_000, 5_000), job('V8.TurbofanTask', 1_500_000, 20_000)], maglev: 5, turbofan: 20 },
    { name: 'jobs across its edges count their inside part', events: [job('V8.MaglevTask', 990_000, 20_000), job('V8.TurbofanTask', 1_995_000, 30_000)], maglev: 10, turbofan: 5 },
    { name: 'jobs before or after it, or in another renderer, do not count', events: [job('V8.MaglevTask', 900_000, 50_000), job('V8.MaglevTask', 2_100_000, 50_000), job('V8.TurbofanTask', 1_200_000, 50_000, 8)], maglev: 0, turbofan: 0 },
    { name: 'nested parts of a job are not added again', events: [job('V8.MaglevTask', 1_100_000, 5_000), job('V8.MaglevBackground', 1_100_000, 4_000), job('V8.OptimizeBackground', 1_100_000, 4_000)], maglev: 5, turbofan: 0 },
  ])('$name', ({ events, maglev, turbofan }) => {
    const t = summarizeMoveTrace([...run, ...events]);
    expect(t.spanMs).toBe(1000);
    expect(t.maglevMs).toBeCloseTo(maglev, 9);
    expect(t.turbofanMs).toBeCloseTo(turbofan, 9);
  });

  test("scavenges count on the page's thread only, with their total and longest pause", () => {
    const t = summarizeMoveTrace([
      ...run,
      job('V8.GC_SCAVENGER', 1_200_000, 12_000, 7, 1),
      job('V8.GC_SCAVENGER', 1_700_000, 21_000, 7, 1),
      // A worker's own collection (the page's thread was not paused) and one before the moves.
      job('V8.GC_SCAVENGER', 1_300_000, 40_000, 7, 3),
      job('V8.GC_SCAVENGER', 500_000, 40_000, 7, 1),
    ]);
    expect([t.scavenges, t.scavengeMs, t.scavengeMaxMs]).toEqual([2, 33, 21]);
  });

  test('a trace without both marks is an error, not zeros', () => {
    expect(() => summarizeMoveTrace([mark(START_MARK, 1)])).toThrow(/marks/);
    expect(() => summarizeMoveTrace([mark(END_MARK, 1), mark(START_MARK, 2)])).toThrow(/marks/);
  });
});
