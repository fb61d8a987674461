import { openNativeEngine } from '../src/engine/native';
import { toRows } from '../src/engine/rows';
import type { Engine } from '../src/engine/types';
import { transitionQuery } from '../src/analysis/transitions-sql';
import { compileScheme, MissingFieldError } from '../src/schemes/compile';
import { PRESETS } from '../src/schemes/presets';
import { tiersOf, type Scheme } from '../src/schemes/types';
import { ident } from '../src/sql/quote';
import { parseCli, USAGE, UsageError, type CliOptions } from './args';
import { assertUniqueCustomers, CliError, loadInputs, periodsOf, resolveScheme, type LoadedData } from './data';
import { writeResult } from './write';

/**
 * The command line (docs/cli.md): the same scheme definitions and compiled SQL as the
 * browser, on native DuckDB. Errors are one line on stderr and a non-zero exit.
 */
async function main(argv: readonly string[]): Promise<number> {
  const options = parseCli(argv);
  if (options.command === 'presets') {
    for (const p of PRESETS) process.stdout.write(`${p.id}\t${p.label.zh} ${p.label.en}\n`);
    return 0;
  }
  const scheme = resolveScheme(options.scheme!);
  const engine = await openNativeEngine();
  try {
    const data = await loadInputs(engine, options);
    assertUniqueCustomers(data, scheme);
    const compiled = await applyToTable(engine, scheme, data, options);
    if (options.command === 'apply') await apply(engine, scheme, data, options);
    else if (options.command === 'migrate') await migrate(engine, scheme, options);
    else await summary(engine, scheme, data);
    // Warnings only after success: a failed run prints its one error line and nothing else.
    for (const w of [...data.warnings, ...compiled.warnings]) process.stderr.write(`warning: ${w}\n`);
    return 0;
  } finally {
    await engine.close();
  }
}

/** Tiers every row into the `tiered` table. */
async function applyToTable(engine: Engine, scheme: Scheme, data: LoadedData, options: CliOptions) {
  let compiled;
  try {
    compiled = compileScheme(scheme, { table: data.dataset.table, columns: new Set(data.dataset.columns.map((c) => c.name)), asOf: options.asOf });
  } catch (e) {
    if (e instanceof MissingFieldError) throw new CliError(`${data.files.map((f) => f.name).join(', ')}: missing required field "${e.field}" for scheme ${scheme.id} (use --map ${e.field}=<column>)`);
    throw e;
  }
  await engine.query(`CREATE OR REPLACE TABLE tiered AS ${compiled.sql}`);
  return compiled;
}

async function apply(engine: Engine, scheme: Scheme, data: LoadedData, options: CliOptions) {
  const hasPeriod = data.dataset.periods.length > 0;
  const cols = (await engine.query('SELECT * FROM tiered LIMIT 0')).schema.fields.map((f) => f.name).filter((c) => hasPeriod || c !== 'period');
  const order = hasPeriod ? 'period, customer_id' : 'customer_id';
  await writeResult(engine, `SELECT ${cols.map(ident).join(', ')} FROM tiered ORDER BY ${order}`, options.out!, ['csv', 'parquet', 'json']);
  const n = toRows(await engine.query('SELECT count(*)::INTEGER AS n FROM tiered'))[0]?.n;
  process.stderr.write(`${scheme.id}: ${n} rows written to ${options.out}\n`);
}

async function migrate(engine: Engine, scheme: Scheme, options: CliOptions) {
  const periods = await periodsOf(engine, 'tiered');
  for (const p of [options.from!, options.to!]) {
    if (!periods.includes(p)) throw new CliError(`period "${p}" is not in the data (periods: ${periods.join(', ') || 'none'})`);
  }
  const q = transitionQuery('tiered', options.from!, options.to!, tiersOf(scheme).map((t) => t.id));
  await writeResult(engine, `SELECT from_tier, to_tier, customers FROM (${q.sql})`, options.out!, ['csv', 'json']);
}

async function summary(engine: Engine, scheme: Scheme, data: LoadedData) {
  const rows = toRows(await engine.query(`SELECT CAST(period AS VARCHAR) AS period, tier, count(*)::INTEGER AS customers FROM tiered GROUP BY ALL`));
  const order = new Map(tiersOf(scheme).map((t, i) => [t.id, i]));
  rows.sort((a, b) => String(a.period ?? '').localeCompare(String(b.period ?? '')) || (order.get(String(a.tier)) ?? 99) - (order.get(String(b.tier)) ?? 99));
  const total = toRows(await engine.query('SELECT count(*)::INTEGER AS n FROM tiered'))[0]?.n ?? 0;
  const out = { scheme: scheme.id, rows: total, periods: data.dataset.periods, tiers: rows.map((r) => ({ period: r.period, tier: r.tier, customers: r.customers })) };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) process.stderr.write(`tierlens: ${e.message}\n${USAGE}\n`);
    else process.stderr.write(`tierlens: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
