/**
 * Markov projection of the tier mix: "if customers keep moving as they did in this step,
 * where does today's book end up n periods from now?"
 */
import { GONE, type TransitionMatrix } from './migration';

/** Longest horizon offered: 60 monthly steps = five years; beyond that the assumption of a constant matrix is not credible. */
export const MAX_HORIZON = 60;

/** Shown with every projection, since the model leaves inflow out on purpose. */
export const PROJECTION_NOTE =
  'Cohort projection: the current customers move by the observed one-step transition shares; ' +
  'customers who leave stay gone, and new customers ((new) inflow) are not modelled.';

/** A row-stochastic transition matrix over named states. */
export interface MarkovChain {
  /** Tier ids in tier order, then `(gone)`. */
  readonly states: readonly string[];
  /** `P[i][j]` = probability of moving from state i to state j in one step; rows sum to 1. */
  readonly P: readonly (readonly number[])[];
}

/**
 * Row-stochastic cohort matrix from one step's counts: the tiers of the matrix plus an
 * absorbing `(gone)` state. The `(new)` row is dropped — it describes inflow, not where
 * existing customers go. A tier with no customers in the earlier period has no observed
 * behaviour; it gets an identity row (its customers, if a start mix gives it any, stay put)
 * rather than a row of zeros that would make customers vanish from the projection.
 */
export function cohortChain(matrix: TransitionMatrix): MarkovChain {
  const states = [...matrix.cols]; // tiers in order, `(gone)` last
  const P = states.map((state, i) => {
    if (state === GONE) return states.map((_, j) => (j === i ? 1 : 0));
    const row = matrix.counts[i + 1]!; // row 0 of the migration matrix is `(new)`
    const total = matrix.rowTotals[i + 1]!;
    return total === 0 ? states.map((_, j) => (j === i ? 1 : 0)) : row.map((v) => v / total);
  });
  return { states, P };
}

/** Row vector times matrix: one step of a Markov chain, `x · P`. */
export function stepVector(x: readonly number[], P: readonly (readonly number[])[]): number[] {
  const out = new Array<number>(P.length).fill(0);
  P.forEach((row, i) => {
    const xi = x[i] ?? 0;
    if (xi === 0) return;
    row.forEach((p, j) => {
      out[j]! += xi * p;
    });
  });
  return out;
}

/** `P^n` by repeated multiplication (n is at most {@link MAX_HORIZON}, so squaring buys nothing). */
export function matrixPower(P: readonly (readonly number[])[], n: number): number[][] {
  let M: number[][] = P.map((_, i) => P.map((_, j) => (i === j ? 1 : 0)));
  for (let k = 0; k < n; k++) M = M.map((row) => stepVector(row, P));
  return M;
}

export interface ProjectionStep {
  readonly n: number;
  /** Expected customers per tier, plus `(gone)` = expected leavers so far; same units as the start mix. */
  readonly mix: Readonly<Record<string, number>>;
}

export interface Projection {
  /** n = 0 (the start mix) through the horizon. */
  readonly steps: readonly ProjectionStep[];
  readonly note: string;
}

/**
 * Projects `mix_{t+n} = mix_t · P^n` for n = 0..horizon, P from {@link cohortChain}.
 *
 * The start mix defaults to the later period of the step (customers per tier in `colTotals`,
 * none gone yet) — the book as it stands now. Pass `start` to project another mix (counts or
 * shares; tiers not named are 0). The result is computed step by step, each step one vector
 * multiplication, so every n up to the horizon is available for a chart.
 */
export function projectTierMix(matrix: TransitionMatrix, horizon: number, start?: Readonly<Record<string, number>>): Projection {
  if (!Number.isInteger(horizon) || horizon < 0 || horizon > MAX_HORIZON) {
    throw new Error(`Projection: horizon must be an integer from 0 to ${MAX_HORIZON}, got ${horizon}`);
  }
  const { states, P } = cohortChain(matrix);
  if (start) {
    for (const [k, v] of Object.entries(start)) {
      if (!states.includes(k)) throw new Error(`Projection: unknown tier "${k}" in the start mix (known: ${states.join(', ')})`);
      if (!Number.isFinite(v) || v < 0) throw new Error(`Projection: invalid start value ${v} for "${k}"`);
    }
  }
  let x = states.map((s, i) => (start ? (start[s] ?? 0) : s === GONE ? 0 : matrix.colTotals[i]!));
  const toMix = (v: readonly number[]): Record<string, number> => Object.fromEntries(states.map((s, i) => [s, v[i]!]));
  const steps: ProjectionStep[] = [{ n: 0, mix: toMix(x) }];
  for (let n = 1; n <= horizon; n++) {
    x = stepVector(x, P);
    steps.push({ n, mix: toMix(x) });
  }
  return { steps, note: PROJECTION_NOTE };
}
