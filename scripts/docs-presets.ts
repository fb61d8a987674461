/**
 * Writes docs/presets.md: the hand-written prose of scripts/docs-presets.template.md, with the
 * field vocabulary and one section per preset generated from the code's own data, so the
 * document cannot drift from what the product runs.
 *
 *   npm run docs                          rewrites docs/presets.md
 *   npx tsx scripts/docs-presets.ts --check   exits 1 when docs/presets.md is out of date
 *
 * test/unit/docs-presets.test.ts runs the same check.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FIELDS, fieldByName, isFieldName } from '../src/ingest/vocabulary';
import { compileScheme, Resolver } from '../src/schemes/compile';
import { PRESETS } from '../src/schemes/presets';
import { tiersOf, type Bound, type Label, type Scheme } from '../src/schemes/types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TEMPLATE_PATH = path.join(ROOT, 'scripts/docs-presets.template.md');
export const DOC_PATH = path.join(ROOT, 'docs/presets.md');

/**
 * Per-preset prose the JSON cannot say: where the rule comes from and how to read it. Keyed by
 * preset id; renderPresetsDoc refuses a preset without a note and a note without a preset.
 */
const NOTES: Readonly<Record<string, string>> = {
  'retail-aum': `The usual retail-banking split by average daily financial assets (AUM). Customers just
under the next tier up are flagged in \`near_tier\` (临界客户), so relationship managers can see
who a small deposit would move up. A band is relative to its tier's bound: when the bound is
tuned in the app or edited in a scheme file, the band keeps its lower end's ratio to the bound
(0.8 × 50,000; 0.6 × 500,000 …), ends at the working bound, and starts no lower than the bound of
the tier just below, so a customer is only ever near the next tier up. Only customers of that tier
below are flagged (not overridden or unrated ones). The gap shown is the working bound minus the
value, always positive.`,
  'star-points': `A star-rating ladder on accumulated star points. \`quasi\` (准星) needs points strictly above 0:
a customer with 0 points, negative points or none is \`unrated\`.`,
  'dealer-scorecard': `A manufacturer's dealer grading: four components add up to a score between 0 and 200, which is
rounded to the scheme's \`digits\` and then graded by lower bounds. \`local_influence\` is an
integer rating from 1 to 5. An unknown or missing \`credit_level\` scores 0 credit points rather
than making the dealer unrated. \`provisional\` is true for dealers whose cooperation began fewer
than six whole months before the as-of date: their grade stands for now and is revisited after six
months. Without \`cooperation_start\` nobody is provisional.`,
  'corporate-layers': `A corporate bank's layering. Borrowers (\`loan_balance > 0\`) are layered by the head-office
strategic list, then by size (large: annual revenue of at least 3亿, or 1.5亿 in 农林牧渔业, i.e.
agriculture, forestry, animal husbandry and fishery; medium: at least 3,000万 revenue and
4,000万 total assets); non-borrowers are split by average daily deposits (50万). Without an
\`is_strategic\` column no one is strategic and the first rule is skipped.`,
  'value-matrix': `A two-axis matrix for existing corporate customers: the bank's value score against the
customer's profit contribution, computed from FTP income, fee income and three costs.`,
  'target-matrix': `The same matrix shape for prospects: the bank's value score against a weighted potential value
(industry room 40%, growth 35%, market influence 25%).`,
  'credit-grade': `A ten-grade credit scale on a 0–100 credit score. A customer in default, or with a loan
classified 可疑 (doubtful) or 损失 (loss) in the five-category loan classification, is \`D\`
whatever the score.`,
  'ccb-credit': `A seven-grade corporate credit scale. A policy violation (environmental, industry or credit
policy) or a doubtful/loss loan puts the customer in \`F\` without scoring.`,
  lifecycle: `Lifecycle stages from first and last transaction dates, measured in days before the as-of date
(the period's date, or \`--as-of\`). Reading the rules in order: no first transaction means
potential; a closed relationship or no transaction for a year means lost; 180 to 364 days without
one means dormant; a first transaction less than a year ago means new; everyone else is loyal.
Nobody is unrated: a missing date just fails the rules that need it.`,
  'savings-grade': `A savings-customer grade: any overdue payment in the last 12 months is risk; then premium
needs 50万 on deposit for at least 12 months and 10万 of spending; good needs 10万 for at least
6 months; everyone else is ordinary.`,
  'insurance-profile': `An insurer's three-dimension profile. Each dimension gets a letter H, M or L (H at or above the
high cut, M at or above the medium cut, L below), and the tier id is the three letters in
dimension order: contribution, loyalty, risk (e.g. \`HML\`). Contribution is cut at its own
terciles within each period (type-7 quantiles at 1/3 and 2/3, DuckDB's \`quantile_cont\`);
loyalty and risk use fixed cuts. The letters describe the value, not its merit: for risk a high
value is worse, so in the tier order \`L\` is the best risk letter (\`better: low\`).`,
  'abc-pareto': `ABC analysis of customers by an amount (annual sales by default; a copy of the scheme can name any
amount field in \`metric\`). Within each period, customers with a positive value are sorted by
value, largest first, ties broken by \`customer_id\` ascending so the order is total.
\`cum_before\` is the share of the period's total held by the customers strictly before this one;
the customer's class is the first whose limit is above it. So the largest customer is always A,
and a customer that crosses 70% is still A. Customers with no value, 0 or a negative value are D
(not unrated).`,
  'sales-pipeline': `A sales-pipeline grade by expected days to close. A prospect flagged as having no need is \`E\`
first; if \`has_need\` is empty, that override does not apply and the days decide.`,
  rfm: `Recency, frequency and monetary value, scored as the R package **rfm** does. The input is either
transactions (\`customer_id\`, \`txn_date\`, \`amount\`; several rows per customer) or one row per
customer with \`recency_days\`, \`frequency\` and \`monetary\`. From transactions, per customer and
period: recency_days = days from the latest \`txn_date\` to the as-of date (\`--as-of\`, else the
period's date, else the latest transaction in the data); frequency = number of transactions;
monetary = sum of \`amount\`.

For each measure the cut points c1…c4 are the type-7 quantiles (R's default, DuckDB's
\`quantile_cont\`) of the per-customer values at the scheme's \`quantiles\`, plus 1. The bins are
[min, c1), [c1, c2), [c2, c3), [c3, c4), [c4, max + 1): a value equal to a cut point falls in the
upper bin. Frequency and monetary score the bins 1 to 5; recency scores them 5 to 1 (recent is
good). Segments are then tested in order with inclusive score ranges, first match wins.

Reference: on the package's example orders (\`test/fixtures/rfm/\`) with as-of 2006-12-31,
Champions holds 158 customers, 1,234 orders and 120,178 revenue, as the package publishes.`,
};

/** 5000000 → `5,000,000`; fractions keep up to four decimals. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rounded = Math.round(n * 1e4) / 1e4;
  return `${rounded === n ? '' : '≈ '}${rounded}`;
}

/** Inline code; a value holding a backquote (a quoted field name) gets a double fence. */
const code = (s: string) => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);
const cell = (s: string) => s.replace(/\|/g, '\\|');
const labelCells = (l: Label) => `${cell(l.zh)} | ${cell(l.en)}`;

function fieldText(name: string): string {
  if (!isFieldName(name)) return code(name);
  const f = fieldByName(name);
  return `${code(name)} (${f.labels.zh}, ${f.kind})`;
}

/** Every expression a scheme evaluates on data, for finding the fields it reads. */
function expressionsOf(s: Scheme): string[] {
  switch (s.kind) {
    case 'ladder':
    case 'pareto':
      return [s.metric];
    case 'rules':
      return [...s.requires, ...s.rules.map((r) => r.when)];
    case 'scorecard':
      return [...s.requires, ...s.components.map((c) => c.expr), ...(s.provisional ? [s.provisional] : [])];
    case 'quadrant':
      return [s.x.expr, s.y.expr];
    case 'profile':
      return s.dimensions.map((d) => d.expr);
    case 'rfm':
      return [];
  }
}

function fieldsOf(s: Scheme): { needed: string[]; optional: string[] } {
  const r = new Resolver(s, { table: 't', columns: new Set() });
  const optional = new Set([...(s.optional ?? []), ...(s.overrides ?? []).flatMap((o) => r.fieldsOf(o.when))]);
  const needed = [...new Set(expressionsOf(s).flatMap((e) => r.fieldsOf(e)))].filter((f) => !optional.has(f));
  return { needed, optional: [...optional] };
}

/** The extra output columns, taken from the compiler itself. */
function outputsOf(s: Scheme): readonly string[] {
  const { needed, optional } = fieldsOf(s);
  const inputs = s.kind === 'rfm' ? ['txn_date', 'amount'] : needed;
  return compileScheme(s, { table: 't', columns: new Set(['customer_id', 'period', ...inputs, ...optional]) }).outputs;
}

/** When the compiled SQL gives `unrated`, as one sentence. */
function unratedWhen(s: Scheme): string {
  const anyOf = (names: readonly string[]) => (names.length === 1 ? code(names[0]!) : `any of ${names.map(code).join(', ')}`);
  const missing = (names: readonly string[]) => {
    const amounts = names.filter((n) => isFieldName(n) && fieldByName(n).kind === 'amount');
    return `when ${anyOf(names)} is missing${amounts.length > 0 ? `, or ${anyOf(amounts)} is negative` : ''}`;
  };
  switch (s.kind) {
    case 'ladder':
      return `${missing([s.metric])}${s.below === undefined ? ', or the value is under the last bound' : ''}.`;
    case 'rules':
      return s.requires.length === 0 ? 'never; a missing value only fails the rules that read it.' : `${missing(s.requires)}.`;
    case 'scorecard':
      return `${missing(s.requires)}, or the score cannot be computed.`;
    case 'quadrant':
      return 'when either axis value is missing (a derived value is missing when any of its parts is).';
    case 'profile':
      return 'when any dimension value is missing (a derived value is missing when any of its parts is).';
    case 'pareto':
      return `never: a missing, zero or negative ${code(s.metric)} goes to ${code(s.invalid)}.`;
    case 'rfm':
      return 'when recency, frequency or monetary is missing (customer-level input with an empty measure).';
  }
}

function boundText(metric: string, b: Bound): string {
  return `${metric} ${b.inclusive === false ? '>' : '≥'} ${formatNumber(b.min)}`;
}

/** The tier table with, for ladders and scorecards, the range each tier holds. */
function tierTable(s: Scheme): string[] {
  const ranges = new Map<string, string>();
  if (s.kind === 'ladder' || s.kind === 'scorecard') {
    const metric = s.kind === 'ladder' ? s.metric : 'score';
    const amount = s.kind === 'ladder' && isFieldName(s.metric) && fieldByName(s.metric).kind === 'amount';
    s.bounds.forEach((b, i) => {
      const above = s.bounds[i - 1];
      const lower = `${formatNumber(b.min)} ${b.inclusive === false ? '<' : '≤'} ${metric}`;
      ranges.set(b.tier, above ? `${lower} < ${formatNumber(above.min)}` : boundText(metric, b));
    });
    const last = s.bounds[s.bounds.length - 1];
    if (s.below !== undefined && last) {
      const upper = `${metric} ${last.inclusive === false ? '≤' : '<'} ${formatNumber(last.min)}`;
      ranges.set(s.below, amount ? `0 ≤ ${upper}` : upper);
    }
  }
  const withRange = ranges.size > 0;
  if (withRange) for (const o of s.overrides ?? []) ranges.set(o.tier, [ranges.get(o.tier), 'override'].filter(Boolean).join('; '));
  const head = withRange ? ['| id | 中文 | English | holds |', '|---|---|---|---|'] : ['| id | 中文 | English |', '|---|---|---|'];
  return [
    ...head,
    ...tiersOf(s).map((t) => `| ${code(t.id)} | ${labelCells(t.label)}${withRange ? ` | ${ranges.get(t.id) ?? (t.id === 'unrated' ? 'see Fields' : '')}` : ''} |`),
  ];
}

/** The decisions in the order the compiled SQL makes them. */
function ruleOrder(s: Scheme): string[] {
  const steps: string[] = (s.overrides ?? []).map((o) => `override: ${code(o.when)} → ${code(o.tier)}`);
  const unrated = `missing or invalid input (see Fields) → ${code('unrated')}`;
  switch (s.kind) {
    case 'ladder':
      steps.push(unrated, ...s.bounds.map((b) => `${boundText(s.metric, b)} → ${code(b.tier)}`));
      steps.push(`otherwise → ${code(s.below ?? 'unrated')}`);
      break;
    case 'rules':
      if (s.requires.length > 0) steps.push(unrated);
      steps.push(...s.rules.map((r) => `${code(r.when)} → ${code(r.tier)}`), `otherwise → ${code(s.otherwise)}`);
      break;
    case 'scorecard':
      steps.push(unrated, ...s.bounds.map((b) => `${boundText('score', b)} → ${code(b.tier)}`), `otherwise → ${code(s.below)}`);
      break;
    case 'quadrant':
      steps.push(
        unrated,
        `y ≥ ${formatNumber(s.y.cut)} and x ≥ ${formatNumber(s.x.cut)} → ${code(s.cells.hh)}`,
        `y ≥ ${formatNumber(s.y.cut)} (x below its cut) → ${code(s.cells.lh)}`,
        `x ≥ ${formatNumber(s.x.cut)} (y below its cut) → ${code(s.cells.hl)}`,
        `otherwise (both below) → ${code(s.cells.ll)}`,
      );
      break;
    case 'profile':
      steps.push(unrated, `otherwise → the letters of ${s.dimensions.map((d) => code(d.id)).join(', ')}, in that order`);
      break;
    case 'pareto':
      steps.push(`${code(s.metric)} missing or ≤ 0 → ${code(s.invalid)}`);
      steps.push(...s.classes.map((c) => `cum_before < ${formatNumber(c.below)} → ${code(c.tier)}`), `otherwise → ${code(s.rest)}`);
      break;
    case 'rfm':
      steps.push(unrated, ...s.segments.map((g) => `R ${range(g.r)}, F ${range(g.f)}, M ${range(g.m)} → ${code(g.tier)}`), `otherwise → ${code(s.otherwise)}`);
      break;
  }
  return steps.map((x, i) => `${i + 1}. ${x}`);
}

const range = ([lo, hi]: readonly [number, number]) => (lo === hi ? `${lo}` : `${lo}–${hi}`);

/** Details only some kinds have: near bands, components, axes, dimensions, cut points. */
function kindDetails(s: Scheme): string[] {
  const out: string[] = [];
  if (s.derived?.length) {
    out.push('**Derived fields**', '', ...s.derived.map((d) => `- ${code(d.name)}${d.label ? ` (${d.label.zh} / ${d.label.en})` : ''} = ${code(d.expr)}`), '');
  }
  switch (s.kind) {
    case 'ladder':
      if (s.near?.length) {
        out.push('**Near-threshold bands** (临界) at the saved bounds: a customer of the tier below with a value in [from, to) gets `near_tier` = the tier it is close to; tuned bounds carry their bands along', '');
        out.push('| from | to | near_tier |', '|---|---|---|', ...s.near.map((b) => `| ${formatNumber(b.from)} | ${formatNumber(b.to)} | ${code(b.tier)} |`), '');
      }
      break;
    case 'scorecard':
      out.push(`**Score** = the sum of the components, rounded to ${s.digits} decimals`, '');
      out.push('| component | 中文 | English | points |', '|---|---|---|---|', ...s.components.map((c) => `| ${code(c.id)} | ${labelCells(c.label)} | ${code(c.expr)} |`), '');
      if (s.provisional) out.push(`**Provisional** when ${code(s.provisional)}.`, '');
      break;
    case 'quadrant':
      out.push('| axis | value | cut | 中文 | English |', '|---|---|---|---|---|');
      out.push(`| x | ${code(s.x.expr)} | ${formatNumber(s.x.cut)} | ${labelCells(s.x.label)} |`, `| y | ${code(s.y.expr)} | ${formatNumber(s.y.cut)} | ${labelCells(s.y.label)} |`, '');
      break;
    case 'profile': {
      out.push('| dimension | 中文 | English | value | H at or above | M at or above | better |', '|---|---|---|---|---|---|---|');
      for (const d of s.dimensions) {
        const cut = (p: number) => (d.cuts.method === 'quantile' ? `quantile ${formatNumber(p)} of the period` : formatNumber(p));
        const better = (d as { better?: string }).better === 'low' ? 'low' : 'high';
        out.push(`| ${code(d.id)} | ${labelCells(d.label)} | ${code(d.expr)} | ${cut(d.cuts.high)} | ${cut(d.cuts.medium)} | ${better} |`);
      }
      out.push('');
      break;
    }
    case 'pareto':
      out.push(`**Metric** ${code(s.metric)}; classes by \`cum_before\`: ${s.classes.map((c) => `${code(c.tier)} below ${formatNumber(c.below)}`).join(', ')}, then ${code(s.rest)}.`, '');
      break;
    case 'rfm':
      out.push(`**Cut points** at the quantiles ${s.quantiles.map(formatNumber).join(', ')} (plus 1), giving scores 1–${s.quantiles.length + 1}.`, '');
      out.push('| segment | 中文 | English | R | F | M |', '|---|---|---|---|---|---|');
      const label = new Map(s.tiers.map((t) => [t.id, t.label]));
      for (const g of s.segments) out.push(`| ${code(g.tier)} | ${labelCells(label.get(g.tier)!)} | ${range(g.r)} | ${range(g.f)} | ${range(g.m)} |`);
      out.push(`| ${code(s.otherwise)} | ${labelCells(label.get(s.otherwise)!)} | any other combination | | |`, '');
      break;
    default:
      break;
  }
  return out;
}

function fieldsSection(s: Scheme): string[] {
  const { needed, optional } = fieldsOf(s);
  const lines: string[] = [];
  if (s.kind === 'rfm') {
    lines.push(`- Needed: either ${['txn_date', 'amount'].map(fieldText).join(' and ')} (transactions), or ${['recency_days', 'frequency', 'monetary'].map(code).join(', ')} (one row per customer).`);
  } else {
    lines.push(`- Needed: ${needed.map(fieldText).join('; ')}.`);
  }
  if (optional.length > 0) lines.push(`- Optional: ${optional.map(fieldText).join('; ')}.`);
  const unrated = unratedWhen(s);
  lines.push(`- Unrated${unrated.startsWith('never') ? ':' : ''} ${unrated}`);
  return lines;
}

function presetSection(s: Scheme): string[] {
  const note = NOTES[s.id];
  if (note === undefined) throw new Error(`scripts/docs-presets.ts: no note for preset "${s.id}"; add one to NOTES`);
  const file = `src/schemes/presets/${s.id}.json`;
  if (!existsSync(path.join(ROOT, file))) throw new Error(`scripts/docs-presets.ts: preset "${s.id}" is not in ${file}`);
  return [
    `### ${code(s.id)} — ${s.label.zh} / ${s.label.en}`,
    '',
    `Kind ${code(s.kind)}; file ${code(file)}.`,
    ...(s.description ? ['', `> ${s.description.zh}`, '>', `> ${s.description.en}`] : []),
    '',
    note,
    '',
    '**Fields**',
    '',
    ...fieldsSection(s),
    '',
    '**Tiers**, best first',
    '',
    ...tierTable(s),
    '',
    ...kindDetails(s),
    '**Rule order**, first match wins',
    '',
    ...ruleOrder(s),
    '',
    `**Output columns** after \`tier\`: ${outputsOf(s).map(code).join(', ') || 'none'}.`,
    '',
  ];
}

function vocabularyTable(): string[] {
  return [
    '| field | 中文 | English | kind | headers mapped automatically |',
    '|---|---|---|---|---|',
    ...FIELDS.map((f) => `| ${code(f.field)} | ${labelCells(f.labels)} | ${f.kind} | ${f.aliases.filter((a) => a !== f.field).map(cell).join(', ')} |`),
  ];
}

/** The whole document, as `npm run docs` writes it. */
export function renderPresetsDoc(template = readFileSync(TEMPLATE_PATH, 'utf8')): string {
  const stray = Object.keys(NOTES).filter((id) => !PRESETS.some((p) => p.id === id));
  if (stray.length > 0) throw new Error(`scripts/docs-presets.ts: notes for unknown presets: ${stray.join(', ')}`);
  const fill = (text: string, marker: string, lines: readonly string[]) => {
    if (!text.includes(marker)) throw new Error(`docs template lacks ${marker}`);
    return text.replace(marker, () => lines.join('\n').trimEnd());
  };
  const presets = PRESETS.flatMap(presetSection);
  return fill(fill(template, '<!-- vocabulary -->', vocabularyTable()), '<!-- presets -->', presets);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const doc = renderPresetsDoc();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(DOC_PATH, 'utf8');
    } catch {
      // A missing file is simply out of date.
    }
    if (current !== doc) {
      process.stderr.write('docs/presets.md is out of date: run `npm run docs`\n');
      process.exit(1);
    }
  } else {
    mkdirSync(path.dirname(DOC_PATH), { recursive: true });
    writeFileSync(DOC_PATH, doc);
    process.stdout.write(`wrote ${path.relative(ROOT, DOC_PATH)}\n`);
  }
}
