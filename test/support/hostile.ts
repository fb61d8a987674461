/**
 * Shared by `scripts/make-hostile-corpus.ts` (which writes the corpus and its table of expected
 * outcomes) and `test/engine/hostile-cli.test.ts` (which checks the product against it).
 */
import { readFileSync } from 'node:fs';
import type { Problem } from '../../src/ingest/report';

export const HOSTILE_DIR = 'test/fixtures/hostile';
export const EXPECTED_FILE = `${HOSTILE_DIR}/expected.json`;

/** One spot check of a parsed row (matched by customer_id as written in the file). */
export interface HostileValue {
  readonly customer_id: string;
  /** The number the cell means, or null when it has none (`-`, `N/A`, unreadable): never 0. */
  readonly aum: number | null;
  /** The period as DuckDB shows it (e.g. `2025-01-31`), when the file has a period column. */
  readonly period?: string;
  /** The name exactly as in the file (encodings, HTML, formula text must survive verbatim). */
  readonly customer_name?: string;
}

export interface HostileCase {
  /** File name in `test/fixtures/hostile/` (or the name given to a file generated at test time). */
  readonly file: string;
  readonly case: string;
  /** What the in-process (browser) ingest must end in. */
  readonly outcome: 'ok' | 'ok-with-warning' | 'error';
  /** Rows that load (in-process and, when the CLI succeeds, rows in its output). */
  readonly rows?: number;
  /**
   * Regex source the error (outcome `error`) or one of the warnings (`ok-with-warning`) must
   * match; warnings are rendered `file, line N, column "C": message (value "V")` and joined by
   * newlines, so a pattern may span several of them.
   */
  readonly message?: string;
  readonly values?: readonly HostileValue[];
  /** Field → column choices the file needs (`--map field=column`; ingest `overrides`). */
  readonly map?: Readonly<Record<string, string>>;
  /** Not a committed file: made at test time (the 2 GiB case). */
  readonly generated?: string;
  readonly cli?: { readonly exit: 0 | 1; readonly stderr?: string };
}

export function readExpected(): HostileCase[] {
  return JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as HostileCase[];
}

/** A problem as the load report shows it: file, line, column, message, value. */
export function formatProblem(p: Problem): string {
  const where = `${p.file}${p.line !== undefined ? `, line ${p.line}` : ''}${p.column !== undefined ? `, column "${p.column}"` : ''}`;
  return `${where}: ${p.message}${p.value !== undefined ? ` (value "${p.value}")` : ''}`;
}

/** retail-aum (presets.md): null or negative → unrated, never the lowest tier. */
export function retailTier(aum: number | null): string {
  if (aum === null || Number.isNaN(aum) || aum < 0) return 'unrated';
  if (aum >= 5_000_000) return 'private';
  if (aum >= 500_000) return 'vip';
  if (aum >= 100_000) return 'affluent';
  if (aum >= 50_000) return 'wealth';
  return 'mass';
}

/** OWASP CSV injection: a text cell starting with one of these is run as a formula by Excel. */
export const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number (a negative amount is a number, not a formula). */
export const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
