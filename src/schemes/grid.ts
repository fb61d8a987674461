import type { KnobKind } from './knobs';

/**
 * The "nice" grids knob sliders and arrow keys move on: round numbers a banker would type, with
 * a step that grows with the value's magnitude. Pure and closed-form (no tables), so a slider
 * move costs a few arithmetic operations.
 *
 * A grid keeps `digits` significant digits, and never steps finer than `unit`:
 *
 *     step(v) = max(unit, 10^(floor(log10 |v|) − digits + 1))
 *
 * | kind            | unit    | digits | so                                                        |
 * |-----------------|---------|--------|-----------------------------------------------------------|
 * | amount (yuan)   | 1000    | 2      | 0.1万 below 10万, 1万 to 100万, 10万 to 1000万, 100万 to 1亿, 1000万 to 10亿 … |
 * | score, count    | 1       | 3      | whole points below 1000, then 10, 100 … (star points 80,000 → 80,100) |
 * | share (0–1)     | 0.01    | 2      | 1 % steps                                                 |
 * | weight          | 0.01    | 2      | 0.35 → 0.36, 80 → 81, 150 → 160                           |
 *
 * Above 10万 an amount's step is 1–10 % of it in every decade, so the thumb moves evenly over
 * magnitudes; the 0.1万 floor keeps 0–1万 to a sliver of the track.
 *
 * Grid points are numbered by an integer index (the slider's own value): 0 is 0, indices below
 * `10^digits` count units, and each decade above adds `9 × 10^(digits−1)` points. Negative
 * values mirror positive ones. `position` extends the index to any value (fractional between
 * grid points), which is how an off-grid value (301,234 typed) finds its neighbours on the grid.
 */
export interface Grid {
  /** The finest step is 10^unitExp. */
  readonly unitExp: number;
  readonly digits: number;
}

const GRIDS: Readonly<Record<KnobKind, Grid>> = {
  amount: { unitExp: 3, digits: 2 },
  score: { unitExp: 0, digits: 3 },
  count: { unitExp: 0, digits: 3 },
  share: { unitExp: -2, digits: 2 },
  weight: { unitExp: -2, digits: 2 },
};

export function gridOf(kind: KnobKind): Grid {
  return GRIDS[kind];
}

/** Page Up/Down move this many grid steps. */
export const PAGE_STEPS = 10;

// Relative tolerance for float noise: 0.29 / 0.01 is 28.999999999999996, meant as 29.
const EPS = 1e-9;
const snapInt = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x - r) <= EPS * Math.max(1, Math.abs(x)) ? r : x;
};

/** A value in units of the grid (10^unitExp); exact decimals stay exact integers. */
const toUnits = (g: Grid, v: number) => snapInt(g.unitExp >= 0 ? v / 10 ** g.unitExp : v * 10 ** -g.unitExp);
// Dividing by an exact power of ten gives the double nearest the decimal (29 / 100 is 0.29).
const fromUnits = (g: Grid, x: number) => (g.unitExp >= 0 ? x * 10 ** g.unitExp : x / 10 ** -g.unitExp);

/** The decade k of x ≥ 1 (10^k ≤ x < 10^(k+1)), corrected for log10's rounding. */
function decade(x: number): number {
  let k = Math.floor(Math.log10(x));
  if (10 ** k > x) k--;
  else if (10 ** (k + 1) <= x) k++;
  return k;
}

/**
 * Where `value` sits on the grid: an integer for a grid point, fractional between two; monotonic
 * and continuous, so floor/ceil give the grid points around an off-grid value.
 */
export function position(g: Grid, value: number): number {
  if (!Number.isFinite(value)) return value;
  if (value < 0) return -position(g, -value);
  const x = toUnits(g, value);
  const full = 10 ** g.digits;
  if (x < full) return x;
  const k = decade(x);
  const perDecade = 9 * 10 ** (g.digits - 1);
  const m = snapInt(x / 10 ** (k - g.digits + 1));
  return full + (k - g.digits) * perDecade + (m - 10 ** (g.digits - 1));
}

/** The value of grid point `index` (an integer). */
export function valueAt(g: Grid, index: number): number {
  if (index < 0) return -valueAt(g, -index);
  const full = 10 ** g.digits;
  if (index < full) return fromUnits(g, index);
  const perDecade = 9 * 10 ** (g.digits - 1);
  const j = index - full;
  const k = g.digits + Math.floor(j / perDecade);
  const m = 10 ** (g.digits - 1) + (j % perDecade);
  return fromUnits(g, m * 10 ** (k - g.digits + 1));
}

export function onGrid(g: Grid, value: number): boolean {
  return Number.isInteger(position(g, value));
}

/**
 * `n` grid steps from `value` (n > 0 up, n < 0 down). From an off-grid value the first step
 * lands on the adjacent grid point in that direction, so 301,234 → 31万 (up) or 30万 (down).
 */
export function stepFrom(g: Grid, value: number, n: number): number {
  if (n === 0 || !Number.isFinite(value)) return value;
  const p = position(g, value);
  if (Number.isInteger(p)) return valueAt(g, p + n);
  return valueAt(g, n > 0 ? Math.ceil(p) + n - 1 : Math.floor(p) + n + 1);
}

/** The grid point nearest to `value` (a slider's thumb for an off-grid value). */
export function nearestIndex(g: Grid, value: number): number {
  return Math.round(position(g, value));
}

/** A knob's neighbours in value order: it must stay above `below` and under `above`. */
export interface Neighbours {
  readonly below?: number;
  readonly above?: number;
}

/**
 * The values a move (drag, keys) may reach: the slider's range, but one grid step short of each
 * neighbour — never on it, so ladder bounds stay strictly ordered and no tier between two bounds
 * inverts or empties by construction. The current value always stays allowed (a typed off-grid
 * value between two close neighbours simply cannot move). `byNeighbour` says which end a
 * neighbour set, for the hint that explains a stop.
 */
export interface Allowed {
  readonly lo: number;
  readonly hi: number;
  readonly loByNeighbour: boolean;
  readonly hiByNeighbour: boolean;
}

export function allowedRange(g: Grid, value: number, min: number, max: number, n: Neighbours): Allowed {
  const rangeLo = valueAt(g, Math.ceil(position(g, Math.min(min, value))));
  const rangeHi = valueAt(g, Math.floor(position(g, Math.max(max, value))));
  const nLo = n.below === undefined ? -Infinity : stepFrom(g, n.below, 1);
  const nHi = n.above === undefined ? Infinity : stepFrom(g, n.above, -1);
  const loByNeighbour = nLo >= rangeLo;
  const hiByNeighbour = nHi <= rangeHi;
  return {
    lo: Math.min(loByNeighbour ? nLo : rangeLo, value),
    hi: Math.max(hiByNeighbour ? nHi : rangeHi, value),
    loByNeighbour,
    hiByNeighbour,
  };
}

/** A requested value kept inside the allowed range; `stopped` names the neighbour that held it back. */
export interface Moved {
  readonly value: number;
  readonly stopped?: 'below' | 'above';
}

function clampTo(a: Allowed, target: number): Moved {
  if (target > a.hi) return a.hiByNeighbour ? { value: a.hi, stopped: 'above' } : { value: a.hi };
  if (target < a.lo) return a.loByNeighbour ? { value: a.lo, stopped: 'below' } : { value: a.lo };
  return { value: target };
}

/** A drag to slider index `index`: its grid value, held inside the allowed range. */
export function dragTo(g: Grid, index: number, a: Allowed): Moved {
  return clampTo(a, valueAt(g, index));
}

/**
 * The value a key press moves to, or undefined for keys that do not move a slider. Arrows move
 * one grid step (reversibly: → → ← ← from a grid point returns to it exactly), Page Up/Down
 * `PAGE_STEPS` steps, Home/End to the allowed ends. A move never goes against its key: at a
 * stop, the value stays.
 */
export function keyMove(g: Grid, value: number, key: string, a: Allowed): Moved | undefined {
  let target: number;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      target = stepFrom(g, value, 1);
      break;
    case 'ArrowLeft':
    case 'ArrowDown':
      target = stepFrom(g, value, -1);
      break;
    case 'PageUp':
      target = stepFrom(g, value, PAGE_STEPS);
      break;
    case 'PageDown':
      target = stepFrom(g, value, -PAGE_STEPS);
      break;
    // The ends a neighbour sets are explained like any other stop.
    case 'Home':
      return a.loByNeighbour ? { value: a.lo, stopped: 'below' } : { value: a.lo };
    case 'End':
      return a.hiByNeighbour ? { value: a.hi, stopped: 'above' } : { value: a.hi };
    default:
      return undefined;
  }
  const moved = clampTo(a, target);
  const up = target > value;
  if (up ? moved.value < value : moved.value > value) return moved.stopped ? { value, stopped: moved.stopped } : { value };
  return moved;
}

/**
 * A typed value: exact, whatever the grid, unless it reaches past a neighbour (or onto it, as
 * bounds must differ); then it stops where a drag would, one grid step short of that neighbour
 * (or stays at `current` when no grid point fits between the two neighbours).
 */
export function typedValue(g: Grid, n: Neighbours, current: number, typed: number): Moved {
  const fits = (v: number) => (n.below === undefined || v > n.below) && (n.above === undefined || v < n.above);
  if (n.above !== undefined && typed >= n.above) {
    const target = stepFrom(g, n.above, -1);
    return { value: fits(target) ? target : current, stopped: 'above' };
  }
  if (n.below !== undefined && typed <= n.below) {
    const target = stepFrom(g, n.below, 1);
    return { value: fits(target) ? target : current, stopped: 'below' };
  }
  return { value: typed };
}
