import { afterEach, describe, expect, test, vi } from 'vitest';
import { Scheduler, type CellState, type RunCell } from '../../src/notebook/scheduler';
import type { Cell } from '../../src/notebook/types';

// ——— helpers: runs controlled by explicit deferreds; no real time passes ———

interface Call {
  readonly cell: Cell;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly signal: AbortSignal;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

function harness(cells: readonly Cell[], options: { respectAbort?: boolean; abandonAfterMs?: number } = {}) {
  const calls: Call[] = [];
  const run: RunCell = (cell, inputs, signal) =>
    new Promise((resolve, reject) => {
      calls.push({ cell, inputs, signal, resolve, reject });
      if (options.respectAbort) signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  const scheduler = new Scheduler({
    run,
    cells,
    externals: { data: 'data-v1' },
    abandonAfterMs: options.abandonAfterMs ?? Number.POSITIVE_INFINITY,
  });
  const callsOf = (id: string) => calls.filter((c) => c.cell.id === id);
  const lastCall = (id: string) => {
    const list = callsOf(id);
    const last = list[list.length - 1];
    if (!last) throw new Error(`no run of ${id}`);
    return last;
  };
  const state = (id: string): CellState => scheduler.getCellState(id);
  return { scheduler, calls, callsOf, lastCall, state };
}

/** Lets queued promise callbacks and microtasks run (no timers involved). */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const param = (id: string, name: string, value: string | number): Cell => ({ id, kind: 'param', name, control: 'slider', value });
const sql = (id: string, text: string): Cell => ({ id, kind: 'sql', sql: text });
const chart = (id: string, sourceCell: string, x = 'x'): Cell => ({ id, kind: 'chart', sourceCell, chart: 'bar', x, y: 'n' });
const view = (id: string, kind: 'tiers' | 'overview', options: Record<string, unknown> = {}): Cell => ({ id, kind: 'view', view: kind, options });
const scheme = (threshold: number): Cell => ({ id: 's', kind: 'scheme', schemeId: 'x', scheme: { threshold }, saved: null });

/** Replaces the param `id`'s value. */
function withValue(cells: readonly Cell[], id: string, value: number | string): Cell[] {
  return cells.map((c) => (c.id === id && c.kind === 'param' ? { ...c, value } : c));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('running in dependency order', () => {
  test('a cell starts when its inputs are ready, with their values', async () => {
    const cells = [
      chart('c1', 'q1'),
      { id: 'md', kind: 'markdown', text: '期次 {{period}}' } as Cell,
      sql('q1', 'SELECT * FROM dataset WHERE period = $period'),
      param('p', 'period', '2024Q4'),
    ];
    const h = harness(cells);
    expect(h.state('q1').status).toBe('pending');
    await flush();
    // Inline cells are ready at once; the SQL cell runs; the chart waits for it.
    expect(h.state('p')).toMatchObject({ status: 'ready', value: '2024Q4' });
    expect(h.state('md')).toMatchObject({ status: 'ready', value: '期次 2024Q4' });
    expect(h.state('q1').status).toBe('running');
    expect(h.state('c1').status).toBe('pending');
    expect(h.calls.map((c) => c.cell.id)).toEqual(['q1']);
    expect(h.lastCall('q1').inputs).toEqual({ data: 'data-v1', period: '2024Q4' });

    h.lastCall('q1').resolve([{ x: 'a', n: 1 }]);
    await flush();
    expect(h.state('q1')).toMatchObject({ status: 'ready', value: [{ x: 'a', n: 1 }] });
    expect(h.lastCall('c1').inputs).toEqual({ 'cell:q1': [{ x: 'a', n: 1 }] });
    h.lastCall('c1').resolve('chart');
    await flush();
    expect(h.state('c1')).toMatchObject({ status: 'ready', value: 'chart' });
  });

  test('useSyncExternalStore contract: a stable snapshot until something changes, listeners told', async () => {
    const h = harness([param('p', 'n', 1), sql('q', 'SELECT $n'), sql('r', 'SELECT 2')]);
    const listener = vi.fn();
    const unsubscribe = h.scheduler.subscribe(listener);
    await flush();
    const snap = h.scheduler.getSnapshot();
    expect(h.scheduler.getSnapshot()).toBe(snap);
    expect(snap.order).toEqual(['p', 'q', 'r']);
    expect(Object.isFrozen(snap.cells.q)).toBe(true);
    expect(listener).toHaveBeenCalled();

    listener.mockClear();
    h.lastCall('q').resolve(1);
    await flush();
    expect(listener).toHaveBeenCalled();
    const next = h.scheduler.getSnapshot();
    expect(next).not.toBe(snap);
    expect(next.version).toBeGreaterThan(snap.version);
    expect(next.cells.r).toBe(snap.cells.r); // untouched cell: same state object
    expect(next.cells.q!.version).toBeGreaterThan(snap.cells.q!.version);

    unsubscribe();
    listener.mockClear();
    h.lastCall('r').resolve(2);
    await flush();
    expect(listener).not.toHaveBeenCalled();
  });

  test('whenIdle resolves once every cell settled', async () => {
    const h = harness([param('p', 'n', 1), sql('q', 'SELECT $n'), chart('c', 'q')]);
    let idle = false;
    void h.scheduler.whenIdle().then(() => (idle = true));
    await flush();
    h.lastCall('q').resolve(1);
    await flush();
    expect(idle).toBe(false);
    h.lastCall('c').resolve(2);
    await flush();
    expect(idle).toBe(true);
  });
});

describe('a newer invalidation supersedes older work', () => {
  const cells = [param('p', 'period', 1), sql('q', 'SELECT $period'), chart('c', 'q')];

  test('the in-flight run is aborted and its late result is never shown nor fed to dependents', async () => {
    const h = harness(cells);
    await flush();
    const first = h.lastCall('q');
    h.scheduler.setCells(withValue(cells, 'p', 2));
    expect(first.signal.aborted).toBe(true);
    expect(h.state('q').status).toBe('pending');
    await flush();

    first.resolve('stale result for period 1'); // arrives late
    await flush();
    expect(h.state('q').value).toBeUndefined();
    expect(h.callsOf('c')).toHaveLength(0);
    expect(h.scheduler.getSnapshot().cells.q!.value).toBeUndefined();

    // The re-run started once the aborted run settled, with the latest inputs.
    expect(h.callsOf('q')).toHaveLength(2);
    expect(h.lastCall('q').inputs.period).toBe(2);
    h.lastCall('q').resolve('result for period 2');
    await flush();
    expect(h.state('q')).toMatchObject({ status: 'ready', value: 'result for period 2' });
    expect(h.lastCall('c').inputs).toEqual({ 'cell:q': 'result for period 2' });
  });

  test('the previous good value stays visible (stale) while re-running; a late failure is dropped too', async () => {
    const h = harness(cells);
    await flush();
    h.lastCall('q').resolve('v1');
    await flush();
    h.lastCall('c').resolve('chart v1');
    await flush();

    h.scheduler.setCells(withValue(cells, 'p', 2));
    await flush();
    expect(h.state('q')).toMatchObject({ status: 'running', value: 'v1' });
    const second = h.lastCall('q');
    h.scheduler.invalidate(['period']);
    expect(second.signal.aborted).toBe(true);
    expect(h.state('q')).toMatchObject({ status: 'pending', value: 'v1' });
    expect(h.state('c')).toMatchObject({ status: 'pending', value: 'chart v1' });
    second.reject(new Error('interrupted'));
    await flush();
    expect(h.state('q').status).toBe('running');
    expect(h.state('q').error).toBeUndefined();
  });

  test('an outside change (data) aborts runs reading it', async () => {
    const h = harness([view('v', 'overview'), param('p', 'n', 1), sql('q', 'SELECT $n')]);
    await flush();
    const v1 = h.lastCall('v');
    const q1 = h.lastCall('q');
    h.scheduler.setExternal('data', 'data-v2');
    expect(v1.signal.aborted).toBe(true);
    expect(q1.signal.aborted).toBe(true);
    v1.resolve('old');
    q1.resolve('old');
    await flush();
    expect(h.lastCall('v').inputs).toEqual({ data: 'data-v2' });
    expect(h.lastCall('q').inputs).toEqual({ data: 'data-v2', n: 1 });
    h.lastCall('v').resolve('new');
    await flush();
    expect(h.state('v').value).toBe('new');
  });

  test('50 rapid slider moves: the run in flight (aborted) and one final run, with the last value', async () => {
    const h = harness(cells);
    await flush();
    const first = h.lastCall('q');
    let current = cells;
    for (let i = 2; i <= 51; i++) {
      current = withValue(current, 'p', i);
      h.scheduler.setCells(current);
      await flush(); // even with time for work between moves
      expect(h.callsOf('q')).toHaveLength(1);
      expect(h.state('q').status).toBe('pending');
      expect(h.state('p').value).toBe(i);
    }
    expect(first.signal.aborted).toBe(true);
    first.resolve('late');
    await flush();
    expect(h.callsOf('q')).toHaveLength(2);
    expect(h.lastCall('q').inputs.period).toBe(51);
    h.lastCall('q').resolve('final');
    await flush();
    h.lastCall('c').resolve('chart');
    await flush();
    expect(h.callsOf('q')).toHaveLength(2);
    expect(h.callsOf('c')).toHaveLength(1);
    expect(h.lastCall('c').inputs['cell:q']).toBe('final');
    expect(h.state('q')).toMatchObject({ status: 'ready', value: 'final' });
  });

  test('50 invalidations in one burst, with a run that stops at once on abort: at most 2 runs', async () => {
    const h = harness(cells, { respectAbort: true });
    await flush();
    let current = cells;
    for (let i = 2; i <= 51; i++) {
      current = withValue(current, 'p', i);
      h.scheduler.setCells(current);
      h.scheduler.invalidate(['period']);
    }
    await flush();
    expect(h.callsOf('q').length).toBeLessThanOrEqual(2);
    expect(h.callsOf('q')[0]!.signal.aborted).toBe(true);
    expect(h.lastCall('q').inputs.period).toBe(51);
    h.lastCall('q').resolve('final');
    await flush();
    expect(h.state('q')).toMatchObject({ status: 'ready', value: 'final' });
  });

  test('a run that ignores its signal is abandoned after abandonAfterMs, and its result still dropped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const h = harness(cells, { abandonAfterMs: 1000 });
    await flush();
    const stuck = h.lastCall('q');
    h.scheduler.setCells(withValue(cells, 'p', 2));
    await flush();
    expect(h.callsOf('q')).toHaveLength(1);
    vi.advanceTimersByTime(999);
    await flush();
    expect(h.callsOf('q')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await flush();
    expect(h.callsOf('q')).toHaveLength(2);
    h.lastCall('q').resolve('fresh');
    await flush();
    stuck.resolve('stale');
    await flush();
    expect(h.state('q').value).toBe('fresh');
  });

  test('an aborted run settling before the replacement starts does not start a second replacement', async () => {
    const h = harness(cells);
    await flush();
    const first = h.lastCall('q');
    h.scheduler.setCells(withValue(cells, 'p', 2));
    first.resolve('late');
    h.scheduler.setCells(withValue(cells, 'p', 3));
    await flush();
    expect(h.callsOf('q')).toHaveLength(2);
    expect(h.lastCall('q').inputs.period).toBe(3);
  });
});

describe('errors stay in the failing cell', () => {
  const cells = [
    param('p', 'period', '2024Q4'),
    sql('bad', 'SELECT nope FROM dataset WHERE period = $period'),
    chart('bad-chart', 'bad'),
    sql('good', 'SELECT 1 WHERE $period IS NOT NULL'),
    chart('good-chart', 'good'),
    scheme(1),
    view('tiers', 'tiers', { periodParam: 'period' }),
  ];

  async function settle(h: ReturnType<typeof harness>) {
    await flush();
    h.lastCall('bad').reject(new Error('Binder Error: column "nope" not found'));
    h.lastCall('good').resolve('ok');
    h.lastCall('tiers').resolve('tiers');
    await flush();
    h.lastCall('good-chart').resolve('good chart');
    await flush();
  }

  test('the failing cell fails, its dependents are blocked naming it, the rest runs', async () => {
    const h = harness(cells);
    await settle(h);
    expect(h.state('bad')).toMatchObject({ status: 'failed', error: 'Binder Error: column "nope" not found' });
    expect(h.state('bad').value).toBeUndefined();
    expect(h.state('bad-chart')).toMatchObject({ status: 'blocked', blockedBy: 'cell:bad' });
    expect(h.state('bad-chart').error).toBe('input cell bad failed');
    expect(h.callsOf('bad-chart')).toHaveLength(0);
    expect(h.state('good-chart')).toMatchObject({ status: 'ready', value: 'good chart' });
    expect(h.state('tiers')).toMatchObject({ status: 'ready', value: 'tiers' });
  });

  test('fixing the failing cell re-runs it and unblocks its dependents', async () => {
    const h = harness(cells);
    await settle(h);
    const fixed = cells.map((c) => (c.id === 'bad' ? sql('bad', 'SELECT 1 AS x WHERE $period IS NOT NULL') : c));
    const before = h.calls.length;
    h.scheduler.setCells(fixed);
    await flush();
    expect(h.calls.slice(before).map((c) => c.cell.id)).toEqual(['bad']);
    expect(h.state('bad-chart').status).toBe('pending');
    h.lastCall('bad').resolve('rows');
    await flush();
    expect(h.state('bad-chart').status).toBe('running');
  });

  test('a synchronous throw in run is a failure of that cell', async () => {
    const scheduler = new Scheduler({
      run: (cell) => {
        if (cell.id === 'a') throw new Error('boom');
        return Promise.resolve(cell.id);
      },
      cells: [sql('a', 'SELECT 1'), chart('ca', 'a'), sql('b', 'SELECT 2')],
    });
    await scheduler.whenIdle();
    expect(scheduler.getCellState('a')).toMatchObject({ status: 'failed', error: 'boom' });
    expect(scheduler.getCellState('ca')).toMatchObject({ status: 'blocked', blockedBy: 'cell:a' });
    expect(scheduler.getCellState('b')).toMatchObject({ status: 'ready', value: 'b' });
  });

  test('graph problems show on the cells concerned; other cells run', async () => {
    const h = harness([
      param('p1', 'period', 1),
      param('p2', 'period', 2),
      sql('q', 'SELECT $period'),
      sql('m', 'SELECT $missing'),
      chart('cm', 'm'),
      sql('ok', 'SELECT 1'),
    ]);
    await flush();
    expect(h.state('p1').status).toBe('failed');
    expect(h.state('p1').error).toContain('also defined by cell p2');
    expect(h.state('p2').status).toBe('failed');
    expect(h.state('q')).toMatchObject({ status: 'blocked', blockedBy: 'period' });
    expect(h.state('m')).toMatchObject({ status: 'blocked', blockedBy: 'missing', error: 'no cell defines "missing"' });
    expect(h.state('cm')).toMatchObject({ status: 'blocked', blockedBy: 'cell:m', error: 'input cell m is blocked' });
    expect(h.calls.map((c) => c.cell.id)).toEqual(['ok']);
  });
});

describe('setCells re-plans: only edited cells and their dependents re-run', () => {
  const cells: readonly Cell[] = [
    param('p', 'period', 1),
    param('n', 'limit', 10),
    sql('q1', 'SELECT $period'),
    chart('c1', 'q1'),
    sql('q2', 'SELECT $limit'),
    chart('c2', 'q2'),
    scheme(100),
    view('v', 'tiers', { periodParam: 'period' }),
    view('o', 'overview'),
  ];

  /** Runs everything to ready; every run resolves with `<id>#<call number>`. */
  async function ready(h: ReturnType<typeof harness>): Promise<void> {
    for (let round = 0; round < 5; round++) {
      await flush();
      h.calls.forEach((c, i) => c.resolve(`${c.cell.id}#${i}`));
    }
    await flush();
  }

  const started = (h: ReturnType<typeof harness>, from: number) =>
    h.calls
      .slice(from)
      .map((c) => c.cell.id)
      .sort();

  test.each<[string, (cells: readonly Cell[]) => Cell[], string[]]>([
    ['reordering', (cs) => [...cs].reverse(), []],
    ['moving one cell', (cs) => [cs[3]!, ...cs.filter((_, i) => i !== 3)], []],
    ['a title or collapsed change', (cs) => cs.map((c) => (c.id === 'q1' ? { ...c, title: 'T', collapsed: true } : c)), []],
    ['the same content, rebuilt with other key order', (cs) => cs.map((c) => ({ ...c }) as Cell), []],
    ['editing an SQL cell', (cs) => cs.map((c) => (c.id === 'q2' ? sql('q2', 'SELECT $limit + 1') : c)), ['c2', 'q2']],
    ['editing a chart', (cs) => cs.map((c) => (c.id === 'c1' ? chart('c1', 'q1', 'other') : c)), ['c1']],
    ['a param value', (cs) => withValue(cs, 'p', 2), ['c1', 'q1', 'v']],
    ['the scheme', (cs) => cs.map((c) => (c.id === 's' ? scheme(200) : c)), ['v']],
    ['adding a cell', (cs) => [...cs, sql('q3', 'SELECT $limit')], ['q3']],
    ['removing a chart', (cs) => cs.filter((c) => c.id !== 'c2'), []],
  ])('%s', async (_what, change, rerun) => {
    const h = harness(cells);
    await ready(h);
    const before = h.calls.length;
    const snapshot = h.scheduler.getSnapshot();
    h.scheduler.setCells(change(cells));
    await ready(h); // dependents start as their inputs become ready
    expect(started(h, before)).toEqual(rerun);
    // Cells that did not re-run keep their very state objects.
    for (const id of Object.keys(snapshot.cells)) {
      const now = h.scheduler.getSnapshot().cells[id];
      if (now && !rerun.includes(id) && id !== 'p' && id !== 's') expect(now).toBe(snapshot.cells[id]);
    }
  });

  test('a reorder keeps the snapshot order in step with the notebook', async () => {
    const h = harness(cells);
    await ready(h);
    h.scheduler.setCells([...cells].reverse());
    expect(h.scheduler.getSnapshot().order).toEqual([...cells].reverse().map((c) => c.id));
  });

  test('removing a param blocks its readers; adding it back re-runs them', async () => {
    const h = harness(cells);
    await ready(h);
    const without = cells.filter((c) => c.id !== 'n');
    h.scheduler.setCells(without);
    await flush();
    expect(h.state('q2')).toMatchObject({ status: 'blocked', blockedBy: 'limit' });
    expect(h.state('c2')).toMatchObject({ status: 'blocked', blockedBy: 'cell:q2' });
    expect(h.state('q1').status).toBe('ready');
    const before = h.calls.length;
    h.scheduler.setCells(cells);
    await flush();
    expect(started(h, before)).toEqual(['q2']);
  });

  test('removing a running cell aborts it; its result is dropped', async () => {
    const h = harness(cells);
    await flush();
    const q2 = h.lastCall('q2');
    h.scheduler.setCells(cells.filter((c) => c.id !== 'q2'));
    expect(q2.signal.aborted).toBe(true);
    q2.resolve('late');
    await flush();
    expect(h.scheduler.getSnapshot().cells.q2).toBeUndefined();
    expect(h.state('c2')).toMatchObject({ status: 'blocked', blockedBy: 'cell:q2' });
  });

  test('rerun re-runs a cell and its dependents only', async () => {
    const h = harness(cells);
    await ready(h);
    const before = h.calls.length;
    h.scheduler.rerun(['q1']);
    await flush();
    expect(started(h, before)).toEqual(['q1']);
    h.lastCall('q1').resolve('again');
    await flush();
    expect(started(h, before)).toEqual(['c1', 'q1']);
  });
});

describe('dispose', () => {
  test('aborts runs, drops results, stops notifying', async () => {
    const h = harness([sql('q', 'SELECT 1')]);
    await flush();
    const listener = vi.fn();
    h.scheduler.subscribe(listener);
    const q = h.lastCall('q');
    h.scheduler.dispose();
    expect(q.signal.aborted).toBe(true);
    q.resolve('late');
    await flush();
    expect(h.state('q').status).toBe('running');
    h.scheduler.invalidate(['data']);
    h.scheduler.setCells([]);
    await flush();
    expect(listener).not.toHaveBeenCalled();
    expect(h.calls).toHaveLength(1);
  });
});

describe('cells off screen wait until they are looked at', () => {
  const cells: Cell[] = [param('p', 'n', 1), scheme(1), sql('q', 'SELECT $n AS x'), chart('c', 'q'), view('v1', 'tiers'), view('v2', 'overview')];

  test('only wanted cells (and what they read) run; the others are deferred and count as idle', async () => {
    const onScreen = new Set(['c']);
    const h = harness(cells);
    h.scheduler.setWanted((id) => onScreen.has(id));
    await flush();
    // The chart is wanted, so the SQL cell it reads runs although it is off screen.
    expect(h.callsOf('q')).toHaveLength(1);
    expect(h.callsOf('v1')).toHaveLength(0);
    h.lastCall('q').resolve({ rows: [] });
    await flush();
    h.lastCall('c').resolve('chart');
    await flush();
    expect([h.state('v1').status, h.state('v2').status]).toEqual(['deferred', 'deferred']);
    await expect(Promise.race([h.scheduler.whenIdle().then(() => 'idle'), flush().then(() => 'busy')])).resolves.toBe('idle');
    // Scrolling v1 into view starts it; v2 stays deferred.
    onScreen.add('v1');
    h.scheduler.wantedChanged();
    await flush();
    expect(h.callsOf('v1')).toHaveLength(1);
    expect(h.callsOf('v2')).toHaveLength(0);
  });

  test('a deferred cell keeps its stale value, and new data re-runs only what is wanted', async () => {
    const onScreen = new Set(['v1', 'v2']);
    const h = harness(cells);
    h.scheduler.setWanted((id) => onScreen.has(id));
    await flush();
    h.lastCall('v1').resolve('tiers-1');
    h.lastCall('v2').resolve('overview-1');
    await flush();
    onScreen.delete('v2');
    h.scheduler.setExternal('data', 'data-v2');
    await flush();
    expect(h.callsOf('v1')).toHaveLength(2);
    expect(h.callsOf('v2')).toHaveLength(1);
    expect(h.state('v2')).toMatchObject({ status: 'deferred', value: 'overview-1' });
    onScreen.add('v2');
    h.scheduler.wantedChanged();
    await flush();
    expect(h.lastCall('v2').inputs.data).toBe('data-v2');
    h.lastCall('v2').resolve('overview-2');
    await flush();
    expect(h.state('v2')).toMatchObject({ status: 'ready', value: 'overview-2' });
  });

  test('a run scrolled away from is stopped, its result dropped, and it re-runs when seen again', async () => {
    const onScreen = new Set(['v1', 'v2']);
    const h = harness(cells, { respectAbort: true });
    h.scheduler.setWanted((id) => onScreen.has(id));
    await flush();
    const first = h.lastCall('v2');
    onScreen.delete('v2');
    h.scheduler.wantedChanged();
    await flush();
    expect(first.signal.aborted).toBe(true);
    expect(h.state('v2').status).toBe('deferred');
    first.resolve('late');
    await flush();
    expect(h.state('v2').value).toBeUndefined();
    onScreen.add('v2');
    h.scheduler.wantedChanged();
    await flush();
    expect(h.callsOf('v2')).toHaveLength(2);
  });

  test('without a predicate every cell runs (tests, the command line)', async () => {
    const h = harness(cells);
    h.scheduler.setWanted((id) => id === 'v1');
    h.scheduler.setWanted(undefined);
    await flush();
    expect(['q', 'v1', 'v2'].map((id) => h.callsOf(id).length)).toEqual([1, 1, 1]);
  });
});
