import { MissingFieldError } from '../schemes/compile';
import { tiersOf, type Scheme } from '../schemes/types';
import type { Analyst } from '../app/analyst';
import type { ViewKind } from '../notebook/types';
import { viewDef, type ViewModel } from './registry';
import { schemeVars, ViewNotApplicable, type ViewContext, type ViewInputs, type ViewNeeds, type ViewOptions } from './view';

function param(inputs: ViewInputs, options: ViewOptions, key: string, fallback: string | null): string | null {
  const name = options[key];
  const v = typeof name === 'string' ? inputs.params[name] : undefined;
  return typeof v === 'string' && v !== '' ? v : fallback;
}

/** Throws the view's reason when what it needs is missing (before it asks the analyst anything). */
function check(needs: ViewNeeds | undefined, ctx: ViewContext): void {
  if (!needs) return;
  if (needs.scheme && ctx.scheme.kind !== needs.scheme.kind) throw new ViewNotApplicable(needs.scheme.reason, schemeVars(ctx.scheme));
  if (needs.field && !(ctx.dataset.fields as readonly string[]).includes(needs.field.name)) throw new ViewNotApplicable(needs.field.reason);
  if (needs.periods?.atLeast === 1 && ctx.dataset.periods.length === 0) throw new ViewNotApplicable(needs.periods.reason);
  if (needs.periods?.atLeast === 2 && (ctx.from === null || ctx.to === null || ctx.from === ctx.to)) throw new ViewNotApplicable(needs.periods.reason);
}

/** The context a view computes in: the parameters its options name, resolved (latest periods by default). */
function contextOf(options: ViewOptions, inputs: ViewInputs, analyst: Analyst, signal: AbortSignal | undefined): ViewContext {
  const { dataset, scheme } = inputs;
  const latest = dataset.periods.at(-1) ?? null;
  const from = param(inputs, options, 'fromParam', dataset.periods.at(-2) ?? null);
  const to = param(inputs, options, 'toParam', latest);
  return {
    ...inputs,
    options,
    analyst,
    signal,
    period: param(inputs, options, 'periodParam', latest),
    from,
    to,
    pair: () => {
      if (from === null || to === null || from === to) throw new ViewNotApplicable('viewTwoPeriods');
      return [from, to];
    },
    order: tiersOf(scheme).map((t) => t.id),
    tuning: () => inputs.saved !== null && JSON.stringify(inputs.saved) !== JSON.stringify(inputs.scheme),
  };
}

/**
 * Computes one view. Threshold-dependent numbers come from the analyst's tuners where it has
 * them (so they follow a slider), the rest from SQL; both honour `signal`. A view that does not
 * apply here says why (a note, not an error); an unknown kind throws.
 */
export async function computeView(view: ViewKind, options: ViewOptions, inputs: ViewInputs, analyst: Analyst, signal?: AbortSignal): Promise<ViewModel> {
  const def = viewDef(view);
  try {
    const ctx = contextOf(options, inputs, analyst, signal);
    check(def.needs, ctx);
    return (await def.compute(ctx)) as ViewModel;
  } catch (e) {
    if (e instanceof ViewNotApplicable) return { view: 'not-applicable', reason: { code: e.code, params: e.params } };
    if (e instanceof MissingFieldError) return { view: 'not-applicable', reason: { code: 'viewNeedsField', params: { ...schemeVars(inputs.scheme as Scheme), field: e.field } } };
    throw e;
  }
}
