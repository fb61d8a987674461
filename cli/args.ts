import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface CliOptions {
  readonly command: 'presets' | 'apply' | 'migrate' | 'summary';
  readonly scheme?: string;
  readonly inputs: readonly string[];
  readonly maps: Readonly<Record<string, string>>;
  readonly encoding: 'auto' | 'utf-8' | 'gb18030';
  readonly asOf?: string;
  readonly out?: string;
  readonly from?: string;
  readonly to?: string;
}

export const USAGE = `usage: npm run -s tierlens -- <command> [options]
  presets
  apply   --scheme <id|scheme.json> --input <file> [--input …] [--map field=column …] [--encoding auto|utf-8|gb18030] [--as-of YYYY-MM-DD] --out <file.csv|.parquet|.json>
  migrate --scheme <id|scheme.json> --input <file> [--input …] --from <period> --to <period> [--map …] [--encoding …] --out <file.csv|.json>
  summary --scheme <id|scheme.json> --input <file> [--input …] [--map …] [--encoding …] [--as-of …]`;

/** Parses the command line of docs/cli.md; throws UsageError with one clear line. */
export function parseCli(argv: readonly string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command !== 'presets' && command !== 'apply' && command !== 'migrate' && command !== 'summary') {
    throw new UsageError(command === undefined ? 'no command given (presets, apply, migrate, summary)' : `unknown command "${command}" (presets, apply, migrate, summary)`);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: {
        scheme: { type: 'string' },
        input: { type: 'string', multiple: true },
        map: { type: 'string', multiple: true },
        encoding: { type: 'string' },
        'as-of': { type: 'string' },
        out: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const maps: Record<string, string> = {};
  for (const m of parsed.map ?? []) {
    const eq = m.indexOf('=');
    if (eq <= 0 || eq === m.length - 1) throw new UsageError(`--map "${m}": expected field=column`);
    maps[m.slice(0, eq).trim()] = m.slice(eq + 1).trim();
  }
  const encoding = parsed.encoding ?? 'auto';
  if (encoding !== 'auto' && encoding !== 'utf-8' && encoding !== 'gb18030') throw new UsageError(`--encoding "${encoding}": expected auto, utf-8 or gb18030`);
  const asOf = parsed['as-of'];
  if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))) throw new UsageError(`--as-of "${asOf}": expected YYYY-MM-DD`);
  const options: CliOptions = { command, scheme: parsed.scheme, inputs: parsed.input ?? [], maps, encoding, asOf, out: parsed.out, from: parsed.from, to: parsed.to };
  if (command !== 'presets') {
    if (!options.scheme) throw new UsageError(`${command} needs --scheme`);
    if (options.inputs.length === 0) throw new UsageError(`${command} needs at least one --input`);
  }
  if ((command === 'apply' || command === 'migrate') && !options.out) throw new UsageError(`${command} needs --out`);
  if (command === 'migrate' && (!options.from || !options.to)) throw new UsageError('migrate needs --from and --to');
  return options;
}
