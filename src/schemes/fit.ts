import { compileScheme, MissingFieldError, Resolver } from './compile';
import { PRESETS } from './presets';
import type { Scheme } from './types';

/** How well a scheme fits a dataset's columns. */
export interface SchemeFit {
  readonly scheme: Scheme;
  /** Every field the main rule needs is in the data. */
  readonly runnable: boolean;
  /** Fields the main rule needs that the data has, and those it lacks. */
  readonly required: readonly string[];
  readonly missing: readonly string[];
  /** Optional fields (overrides, declared optional) the data has, and those it lacks. */
  readonly optionalPresent: readonly string[];
  readonly optionalAbsent: readonly string[];
}

/** The fit of one scheme: compiled against the columns, each missing field noted and assumed, until it compiles. */
export function fitOf(scheme: Scheme, columns: ReadonlySet<string>): SchemeFit {
  const assumed = new Set(columns);
  const missing: string[] = [];
  let fields: readonly string[] = [];
  for (;;) {
    try {
      fields = compileScheme(scheme, { table: 't', columns: assumed }).fields;
      break;
    } catch (e) {
      if (!(e instanceof MissingFieldError) || assumed.has(e.field)) throw e;
      missing.push(e.field);
      assumed.add(e.field);
    }
  }
  const r = new Resolver(scheme, { table: 't', columns });
  const optional = [...new Set([...(scheme.optional ?? []), ...(scheme.overrides ?? []).flatMap((o) => r.fieldsOf(o.when))])];
  return {
    scheme,
    runnable: missing.length === 0,
    required: fields.filter((f) => columns.has(f) && !optional.includes(f)),
    missing,
    optionalPresent: optional.filter((f) => columns.has(f)),
    optionalAbsent: optional.filter((f) => !columns.has(f)),
  };
}

/** The built-in schemes that can run on data with these columns, in the presets' order. */
export function runnablePresets(columns: ReadonlySet<string>): Scheme[] {
  return PRESETS.filter((p) => fitOf(p, columns).runnable);
}

/** Share of a scheme's optional fields the data has (1 for a scheme without any). */
const optionalShare = (f: SchemeFit) => {
  const total = f.optionalPresent.length + f.optionalAbsent.length;
  return total === 0 ? 1 : f.optionalPresent.length / total;
};

/**
 * Schemes best first for these columns: those that can run, then by the share of their optional
 * fields the data has, then in the given order (the presets' order puts the common schemes of
 * each field first: retail before star points, corporate layers before the value matrices).
 */
export function rankSchemes(columns: ReadonlySet<string>, schemes: readonly Scheme[] = PRESETS): SchemeFit[] {
  return schemes
    .map((scheme, i) => ({ fit: fitOf(scheme, columns), i }))
    .sort((a, b) => Number(b.fit.runnable) - Number(a.fit.runnable) || optionalShare(b.fit) - optionalShare(a.fit) || a.i - b.i)
    .map((x) => x.fit);
}

/** What the notebook does with a scheme when data arrives. */
export interface SchemeChoice {
  /** The scheme to use: the current one when it can run, else the best that can. */
  readonly fit: SchemeFit;
  /** The current scheme could not run, so another was chosen. */
  readonly switched: boolean;
  /** The current scheme's fit (what it lacked), when it was replaced. */
  readonly replaced?: SchemeFit;
  /** Other presets that can run on the data, best first. */
  readonly alternatives: readonly SchemeFit[];
}

/**
 * Keeps the current scheme when the data has what it needs; otherwise picks the best-ranked
 * preset that can run. Undefined `fit.runnable` means no preset can run (the current stays).
 */
export function chooseScheme(current: Scheme | undefined, columns: ReadonlySet<string>): SchemeChoice {
  const ranked = rankSchemes(columns);
  const currentFit = current ? fitOf(current, columns) : undefined;
  const best = ranked[0]!;
  const keep = currentFit && (currentFit.runnable || !best.runnable);
  const fit = keep ? currentFit : best;
  return {
    fit,
    switched: !keep && currentFit !== undefined,
    replaced: keep ? undefined : currentFit,
    alternatives: ranked.filter((f) => f.runnable && f.scheme.id !== fit.scheme.id),
  };
}

/** A scheme the user chose: its fit, and the other presets that can run (nothing was switched). */
export function chosenScheme(scheme: Scheme, columns: ReadonlySet<string>): SchemeChoice {
  return { fit: fitOf(scheme, columns), switched: false, alternatives: rankSchemes(columns).filter((f) => f.runnable && f.scheme.id !== scheme.id) };
}
