/**
 * TierLens sample-data generator.
 *
 *   npx tsx scripts/generate-samples.ts
 *       writes the committed samples into data-samples/ (plus data-samples/README.md)
 *
 *   npx tsx scripts/generate-samples.ts --bench [--out DIR] [--customers N] [--months M]
 *       writes large retail files for benchmarks (default DIR .bench-data, N 1,000,000, M 12)
 *
 * Everything is synthetic and deterministic: the same command writes the same bytes every run.
 * Two sources of randomness are used, neither of them Math.random:
 *
 *  - The retail panel is generated *inside DuckDB* by a counter-based PRNG: every random number is
 *    lowbias32(seed, customer, month, salt), written as a SQL macro with plain integer arithmetic
 *    (no dependence on DuckDB's own hash(), which may change between versions). A counter-based
 *    PRNG needs no state, so the same SQL produces the 20k-customer sample and the 1M-customer
 *    benchmark, vectorised and spilling to disk where needed.
 *  - All the other (small) files come from mulberry32 in TypeScript, one independent stream per
 *    file (seeded from the file name), so editing one generator never shifts another file.
 *
 * Names, ID numbers and phone numbers are made up from lists; they are not real people.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';

const SEED = 20_251_231;
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES_DIR = path.join(REPO_ROOT, 'data-samples');

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Small utilities
// ─────────────────────────────────────────────────────────────────────────────────────────────

/** Indexed access that fails loudly instead of yielding undefined (noUncheckedIndexedAccess). */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range (length ${items.length})`);
  return item;
}

/** Indexed access for lists that are allowed to run out. */
function atOrUndefined<T>(items: readonly T[], index: number): T | undefined {
  return items[index];
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** FNV-1a over a label: gives every file its own independent, stable seed. */
function seedFrom(label: string): number {
  let h = 0x811c9dc5 ^ SEED;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast, good enough for synthetic data, and fully reproducible. */
class Rng {
  private state: number;

  constructor(label: string) {
    this.state = seedFrom(label);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in (0, 1): safe to take the logarithm of. */
  open(): number {
    return this.next() + 0.5 / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller, cosine branch only: simple and still exact in distribution). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.open())) * Math.cos(2 * Math.PI * this.next());
  }

  /** Lognormal given its median, the natural scale for money amounts. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return at(items, items.length - 1)[0];
  }
}

/** Repeat each item by its (integer) weight: O(1) weighted picks in SQL via a plain list index. */
function expandWeighted<T>(items: readonly (readonly [T, number])[]): T[] {
  return items.flatMap(([item, w]) => Array<T>(w).fill(item));
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Day arithmetic on ISO dates via UTC so the local time zone never leaks into the output. */
function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

function monthEnd(y: number, m: number): string {
  return isoDate(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

function humanSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(0)} KB`;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Vocabulary: names, places, industries (all synthetic combinations)
// ─────────────────────────────────────────────────────────────────────────────────────────────

/** Surnames with rough relative frequency (per mille), heavy head like the real distribution. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 50], ['杨', 31], ['黄', 22], ['赵', 20], ['吴', 22],
  ['周', 19], ['徐', 18], ['孙', 15], ['马', 14], ['朱', 15], ['胡', 14], ['郭', 12], ['何', 12], ['高', 11],
  ['林', 12], ['罗', 9], ['郑', 10], ['梁', 8], ['谢', 8], ['宋', 7], ['唐', 7], ['许', 8], ['韩', 6], ['冯', 6],
  ['邓', 6], ['曹', 6], ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 5], ['于', 4],
  ['蒋', 5], ['蔡', 5], ['余', 5], ['杜', 4], ['叶', 6], ['程', 4], ['苏', 4], ['魏', 3], ['吕', 3], ['丁', 3],
  ['任', 3], ['沈', 6], ['姚', 4], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 4], ['汪', 4],
  ['范', 3], ['金', 4], ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3], ['韦', 2], ['付', 2], ['方', 4], ['白', 2],
  ['邹', 2], ['孟', 2], ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2],
  ['雷', 2], ['侯', 2], ['龙', 2], ['史', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 3], ['毛', 2], ['郝', 2],
  ['龚', 2], ['邵', 2], ['万', 2], ['钱', 3], ['严', 2], ['应', 2], ['戴', 2], ['楼', 1], ['孔', 1], ['童', 1],
  ['欧阳', 1], ['诸葛', 1], ['上官', 1], ['司马', 1],
];

const MALE_GIVEN = [...'伟强磊军洋勇杰涛明超刚平辉鹏斌宇浩凯健俊帆帅旭宁晨阳博轩泽昊然睿天佑瑞鑫辰逸安峰鸣坤飞海波亮林国庆志忠德荣福春生龙成兵新金东振宏光建文华立诚嘉晖毅'];
const FEMALE_GIVEN = [...'芳娜敏静丽艳娟秀霞桂英玉萍红婷雪琳晶颖慧佳怡梓涵雨萱思诺欣可馨悦瑶琪妍雅倩蕾薇蓉兰凤芬梅玲燕丹洁青月琴素云莉彤婉菲璐瑾晓'];
/** In GBK but not in GB2312: real extracts contain them, and naive GB2312 decoders choke on them. */
const RARE_GBK_GIVEN = [...'喆珺昇堃玥琇翀祎淏璟镕焜彧赟'];
/** A few full names with the middle dot (U+00B7, GBK A1A4), as written on Uyghur/Kazakh/Mongol IDs. */
const DOT_NAMES = ['阿依古丽·买买提', '迪丽娜尔·艾力', '买买提江·吐尔逊', '古丽米热·阿不都', '热依拉·吾守尔', '努尔兰·哈力木', '巴特尔·朝克图', '阿不都热依木·沙比尔'];

interface Branch {
  readonly name: string;
  /** Administrative division code used as the first six digits of synthetic ID numbers. */
  readonly region: number;
  readonly weight: number;
}

const BRANCHES: readonly Branch[] = [
  { name: '杭州西湖支行', region: 330106, weight: 14 },
  { name: '杭州滨江支行', region: 330108, weight: 10 },
  { name: '杭州上城支行', region: 330102, weight: 10 },
  { name: '宁波海曙支行', region: 330203, weight: 9 },
  { name: '宁波鄞州支行', region: 330212, weight: 9 },
  { name: '温州鹿城支行', region: 330302, weight: 8 },
  { name: '绍兴越城支行', region: 330602, weight: 7 },
  { name: '嘉兴南湖支行', region: 330402, weight: 6 },
  { name: '湖州吴兴支行', region: 330502, weight: 6 },
  { name: '金华婺城支行', region: 330702, weight: 6 },
  { name: '义乌稠城支行', region: 330782, weight: 8 },
  { name: '台州椒江支行', region: 331002, weight: 7 },
];

/** Out-of-province birthplaces (migrants are a fifth of a Zhejiang branch's customers). */
const OTHER_REGIONS = [340104, 360102, 410105, 430104, 420106, 510107, 320106, 350102, 370102, 610113, 522601, 452402];

const PHONE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
];

const CITIES_ZJ = ['杭州', '宁波', '温州', '绍兴', '嘉兴', '湖州', '金华', '台州', '义乌', '丽水', '衢州', '舟山'];
const CITIES_CN = ['合肥', '南昌', '郑州', '长沙', '武汉', '成都', '西安', '济南', '苏州', '南京', '福州', '昆明', '南宁', '石家庄', '太原', '贵阳', '重庆', '天津', '沈阳', '无锡', '常州', '泉州', '佛山', '东莞'];
/** Trade-name (字号) characters: auspicious, the way real company names are built. */
const ZIHAO_CHARS = [...'恒瑞华鑫盛泰宏达永兴隆丰源康顺新信诚佳利联博创远航金天海星辰嘉和祥富安平润昌锦凯德正通益荣旺宇骏'];

interface Industry {
  readonly name: string;
  readonly weight: number;
  /** Business words that go between the trade name and the legal form. */
  readonly words: readonly string[];
  /** Median annual revenue of firms in this industry, yuan. */
  readonly revenueMedian: number;
  /** Industry-value-space score centre (target-matrix input). */
  readonly industryScore: number;
}

const INDUSTRIES: readonly Industry[] = [
  { name: '制造业', weight: 34, words: ['机械', '电子', '纺织', '化工', '精密模具', '新材料', '汽车零部件', '五金制品', '电器', '塑业'], revenueMedian: 6e7, industryScore: 66 },
  { name: '批发和零售业', weight: 18, words: ['商贸', '贸易', '供应链管理', '百货', '进出口'], revenueMedian: 5e7, industryScore: 52 },
  { name: '建筑业', weight: 10, words: ['建设工程', '建筑安装', '市政工程', '装饰工程'], revenueMedian: 8e7, industryScore: 45 },
  { name: '农林牧渔业', weight: 7, words: ['农业发展', '生态农业', '茶业', '水产养殖', '牧业', '林业'], revenueMedian: 2.5e7, industryScore: 58 },
  { name: '信息传输、软件和信息技术服务业', weight: 7, words: ['网络科技', '软件', '信息技术', '数据科技'], revenueMedian: 2e7, industryScore: 78 },
  { name: '交通运输、仓储和邮政业', weight: 5, words: ['物流', '运输', '仓储', '货运代理'], revenueMedian: 4e7, industryScore: 55 },
  { name: '房地产业', weight: 4, words: ['房地产开发', '置业', '物业管理'], revenueMedian: 1e8, industryScore: 32 },
  { name: '租赁和商务服务业', weight: 5, words: ['商务咨询', '企业管理', '租赁'], revenueMedian: 1.5e7, industryScore: 50 },
  { name: '住宿和餐饮业', weight: 3, words: ['酒店管理', '餐饮管理'], revenueMedian: 1.2e7, industryScore: 42 },
  { name: '科学研究和技术服务业', weight: 3, words: ['检测技术', '工程设计', '生物科技'], revenueMedian: 2e7, industryScore: 74 },
  { name: '电力、热力、燃气及水生产和供应业', weight: 2, words: ['能源', '热电', '燃气', '水务'], revenueMedian: 2e8, industryScore: 62 },
  { name: '卫生和社会工作', weight: 2, words: ['医疗管理', '康养'], revenueMedian: 2e7, industryScore: 64 },
];
const FARM = '农林牧渔业';

const LEGAL_FORMS: readonly (readonly [string, number])[] = [
  ['有限公司', 70], ['股份有限公司', 12], ['有限责任公司', 12], ['集团有限公司', 3], ['实业有限公司', 3],
];

/** Every generated string must survive a GBK round trip (the Excel "CSV" file is GBK). */
function assertGbkSafe(strings: readonly string[]): void {
  for (const s of strings) {
    if (iconv.decode(iconv.encode(s, 'gbk'), 'gbk') !== s) throw new Error(`not encodable in GBK: ${s}`);
  }
}

function personName(rng: Rng): string {
  if (rng.chance(0.0015)) return rng.pick(DOT_NAMES);
  const pool = rng.chance(0.5) ? MALE_GIVEN : FEMALE_GIVEN;
  const char = (): string => (rng.chance(0.002) ? rng.pick(RARE_GBK_GIVEN) : rng.pick(pool));
  const surname = rng.weighted(SURNAMES);
  return surname + char() + (rng.chance(0.3) ? '' : char());
}

function phoneNumber(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Builds unique company names like 杭州恒瑞机械有限公司; retries on the rare collision. */
class CompanyNamer {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** A registered company: city (or 浙江 for province-level firms) + 字号 + business + legal form. */
  company(words: readonly string[], city: string): string {
    return this.unique(() => (this.rng.chance(0.12) ? '浙江' : city) + this.tradeName() + this.rng.pick(words) + this.rng.weighted(LEGAL_FORMS));
  }

  /** A name with a free-form suffix (dealers: 经营部, 专卖店 ...). */
  shop(city: string, suffixes: readonly string[]): string {
    return this.unique(() => city + this.tradeName() + this.rng.pick(suffixes));
  }

  /** Two different auspicious characters, e.g. 恒瑞. */
  private tradeName(): string {
    const first = this.rng.pick(ZIHAO_CHARS);
    let second = this.rng.pick(ZIHAO_CHARS);
    while (second === first) second = this.rng.pick(ZIHAO_CHARS);
    return first + second;
  }

  private unique(build: () => string): string {
    for (;;) {
      const candidate = build();
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Output formatting (Excel conventions) and a streaming CSV writer
// ─────────────────────────────────────────────────────────────────────────────────────────────

interface CsvFormat {
  readonly encoding: 'gbk' | 'utf8';
  readonly bom: boolean;
  readonly eol: '\r\n' | '\n';
}

/** Excel on Chinese Windows, "CSV (逗号分隔)": ANSI code page 936, CRLF, no BOM. */
const EXCEL_CSV_GBK: CsvFormat = { encoding: 'gbk', bom: false, eol: '\r\n' };
/** Excel "CSV UTF-8 (逗号分隔)": UTF-8 with BOM, CRLF. */
const EXCEL_CSV_UTF8: CsvFormat = { encoding: 'utf8', bom: true, eol: '\r\n' };
/** What scripts and databases export: UTF-8, no BOM, LF. */
const PLAIN_CSV_UTF8: CsvFormat = { encoding: 'utf8', bom: false, eol: '\n' };

/** RFC 4180 quoting as Excel does it: only when the field holds a comma, quote or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Number format #,##0.00 as Excel displays (and therefore saves) it. */
function thousands(x: number): string {
  const [int = '0', frac = '00'] = x.toFixed(2).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** Excel "General" format: the shortest round-trip text of the value (already rounded to cents). */
function plainNumber(x: number): string {
  return String(x);
}

/**
 * Streams rows to disk, encoding batch by batch and honouring back-pressure, so a million-row
 * extract never exists as one string or one buffer.
 */
class CsvWriter {
  private rows = 0;

  private constructor(
    private readonly out: WriteStream,
    private readonly format: CsvFormat,
  ) {}

  static async open(file: string, format: CsvFormat, header: readonly string[]): Promise<CsvWriter> {
    const writer = new CsvWriter(createWriteStream(file), format);
    if (format.bom) await writer.write(Buffer.from([0xef, 0xbb, 0xbf]));
    await writer.write(writer.encode(header.map(csvField).join(',') + format.eol));
    return writer;
  }

  async writeRows(rows: readonly (readonly string[])[]): Promise<void> {
    if (rows.length === 0) return;
    const eol = this.format.eol;
    const text = rows.map((r) => r.map(csvField).join(',')).join(eol) + eol;
    this.rows += rows.length;
    await this.write(this.encode(text));
  }

  /** Closes the file and returns the number of data rows written. */
  async close(): Promise<number> {
    this.out.end();
    await once(this.out, 'finish');
    return this.rows;
  }

  private encode(text: string): Buffer {
    return this.format.encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
  }

  private async write(buf: Buffer): Promise<void> {
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }
}

async function writeCsv(file: string, format: CsvFormat, header: readonly string[], rows: readonly (readonly string[])[]): Promise<number> {
  const writer = await CsvWriter.open(file, format, header);
  await writer.writeRows(rows);
  return writer.close();
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// DuckDB plumbing
// ─────────────────────────────────────────────────────────────────────────────────────────────

type JsValue = unknown;

function asString(v: JsValue): string {
  if (typeof v !== 'string') throw new Error(`expected string, got ${typeof v}`);
  return v;
}

function asNumber(v: JsValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  throw new Error(`expected number, got ${typeof v}`);
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function sqlList(items: readonly (string | number)[]): string {
  return `[${items.map((x) => (typeof x === 'string' ? sqlString(x) : String(x))).join(', ')}]`;
}

/** SQL that picks an element of a (constant) list uniformly from a uniform draw `u`. */
function sqlPick(items: readonly (string | number)[], u: string): string {
  return `${sqlList(items)}[1 + floor(${u} * ${items.length})::INTEGER]`;
}

async function openDuckDb(tempDir?: string): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  // One thread: results, row order and Parquet row groups are then identical on every run.
  await conn.run('SET threads = 1');
  await conn.run('SET preserve_insertion_order = true');
  if (tempDir) await conn.run(`SET temp_directory = ${sqlString(tempDir)}`);
  await installPrngMacros(conn);
  return conn;
}

async function queryRows(conn: DuckDBConnection, sql: string): Promise<JsValue[][]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowsJS();
}

async function queryNumber(conn: DuckDBConnection, sql: string): Promise<number> {
  const rows = await queryRows(conn, sql);
  return asNumber(at(at(rows, 0), 0));
}

/** Yields a query's rows chunk by chunk (about 2,048 at a time) without materialising them. */
async function* streamRows(conn: DuckDBConnection, sql: string): AsyncGenerator<JsValue[][]> {
  const result = await conn.stream(sql);
  yield* result.yieldRowsJs();
}

/**
 * Row groups of 500k rows instead of DuckDB's 122,880: the 24-month sample panel then has one
 * dictionary per string column instead of four, which makes it about a quarter smaller.
 */
async function copyToParquet(conn: DuckDBConnection, selectSql: string, file: string): Promise<void> {
  await conn.run(`COPY (${selectSql}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 500000)`);
}

/**
 * Counter-based PRNG in SQL. lowbias32 (Chris Wellons' 32-bit integer hash) built from UBIGINT
 * arithmetic that cannot overflow: inputs are masked to 32 bits, products stay below 2^64.
 *   h32(x)            32-bit hash of an integer
 *   unif(base, salt)  uniform in (0, 1), one independent stream per salt
 *   gauss(base, salt) standard normal (Box–Muller from salts `salt` and `salt + 1000`)
 */
async function installPrngMacros(conn: DuckDBConnection): Promise<void> {
  const mask = '4294967295::UBIGINT';
  const xorshift = (x: string, s: number): string => `xor(${x}, ${x} >> ${s})`;
  const mulmod = (x: string, c: number): string => `((${x} * ${c}::UBIGINT) & ${mask})`;
  const input = `((x)::UBIGINT & ${mask})`;
  const h32 = xorshift(mulmod(xorshift(mulmod(xorshift(input, 16), 0x7feb352d), 15), 0x846ca68b), 16);
  await conn.run(`CREATE OR REPLACE MACRO h32(x) AS ${h32}`);
  await conn.run(`CREATE OR REPLACE MACRO unif(base, salt) AS
    (h32(base::UBIGINT + salt::UBIGINT * 2654435769::UBIGINT)::DOUBLE + 0.5) / 4294967296.0`);
  await conn.run(`CREATE OR REPLACE MACRO gauss(base, salt) AS
    sqrt(-2.0 * ln(unif(base, salt))) * cos(2.0 * pi() * unif(base, salt + 1000))`);
  await conn.run(`CREATE OR REPLACE MACRO month_start(a) AS make_date((a // 12)::BIGINT, (a % 12 + 1)::BIGINT, 1)`);
  await conn.run(`CREATE OR REPLACE MACRO month_end(a) AS last_day(month_start(a))`);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Retail panel model (SQL; shared by the committed sample and the --bench files)
// ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Knobs of the retail model. AUM is lognormal across customers (median 3.5万, log-sd 1.93; with the
 * round-amount bump and growth this gives about 55% mass / 15% wealth / 21% affluent / 9% vip /
 * 0.6% private); within a customer log-AUM is
 * an AR(1) random walk around the customer's own level with occasional large jumps, which moves
 * roughly 4–5% of customers across a tier boundary each month.
 */
const RETAIL_MODEL = {
  medianAum: 35_000,
  logSdAum: 1.93,
  /** Share of customers who park a round amount (5万/10万/50万/500万 ± a little): near-threshold mass. */
  anchorShare: 0.08,
  anchors: [[50_000, 35], [100_000, 35], [500_000, 25], [5_000_000, 5]] as const,
  /** Month-to-month AR(1) of log AUM: persistence, normal step, jump probability and size. */
  rho: 0.93,
  stepSd: 0.09,
  jumpProb: 0.015,
  jumpSd: 0.8,
  /** Whole-book growth of about 5% a year. */
  driftPerMonth: 0.004,
  /** New customers start lower and ramp up (log units, decaying by 0.7 a month). */
  newCustomerDip: 1.0,
  churnPerMonth: 0.009,
  newPerMonthShare: 0.009,
  /** Of the leavers, this share closes the relationship (closed = true in its last month). */
  closeShare: 0.45,
  /** Opened but never transacted: no first/last transaction date, zero balances (lifecycle `potential`). */
  potentialShare: 0.02,
  /** Transacting customers with nothing left on the books (AUM exactly 0). */
  emptyShare: 0.015,
  activeShare: 0.74,
  fadingShare: 0.14,
  /** Probability per row of an AUM snapped exactly onto a nearby tier bound (tests `>=`). */
  snapProb: 0.005,
  thresholds: [40_000, 50_000, 80_000, 100_000, 300_000, 500_000, 4_000_000, 5_000_000],
  depositTerms: [[0, 35], [3, 15], [6, 15], [12, 20], [24, 8], [36, 7]] as const,
  rareCharProb: 0.002,
  dotNameProb: 0.0015,
  loanShare: 0.25,
  riskyShare: 0.04,
} as const;

interface RetailParams {
  readonly seed: number;
  /** Customers on the books in the first month (the book then stays about this size). */
  readonly customers: number;
  readonly months: number;
  /** First snapshot month as year * 12 + (month - 1). */
  readonly startMonth: number;
}

function absMonth(year: number, month: number): number {
  return year * 12 + month - 1;
}

/** Month-end date of an absolute month index. */
function absMonthIso(a: number): string {
  return monthEnd(Math.floor(a / 12), (a % 12) + 1);
}

function monthStartIso(a: number): string {
  return isoDate(Math.floor(a / 12), (a % 12) + 1, 1);
}

function retailNewPerMonth(p: RetailParams): number {
  return Math.max(1, Math.round(p.customers * RETAIL_MODEL.newPerMonthShare));
}

/** SQL for the 18th character of a resident ID: ISO 7064 MOD 11-2 over the 17 digits. */
function idCheckCharSql(region: string, ymd: string, seq: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const terms: string[] = [];
  const digits = (expr: string, count: number, offset: number): void => {
    for (let i = 0; i < count; i++) {
      terms.push(`((${expr} // ${10 ** (count - 1 - i)}) % 10) * ${at(weights, offset + i)}`);
    }
  };
  digits(region, 6, 0);
  digits(ymd, 8, 6);
  digits(seq, 3, 14);
  return `substr('10X98765432', 1 + ((${terms.join(' + ')}) % 11)::INTEGER, 1)`;
}

/**
 * One row per customer with everything that does not change month to month: identity, and the
 * parameters of the customer's own monthly process. Customer k < N is on the books before the
 * first month; the rest join at a steady rate, so ids grow with the join date as in a core system.
 */
function retailCustomersSql(p: RetailParams): string {
  const M = RETAIL_MODEL;
  const newPer = retailNewPerMonth(p);
  const total = p.customers + newPer * (p.months - 1);
  const startIso = monthStartIso(p.startMonth);
  const spanDays = daysBetween('2005-01-01', startIso);
  const birthSpan = daysBetween('1945-01-01', '2005-12-31');
  const stationarySd = Math.sqrt((M.stepSd ** 2 + M.jumpProb * M.jumpSd ** 2) / (1 - M.rho ** 2));
  const levelSd = Math.sqrt(M.logSdAum ** 2 - stationarySd ** 2);
  const branchIdx = expandWeighted(BRANCHES.map((b, i) => [i + 1, b.weight] as const));
  const rare = (salt: number): string => sqlPick(RARE_GBK_GIVEN, `unif(hk, ${salt})`);
  const given = (salt: number): string =>
    `CASE WHEN unif(hk, ${salt}) < ${M.rareCharProb} THEN ${rare(salt + 1)}
          WHEN male THEN ${sqlPick(MALE_GIVEN, `unif(hk, ${salt + 2})`)}
          ELSE ${sqlPick(FEMALE_GIVEN, `unif(hk, ${salt + 2})`)} END`;
  return `
CREATE OR REPLACE TABLE retail_customers AS
WITH base AS (
  SELECT k, h32(k * 2654435761 + ${p.seed}) AS hk FROM range(${total}) t(k)
), draw AS (
  SELECT k, hk,
    'C' || lpad((100000 + k * 3 + hk % 3)::VARCHAR, 8, '0') AS customer_id,
    CASE WHEN k < ${p.customers} THEN 0 ELSE 1 + (k - ${p.customers}) // ${newPer} END AS join_rel,
    floor(ln(unif(hk, 1)) / ln(1 - ${M.churnPerMonth}))::INTEGER AS stay,
    unif(hk, 2) < ${M.closeShare} AS closes,
    unif(hk, 3) < ${M.potentialShare} AS potential,
    unif(hk, 4) < ${M.emptyShare} AS empty_account,
    CASE WHEN unif(hk, 5) < ${M.activeShare} THEN 1
         WHEN unif(hk, 5) < ${M.activeShare + M.fadingShare} THEN 2 ELSE 3 END AS activity,
    floor(unif(hk, 6) * (${p.months} + 18))::INTEGER - 18 AS fade_rel,
    CASE WHEN unif(hk, 7) < 0.3 THEN 1 + floor(unif(hk, 8) * ${Math.max(1, p.months - 1)})::INTEGER ELSE 100000 END AS wake_rel,
    DATE '${startIso}' - 1 - floor(unif(hk, 10) * 720)::INTEGER AS dormant_last,
    CASE WHEN unif(hk, 11) < ${M.anchorShare}
         THEN ln(${sqlPick(expandWeighted(M.anchors), 'unif(hk, 12)')}) + 0.07 * gauss(hk, 13)
         ELSE ${Math.log(M.medianAum)} + ${levelSd} * gauss(hk, 14) END AS mu,
    ${stationarySd} * gauss(hk, 15) AS x_init,
    0.15 + 0.85 * pow(unif(hk, 16), 0.7) AS dep_share,
    unif(hk, 17) < ${M.loanShare} AS has_loan,
    exp(ln(300000) + 0.9 * gauss(hk, 18)) AS loan0,
    floor(unif(hk, 19) * (130 + ${p.months}))::INTEGER - 130 AS loan_start_rel,
    unif(hk, 20) < 0.5 AS long_term,
    CASE WHEN unif(hk, 21) < 0.06 THEN 0.0 ELSE exp(0.35 * gauss(hk, 22)) END AS star_factor,
    ${sqlPick(expandWeighted(M.depositTerms), 'unif(hk, 23)')} AS term_months,
    unif(hk, 24) < 0.1 AS no_card,
    unif(hk, 25) < ${M.riskyShare} AS risky,
    floor(unif(hk, 26) * (${p.months} + 12))::INTEGER - 12 AS spell_start,
    1 + floor(unif(hk, 27) * 4)::INTEGER AS spell_len,
    1 + (unif(hk, 28) < 0.3)::INTEGER AS spell_intensity,
    72 + 11 * gauss(hk, 29) AS credit_base,
    ${sqlPick(branchIdx, 'unif(hk, 30)')} AS branch_idx,
    DATE '1945-01-01' + floor((unif(hk, 32) + unif(hk, 33)) / 2 * ${birthSpan})::INTEGER AS birth,
    unif(hk, 34) < 0.5 AS male,
    ${sqlPick(PHONE_PREFIXES, 'unif(hk, 35)')} || lpad(floor(unif(hk, 36) * 100000000)::BIGINT::VARCHAR, 8, '0') AS phone,
    ${sqlPick(expandWeighted(SURNAMES), 'unif(hk, 37)')} AS surname
  FROM base
), derived AS (
  SELECT *,
    join_rel + stay AS last_rel,
    CASE WHEN potential THEN NULL
         WHEN join_rel = 0 THEN DATE '${startIso}' - 1 - floor(pow(unif(hk, 9), 1.6) * ${spanDays})::INTEGER
         ELSE month_start(${p.startMonth} + join_rel)
              + floor(unif(hk, 9) * day(month_end(${p.startMonth} + join_rel)))::INTEGER END AS first_txn_date,
    CASE WHEN join_rel > 0 THEN ${M.newCustomerDip} ELSE 0.0 END AS new_dip,
    CASE WHEN long_term THEN (CASE WHEN loan0 > 500000 THEN 360 ELSE 60 END)
         ELSE (CASE WHEN loan0 > 500000 THEN 240 ELSE 36 END) END AS loan_term,
    CASE WHEN no_card THEN 0.0 ELSE exp(4.9 + 0.5 * mu + 0.6 * gauss(hk, 38)) END AS cons_base,
    ${sqlList(BRANCHES.map((b) => b.name))}[branch_idx] AS branch,
    CASE WHEN unif(hk, 31) < 0.8 THEN ${sqlList(BRANCHES.map((b) => b.region))}[branch_idx]
         ELSE ${sqlPick(OTHER_REGIONS, 'unif(hk, 39)')} END AS region,
    year(birth) * 10000 + month(birth) * 100 + day(birth) AS birth_ymd,
    2 * floor(unif(hk, 40) * 500)::INTEGER + male::INTEGER AS seq,
    CASE WHEN unif(hk, 41) < ${M.dotNameProb} THEN ${sqlPick(DOT_NAMES, 'unif(hk, 42)')}
         ELSE surname || (${given(43)}) || (CASE WHEN unif(hk, 46) < 0.3 THEN '' ELSE (${given(47)}) END) END AS customer_name
  FROM draw
)
SELECT * EXCLUDE (surname, birth, branch_idx, long_term, no_card, stay),
  region::VARCHAR || birth_ymd::VARCHAR || lpad(seq::VARCHAR, 3, '0') || ${idCheckCharSql('region', 'birth_ymd', 'seq')} AS id_number
FROM derived`;
}

/** The panel in file order. Customer ids grow with the customer index, so this is (month, k) order. */
const RETAIL_PANEL_SELECT = 'SELECT * FROM retail_panel ORDER BY snapshot_date, customer_id';

/**
 * The monthly panel as a view. Each (customer, month) row gets its own hash `hm`; log AUM is the
 * customer's level plus an AR(1) deviation x_t = rho·x_{t-1} + eps_t, evaluated in closed form as
 * rho^t·(x_0·rho + Σ rho^-s·eps_s) with a running window sum. Everything else is a pure function
 * of (customer, month), which keeps the model streamable at any size.
 */
function retailPanelSql(p: RetailParams): string {
  const M = RETAIL_MODEL;
  const a = (rel: string): string => `(${p.startMonth} + ${rel})`;
  const monthHash = (rel: string): string => `h32(hk + ${a(rel)} * 2246822519)`;
  return `
CREATE OR REPLACE VIEW retail_panel AS
WITH grid AS (
  SELECT k, hk, m, join_rel, last_rel, closes, potential, empty_account, activity, fade_rel, wake_rel,
         first_txn_date, dormant_last, mu, x_init, new_dip, dep_share, has_loan, loan0, loan_start_rel,
         loan_term, star_factor, term_months, cons_base, risky, spell_start, spell_len, spell_intensity,
         credit_base, ${monthHash('m')} AS hm
  FROM (SELECT *, unnest(range(join_rel, least(last_rel, ${p.months - 1}) + 1)) AS m FROM retail_customers)
), steps AS (
  SELECT *,
    (${M.stepSd} * gauss(hm, 1) + CASE WHEN unif(hm, 3) < ${M.jumpProb} THEN ${M.jumpSd} * gauss(hm, 4) ELSE 0 END)
      * pow(${M.rho}, -(m - join_rel)) AS scaled_eps
  FROM grid
), walk AS (
  SELECT *,
    sum(scaled_eps) OVER (PARTITION BY k ORDER BY m ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum_eps,
    m = last_rel AND closes AS closing
  FROM steps
), level AS (
  SELECT *,
    CASE WHEN potential OR empty_account THEN 0.0
         ELSE round(exp(mu + pow(${M.rho}, m - join_rel + 1) * x_init + pow(${M.rho}, m - join_rel) * cum_eps
                        + ${M.driftPerMonth} * m - new_dip * pow(0.7, m - join_rel))
                    * CASE WHEN closing THEN 0.05 + 0.45 * unif(hm, 6) ELSE 1 END, 2) END AS raw_aum
  FROM walk
), amounts AS (
  SELECT *,
    CASE WHEN raw_aum > 0 AND unif(hm, 7) < ${M.snapProb}
         THEN coalesce(list_filter(${sqlList(M.thresholds)}, t -> abs(ln(raw_aum / t)) < 0.12)[1]::DOUBLE, raw_aum)
         ELSE raw_aum END AS aum,
    CASE WHEN risky AND NOT potential
         THEN spell_intensity * greatest(0, least(spell_start + spell_len - 1, m) - greatest(spell_start, m - 11) + 1)
         ELSE 0 END AS overdue,
    CASE WHEN potential THEN NULL
         WHEN closing OR activity = 1 THEN m
         WHEN activity = 2 THEN least(m, fade_rel)
         WHEN m >= wake_rel THEN m END AS active_rel
  FROM level
), final AS (
  SELECT *,
    CASE WHEN closing THEN 0.0
         ELSE round(aum * least(1.1, dep_share * exp(0.08 * gauss(hm, 8))), 2) END AS deposit_balance,
    CASE WHEN potential THEN NULL
         ELSE greatest(first_txn_date, coalesce(
           month_end(${a('active_rel')}) - floor(pow(unif(${monthHash('active_rel')}, 9), 2) * 28)::INTEGER,
           dormant_last)) END AS last_txn_date
  FROM amounts
)
SELECT
  c.customer_id, c.customer_name, c.id_number, c.phone, c.branch,
  month_end(${a('f.m')}) AS snapshot_date,
  f.aum,
  f.deposit_balance,
  CASE WHEN NOT f.has_loan OR f.potential OR f.closing OR f.m < f.loan_start_rel THEN 0.0
       ELSE round(f.loan0 * greatest(0, 1 - (f.m - f.loan_start_rel) / f.loan_term), 2) END AS loan_balance,
  round(100000 * (1 - exp(-f.aum * f.star_factor / 1e7)))::INTEGER AS star_points,
  CASE WHEN f.deposit_balance = 0 THEN 0 ELSE f.term_months END::INTEGER AS deposit_term_months,
  CASE WHEN f.potential THEN 0.0 ELSE round(f.cons_base * exp(0.06 * gauss(f.hm, 10)), 2) END AS consumption_12m,
  f.overdue::INTEGER AS overdue_count_12m,
  greatest(0, least(100, round(f.credit_base + 2 * gauss(f.hm, 12) - 6 * f.overdue)))::INTEGER AS credit_score,
  f.first_txn_date,
  f.last_txn_date,
  f.closing AS closed
FROM final f JOIN retail_customers c USING (k)`;
}

async function buildRetailModel(conn: DuckDBConnection, p: RetailParams): Promise<void> {
  await conn.run(retailCustomersSql(p));
  await conn.run(retailPanelSql(p));
}

const RETAIL_CSV_HEADER = [
  '客户号', '客户姓名', '证件号码', '手机号', '所属支行', '数据日期', '月日均AUM(元)', '存款余额', '贷款余额',
  '星点值', '首次交易日期', '最近交易日期', '是否销户',
];

/** How a retail extract renders dates, amounts and defects. */
interface RetailExtractStyle {
  readonly format: CsvFormat;
  /** strftime pattern: Excel's Chinese short date is yyyy/m/d. */
  readonly datePattern: string;
  readonly amount: (x: number) => string;
  /** Sprinkle the defects a hand-handled extract has (blank and '-' cells). */
  readonly blemishes: boolean;
}

/** Excel on Chinese Windows re-saved as "CSV (逗号分隔)": GBK, yyyy/m/d, #,##0.00, some defects. */
const EXCEL_GBK_STYLE: RetailExtractStyle = { format: EXCEL_CSV_GBK, datePattern: '%Y/%-m/%-d', amount: thousands, blemishes: true };
/** Excel "CSV UTF-8": BOM, ISO dates, plain numbers. */
const EXCEL_UTF8_STYLE: RetailExtractStyle = { format: EXCEL_CSV_UTF8, datePattern: '%Y-%m-%d', amount: plainNumber, blemishes: false };

/** Per-row defect draw: about 0.05% blank AUM, 0.04% '-' AUM, 0.03% '-' deposit. */
const BLEMISH = { blankAum: 0.0005, dashAum: 0.0009, dashDeposit: 0.0012 } as const;

/**
 * Writes one month of a panel Parquet file as a spreadsheet-style CSV extract. Rows stream from
 * DuckDB chunk by chunk; the snapshot filter hits the Parquet min/max stats (file is date-sorted).
 */
async function writeRetailExtract(conn: DuckDBConnection, panelFile: string, snapshotIso: string, file: string, style: RetailExtractStyle): Promise<number> {
  const d = (col: string): string => `strftime(${col}, ${sqlString(style.datePattern)})`;
  const sql = `
    SELECT customer_id, customer_name, id_number, phone, branch, ${d('snapshot_date')}, aum, deposit_balance,
           loan_balance, star_points, ${d('first_txn_date')}, ${d('last_txn_date')}, closed,
           unif(h32(substr(customer_id, 2)::BIGINT * 2654435761 + ${SEED}), date_diff('day', DATE '2000-01-01', snapshot_date)) AS blemish_u
    FROM read_parquet(${sqlString(panelFile)})
    WHERE snapshot_date = DATE '${snapshotIso}'
    ORDER BY customer_id`;
  const writer = await CsvWriter.open(file, style.format, RETAIL_CSV_HEADER);
  for await (const rows of streamRows(conn, sql)) {
    await writer.writeRows(rows.map((r) => formatRetailRow(r, style)));
  }
  return writer.close();
}

function formatRetailRow(r: readonly JsValue[], style: RetailExtractStyle): string[] {
  const text = (i: number): string => {
    const v = r[i];
    return v === null || v === undefined ? '' : asString(v);
  };
  const u = style.blemishes ? asNumber(r[13]) : 1;
  const aum = u < BLEMISH.blankAum ? '' : u < BLEMISH.dashAum ? '-' : style.amount(asNumber(r[6]));
  const deposit = u >= BLEMISH.dashAum && u < BLEMISH.dashDeposit ? '-' : style.amount(asNumber(r[7]));
  return [
    text(0), text(1), text(2), text(3), text(4), text(5), aum, deposit, style.amount(asNumber(r[8])),
    String(asNumber(r[9])), text(10), text(11), r[12] === true ? '是' : '否',
  ];
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Corporate customers (XLSX)
// ─────────────────────────────────────────────────────────────────────────────────────────────

const CORPORATE_QUARTERS = ['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31'];

const CORPORATE_HEADER = [
  '客户号', '客户名称', '所属支行', '报告期', '所属行业', '贷款余额', '日均存款', '年销售收入', '资产总额', '总行战略客户',
  '贷款FTP净收入', '存款FTP净收入', '中间业务净收入', '资本成本', '运营成本', '信贷成本',
  '银行对客户价值评分', '行业价值空间评分', '企业成长性评分', '市场影响力评分', '信用评分', '五级分类', '是否违反政策',
];

const LOAN_CLASSES = ['正常', '关注', '次级', '可疑', '损失'] as const;
type LoanClass = (typeof LOAN_CLASSES)[number];

interface Firm {
  id: string;
  name: string;
  branch: string;
  industry: Industry;
  strategic: boolean;
  revenue: number;
  assets: number;
  deposit: number;
  loan: number;
  loanClass: LoanClass;
  violation: boolean;
  bankValue: number;
  industryScore: number;
  growth: number;
  influence: number;
  credit: number;
  feeBase: number;
  firstQuarter: number;
  lastQuarter: number;
  /** Values forced in every quarter: the hand-made boundary cases listed in the README. */
  pin?: FirmPin;
}

interface FirmPin {
  revenue?: number;
  assets?: number;
  deposit?: number;
  loan?: number;
  strategic?: boolean;
  bankValue?: number;
  /** Profit contribution (value-matrix y) to land on exactly. */
  profit?: number;
}

interface CorporateRow {
  id: string; name: string; branch: string; quarter: string; industry: string;
  loan: number; deposit: number; revenue: number; assets: number; strategic: boolean;
  loanFtp: number; depositFtp: number; fee: number; capitalCost: number; operatingCost: number; creditCost: number;
  bankValue: number; industryScore: number; growth: number; influence: number; credit: number;
  loanClass: LoanClass | ''; violation: boolean;
}

/** Five-category classification drawn from the credit score (worse scores, worse classes). */
function drawLoanClass(rng: Rng, credit: number): LoanClass {
  if (credit < 40) return rng.weighted([['正常', 44], ['关注', 30], ['次级', 15], ['可疑', 8], ['损失', 3]]);
  if (credit < 55) return rng.weighted([['正常', 86], ['关注', 10], ['次级', 3], ['可疑', 1]]);
  return rng.chance(0.985) ? '正常' : '关注';
}

function newFirm(rng: Rng, namer: CompanyNamer, index: number): Firm {
  const industry = rng.weighted(INDUSTRIES.map((i) => [i, i.weight] as const));
  // A quarter of farm firms sit between 1.5亿 and 3亿, where only the farm rule makes them `large`.
  const revenue = industry.name === FARM && rng.chance(0.25)
    ? rng.uniform(1.5e8, 3e8)
    : rng.lognormal(industry.revenueMedian, 1.3);
  const hasLoan = rng.chance(0.6);
  const credit = clamp(62 + 6 * Math.log(revenue / 5e7) + 14 * rng.normal(), 5, 99);
  const loanClass = hasLoan ? drawLoanClass(rng, credit) : '正常';
  const big = revenue >= 3e8;
  const firstQuarter = rng.chance(0.95) ? 0 : rng.int(1, 3);
  const branch = rng.weighted(BRANCHES.map((b) => [b.name, b.weight] as const));
  // Most firms bank with the branch of their own city (branch names start with the city).
  const city = rng.chance(0.85) ? branch.slice(0, 2) : rng.pick(CITIES_ZJ);
  return {
    id: `G${String(100_000_000 + index * 7 + rng.int(0, 6))}`,
    name: namer.company(industry.words, city),
    branch,
    industry,
    strategic: rng.chance(big ? 0.1 : 0.008),
    revenue,
    assets: revenue * rng.uniform(0.5, 2.2),
    deposit: rng.lognormal(1.2e6 * Math.sqrt(revenue / 6e7), 1.2),
    loan: hasLoan ? revenue * rng.uniform(0.08, 0.5) * rng.lognormal(1, 0.4) : 0,
    loanClass,
    violation: rng.chance(0.012),
    bankValue: clamp(52 + 14 * rng.normal() + (hasLoan ? 6 : -4), 0, 100),
    industryScore: clamp(industry.industryScore + 10 * rng.normal(), 0, 100),
    growth: clamp(56 + 17 * rng.normal(), 0, 100),
    influence: clamp(45 + 9 * Math.log(revenue / 5e7) + 10 * rng.normal(), 0, 100),
    credit,
    feeBase: rng.chance(0.25) ? 0 : rng.lognormal(30_000, 1.2),
    firstQuarter,
    lastQuarter: rng.chance(0.03) ? rng.int(firstQuarter, 2) : 3,
  };
}

/** Hand-made boundary cases, so the `>=` of every corporate rule is exercised by real rows. */
function pinBoundaryFirms(firms: Firm[]): void {
  const byIndustry = (name: string, skip: number): Firm => {
    const f = firms.filter((x) => x.industry.name === name && x.firstQuarter === 0 && x.lastQuarter === 3 && !x.strategic)[skip];
    if (!f) throw new Error(`no firm for pin in ${name}`);
    return f;
  };
  byIndustry('制造业', 0).pin = { revenue: 300_000_000, loan: 25_000_000, assets: 410_000_000 };
  byIndustry(FARM, 0).pin = { revenue: 150_000_000, loan: 12_000_000, assets: 180_000_000 };
  byIndustry(FARM, 1).pin = { revenue: 149_999_999.99, loan: 9_000_000, assets: 160_000_000 };
  byIndustry('批发和零售业', 0).pin = { revenue: 30_000_000, assets: 40_000_000, loan: 3_000_000 };
  byIndustry('批发和零售业', 1).pin = { revenue: 30_000_000, assets: 39_999_999.99, loan: 3_000_000 };
  byIndustry('建筑业', 0).pin = { loan: 0, deposit: 500_000 };
  byIndustry('建筑业', 1).pin = { loan: 0, deposit: 499_999.99 };
  byIndustry('制造业', 1).pin = { strategic: true, loan: 0, deposit: 8_000_000 };
  byIndustry('制造业', 2).pin = { bankValue: 60, profit: 100_000, loan: 8_000_000 };
}

function corporateRow(rng: Rng, f: Firm, q: number): CorporateRow {
  // Quarter-to-quarter drift: trailing revenue creeps, deposits swing, some loans open or close.
  if (q > f.firstQuarter) {
    f.revenue *= Math.exp(0.012 + 0.05 * rng.normal());
    f.assets *= Math.exp(0.01 + 0.025 * rng.normal());
    f.deposit = f.deposit * Math.exp(0.3 * rng.normal());
    if (f.loan > 0) f.loan = rng.chance(0.03) ? 0 : f.loan * Math.exp(0.1 * rng.normal());
    else if (rng.chance(0.04)) f.loan = f.revenue * rng.uniform(0.05, 0.25);
    if (f.loan > 0 && rng.chance(0.04)) f.loanClass = drawLoanClass(rng, f.credit - 10);
    f.credit = clamp(f.credit + 3 * rng.normal(), 0, 100);
    f.bankValue = clamp(f.bankValue + 3 * rng.normal(), 0, 100);
    f.growth = clamp(f.growth + 4 * rng.normal(), 0, 100);
  }
  const pin = f.pin ?? {};
  const loan = round2(pin.loan ?? f.loan);
  const deposit = round2(pin.deposit ?? f.deposit);
  const classRate: Record<LoanClass, number> = { 正常: 0.004, 关注: 0.02, 次级: 0.15, 可疑: 0.4, 损失: 0.8 };
  const row: CorporateRow = {
    id: f.id, name: f.name, branch: f.branch, quarter: at(CORPORATE_QUARTERS, q), industry: f.industry.name,
    loan, deposit,
    revenue: round2(pin.revenue ?? f.revenue),
    assets: round2(pin.assets ?? f.assets),
    strategic: pin.strategic ?? f.strategic,
    loanFtp: round2(loan * rng.uniform(0.008, 0.022)),
    depositFtp: round2(deposit * rng.uniform(0.004, 0.015)),
    fee: round2(f.feeBase * Math.exp(0.2 * rng.normal())),
    capitalCost: round2(loan * rng.uniform(0.004, 0.008)),
    operatingCost: round2(8_000 + 0.001 * (loan + deposit) * rng.uniform(0.5, 1.5)),
    creditCost: round2(loan * (loan > 0 ? classRate[f.loanClass] : 0) * rng.uniform(0.5, 1.5)),
    bankValue: Math.round(10 * (pin.bankValue ?? f.bankValue)) / 10,
    industryScore: Math.round(10 * f.industryScore) / 10,
    growth: Math.round(10 * f.growth) / 10,
    influence: Math.round(10 * f.influence) / 10,
    credit: Math.round(10 * f.credit) / 10,
    loanClass: loan > 0 ? f.loanClass : '',
    violation: f.violation,
  };
  if (pin.profit !== undefined) pinProfit(row, pin.profit);
  return row;
}

/**
 * Makes the profit contribution equal `profit` exactly, even in floating point: all six parts
 * become whole yuan (integer sums are exact in doubles) and the fee line absorbs the difference.
 */
function pinProfit(row: CorporateRow, profit: number): void {
  row.loanFtp = Math.round(row.loanFtp);
  row.depositFtp = Math.round(row.depositFtp);
  row.capitalCost = Math.round(row.capitalCost);
  row.operatingCost = Math.round(row.operatingCost);
  row.creditCost = Math.round(row.creditCost);
  row.fee = profit - (row.loanFtp + row.depositFtp - row.capitalCost - row.operatingCost - row.creditCost);
}

function generateCorporate(): CorporateRow[] {
  const rng = new Rng('corporate_quarters.xlsx');
  const namer = new CompanyNamer(rng);
  const firms = Array.from({ length: 1500 }, (_, i) => newFirm(rng, namer, i));
  pinBoundaryFirms(firms);
  const rows: CorporateRow[] = [];
  for (let q = 0; q < CORPORATE_QUARTERS.length; q++) {
    for (const f of firms) {
      if (q >= f.firstQuarter && q <= f.lastQuarter) rows.push(corporateRow(rng, f, q));
    }
  }
  return rows;
}

/** Days since 1899-12-30: how Excel stores a date in a numeric cell. */
function excelSerial(iso: string): number {
  return daysBetween('1899-12-30', iso);
}

/**
 * Lets SheetJS deflate with Node's zlib (2.6× smaller than its pure-JS deflate). SheetJS probes
 * zlib through InflateRaw#bytesRead, a getter Node deprecated (DEP0108); the probe is harmless,
 * so the warning is muted for that one call only.
 */
function useNodeZlibInSheetJs(): void {
  const previous = process.noDeprecation;
  process.noDeprecation = true;
  try {
    XLSX.CFB.utils.use_zlib(zlib);
  } finally {
    process.noDeprecation = previous;
  }
}

function writeCorporateXlsx(file: string, rows: readonly CorporateRow[]): number {
  const yesNo = (b: boolean): string => (b ? '是' : '否');
  const aoa: (string | number)[][] = [CORPORATE_HEADER.slice()];
  for (const r of rows) {
    aoa.push([
      r.id, r.name, r.branch, excelSerial(r.quarter), r.industry, r.loan, r.deposit, r.revenue, r.assets, yesNo(r.strategic),
      r.loanFtp, r.depositFtp, r.fee, r.capitalCost, r.operatingCost, r.creditCost,
      r.bankValue, r.industryScore, r.growth, r.influence, r.credit, r.loanClass, yesNo(r.violation),
    ]);
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  const col = (header: string): number => {
    const c = CORPORATE_HEADER.indexOf(header);
    if (c < 0) throw new Error(`no column ${header}`);
    return c;
  };
  // Real date cells (numeric serial + date format) and accounting-style amounts, as a bank report has.
  const amountCols = ['贷款余额', '日均存款', '年销售收入', '资产总额', '贷款FTP净收入', '存款FTP净收入', '中间业务净收入', '资本成本', '运营成本', '信贷成本'].map(col);
  for (let r = 1; r < aoa.length; r++) {
    const dateCell = ws[XLSX.utils.encode_cell({ r, c: col('报告期') })];
    if (dateCell) dateCell.z = 'yyyy/m/d';
    for (const c of amountCols) {
      const cell = ws[XLSX.utils.encode_cell({ r, c })];
      if (cell) cell.z = '#,##0.00';
    }
    // Firms without loans have no five-category class: leave the cell truly empty.
    const classAddr = XLSX.utils.encode_cell({ r, c: col('五级分类') });
    if (ws[classAddr]?.v === '') delete ws[classAddr];
  }
  ws['!cols'] = CORPORATE_HEADER.map((h, i) => ({ wch: i === 1 ? 30 : i === 4 ? 22 : Math.max(10, h.length * 2 + 2) }));
  ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: aoa.length - 1, c: CORPORATE_HEADER.length - 1 } }) };

  const notes = XLSX.utils.aoa_to_sheet([
    ['填表说明'],
    ['1. 金额单位：元；日均存款为报告期内日均余额。'],
    ['2. 年销售收入、资产总额取自客户最近一期财务报表（滚动12个月）。'],
    ['3. 贷款FTP净收入、存款FTP净收入、中间业务净收入及各项成本为年化口径。'],
    ['4. 五级分类为空表示该客户在报告期末无贷款余额。'],
    ['5. 本表为演示用虚构数据，客户名称均为随机组合。'],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '对公客户');
  XLSX.utils.book_append_sheet(wb, notes, '填表说明');
  // Shared strings (as Excel writes them) and Node's zlib: SheetJS's built-in deflate is weak.
  useNodeZlibInSheetJs();
  const out = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Buffer;
  writeFileSync(file, out);
  return rows.length;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Dealers of a manufacturer (CSV, 3 years)
// ─────────────────────────────────────────────────────────────────────────────────────────────

const DEALER_HEADER = ['客户编号', '客户名称', '客户类型', '统计日期', '年度销售额', '成本比例', '信用等级', '当地影响力', '合作开始日期'];
const DEALER_YEARS = [2023, 2024, 2025];
type DealerType = '普通商' | '加盟商' | 'OEM商';
const DEALER_TYPES: readonly (readonly [DealerType, number])[] = [['普通商', 60], ['加盟商', 30], ['OEM商', 10]];
const DEALER_SALES_MEDIAN: Record<DealerType, number> = { 普通商: 1.8e6, 加盟商: 4e6, OEM商: 9e6 };
const DEALER_NAME_WORDS: Record<DealerType, readonly string[]> = {
  普通商: ['商贸有限公司', '贸易商行', '五金经营部', '建材经营部', '商贸行'],
  加盟商: ['品牌运营有限公司', '专卖店', '连锁经营有限公司'],
  OEM商: ['制造有限公司', '实业有限公司', '科技有限公司'],
};
const CREDIT_LEVELS: readonly (readonly [string, number])[] = [['AAA', 10], ['AA', 20], ['A', 30], ['BBB', 20], ['BB', 12], ['B', 8]];
/**
 * Cooperation start dates placed exactly around the six-month provisional rule for the last
 * period: 06-01 and 06-30 give six whole months to 12-31; 07-01 and 07-31 give five.
 */
const DEALER_BOUNDARY_STARTS = ['2025-06-01', '2025-06-30', '2025-07-01', '2025-07-31', '2025-12-31', '2024-06-30', '2024-07-01'];

interface Dealer {
  id: string;
  name: string;
  type: DealerType;
  sales: number;
  cost: number;
  credit: string;
  influence: number;
  start: string;
  firstYear: number;
  lastYear: number;
  /** Share of a full year traded in the joining year; the next year's sales are scaled back up. */
  ramp: number;
}

function newDealer(rng: Rng, namer: CompanyNamer, seq: number, firstYear: number, start: string): Dealer {
  const type = rng.weighted(DEALER_TYPES);
  // New dealers trade only part of their first year.
  const ramp = start.startsWith(String(firstYear)) ? rng.uniform(0.2, 0.7) : 1;
  return {
    id: `JXS${String(10_000 + seq)}`,
    name: namer.shop(rng.pick(CITIES_CN) + (rng.chance(0.5) ? '市' : ''), DEALER_NAME_WORDS[type]),
    type,
    sales: rng.lognormal(DEALER_SALES_MEDIAN[type], 0.85) * ramp,
    cost: clamp(0.68 + 0.12 * rng.normal(), 0.4, 1.0),
    credit: rng.weighted(CREDIT_LEVELS),
    influence: rng.weighted([[1, 15], [2, 25], [3, 30], [4, 20], [5, 10]]),
    start,
    firstYear,
    lastYear: 2025,
    ramp,
  };
}

function generateDealers(): string[][] {
  const rng = new Rng('dealers_3y.csv');
  const namer = new CompanyNamer(rng);
  const dealers: Dealer[] = [];
  let seq = 0;
  // The 2023 book: long-standing dealers.
  for (let i = 0; i < 660; i++) {
    dealers.push(newDealer(rng, namer, seq++, 2023, addDays('2008-01-01', rng.int(0, daysBetween('2008-01-01', '2022-12-31')))));
  }
  // Joiners in each year; about half of them join in the second half (provisional at year end).
  for (const year of DEALER_YEARS) {
    const boundary = DEALER_BOUNDARY_STARTS.filter((d) => d.startsWith(String(year)));
    const count = year === 2023 ? 70 : 110;
    for (let i = 0; i < count; i++) {
      const start = atOrUndefined(boundary, i) ?? addDays(`${year}-01-01`, rng.int(0, 364));
      dealers.push(newDealer(rng, namer, seq++, year, start));
    }
  }
  const rows: string[][] = [];
  for (const year of DEALER_YEARS) {
    for (const d of dealers) {
      if (year < d.firstYear || year > d.lastYear) continue;
      if (year > d.firstYear) {
        d.sales *= Math.exp(0.06 + 0.25 * rng.normal()) / d.ramp;
        d.ramp = 1;
        d.cost = clamp(d.cost + 0.04 * rng.normal(), 0.4, 1.0);
        if (rng.chance(0.15)) d.credit = rng.weighted(CREDIT_LEVELS);
        if (rng.chance(0.1)) d.influence = clamp(d.influence + (rng.chance(0.5) ? 1 : -1), 1, 5);
      }
      rows.push([d.id, d.name, d.type, `${year}-12-31`, round2(d.sales).toFixed(2), d.cost.toFixed(3), d.credit, String(d.influence), d.start]);
      // Leavers: about 6% of the book stops trading after each year.
      if (rng.chance(0.06)) d.lastYear = year;
    }
  }
  return rows;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Credit-scored firms (Parquet, 5 years)
// ─────────────────────────────────────────────────────────────────────────────────────────────

interface CreditFirm {
  id: string;
  name: string;
  industry: string;
  score: number;
  /** The firm's long-run score level: scores revert towards it, so grades migrate both ways. */
  anchor: number;
  loan: number;
  defaulted: boolean;
  loanClass: LoanClass;
  violation: boolean;
  firstYear: number;
  lastYear: number;
}

const CREDIT_YEARS = [2021, 2022, 2023, 2024, 2025];

function newCreditFirm(rng: Rng, namer: CompanyNamer, seq: number, firstYear: number): CreditFirm {
  const industry = rng.weighted(INDUSTRIES.map((i) => [i, i.weight] as const));
  const anchor = clamp(66 + 15 * rng.normal(), 8, 98);
  return {
    id: `E${String(200_000_000 + seq * 3 + rng.int(0, 2))}`,
    name: namer.company(industry.words, rng.pick(rng.chance(0.7) ? CITIES_ZJ : CITIES_CN)),
    industry: industry.name,
    score: clamp(anchor + 5 * rng.normal(), 0, 100),
    anchor,
    loan: rng.chance(0.1) ? 0 : rng.lognormal(6e6, 1.3),
    defaulted: false,
    loanClass: '正常',
    violation: rng.chance(0.012),
    firstYear,
    lastYear: 2025,
  };
}

/** One year of a credit firm: score drift, default hazard rising as the score falls, classes. */
function stepCreditFirm(rng: Rng, f: CreditFirm, firstYearOfFirm: boolean): void {
  if (!firstYearOfFirm) f.score = clamp(f.score + 0.25 * (f.anchor - f.score) + 3.5 * rng.normal(), 0, 100);
  if (f.defaulted) {
    // Defaults mostly persist (workout takes years); a few cure and re-enter the scored book.
    if (rng.chance(0.15)) {
      f.defaulted = false;
      f.score = clamp(f.score + 15, 0, 100);
    }
  } else {
    const hazard = f.score < 30 ? 0.22 : f.score < 45 ? 0.07 : f.score < 60 ? 0.02 : 0.003;
    f.defaulted = f.loan > 0 && rng.chance(hazard);
  }
  if (f.defaulted) f.loanClass = rng.weighted([['次级', 20], ['可疑', 55], ['损失', 25]]);
  else f.loanClass = drawLoanClass(rng, f.score);
  if (rng.chance(0.01)) f.violation = !f.violation;
  if (f.loan > 0) f.loan *= Math.exp(0.05 + 0.2 * rng.normal());
}

async function writeCreditFirms(conn: DuckDBConnection, file: string): Promise<number> {
  const rng = new Rng('credit_firms_5y.parquet');
  const namer = new CompanyNamer(rng);
  const firms: CreditFirm[] = [];
  let seq = 0;
  for (let i = 0; i < 2700; i++) firms.push(newCreditFirm(rng, namer, seq++, 2021));
  await conn.run(`CREATE OR REPLACE TABLE credit_firms (
    customer_id VARCHAR, customer_name VARCHAR, industry VARCHAR, year INTEGER, credit_score DOUBLE,
    loan_class VARCHAR, defaulted BOOLEAN, policy_violation BOOLEAN, loan_balance DOUBLE)`);
  const appender = await conn.createAppender('credit_firms');
  let rows = 0;
  for (const year of CREDIT_YEARS) {
    if (year > 2021) for (let i = 0; i < 90; i++) firms.push(newCreditFirm(rng, namer, seq++, year));
    for (const f of firms) {
      if (year < f.firstYear || year > f.lastYear) continue;
      stepCreditFirm(rng, f, year === f.firstYear);
      appender.appendVarchar(f.id);
      appender.appendVarchar(f.name);
      appender.appendVarchar(f.industry);
      appender.appendInteger(year);
      appender.appendDouble(Math.round(f.score * 10) / 10);
      appender.appendVarchar(f.loanClass);
      appender.appendBoolean(f.defaulted);
      appender.appendBoolean(f.violation);
      appender.appendDouble(round2(f.loan));
      appender.endRow();
      rows++;
      // Exits: defaulted firms are often written off, healthy ones sometimes move to another bank.
      if (f.lastYear === 2025 && rng.chance(f.defaulted ? 0.35 : 0.04)) f.lastYear = year;
    }
  }
  appender.closeSync();
  await copyToParquet(conn, `
    SELECT customer_id, customer_name, industry, make_date(year, 12, 31) AS snapshot_date, credit_score,
           loan_class, defaulted, policy_violation, loan_balance
    FROM credit_firms ORDER BY snapshot_date, customer_id`, file);
  return rows;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Insurance customers and RFM transactions (CSV)
// ─────────────────────────────────────────────────────────────────────────────────────────────

const INSURANCE_HEADER = ['客户号', '姓名', '手机号', '统计日期', '保费', '赔付', '其他收入', '忠诚度评分', '风险评分', '预计成交天数', '是否有需求'];

function generateInsurance(): string[][] {
  const rng = new Rng('insurance_customers.csv');
  const rows: string[][] = [];
  for (let i = 0; i < 5000; i++) {
    const premium = round2(rng.lognormal(6000, 0.9));
    // Most policies have no claim in the year; a few claims exceed the premium (negative contribution).
    const claims = rng.chance(0.78) ? 0 : round2(rng.lognormal(4000, 1.1));
    const other = rng.chance(0.6) ? 0 : round2(rng.lognormal(300, 0.8));
    const loyalty = Math.round(clamp(58 + 18 * rng.normal(), 0, 100));
    const risk = Math.round(clamp(45 + 20 * rng.normal() + (claims > premium ? 15 : 0), 0, 100));
    const hasNeed = rng.chance(0.55);
    // No need: the agent usually leaves the expected-close field blank.
    // A few agents forget the field even when there is a need: those customers are `unrated`.
    const days = hasNeed ? (rng.chance(0.02) ? '' : String(Math.min(365, Math.max(1, Math.round(rng.lognormal(60, 0.9))))))
      : rng.chance(0.7) ? '' : String(rng.int(30, 365));
    rows.push([
      `BX${String(30_000_000 + i * 13 + rng.int(0, 12))}`, personName(rng), phoneNumber(rng), '2025-12-31',
      premium.toFixed(2), claims.toFixed(2), other.toFixed(2), String(loyalty), String(risk), days, hasNeed ? '是' : '否',
    ]);
  }
  return rows;
}

const TXN_HEADER = ['客户号', '交易日期', '交易金额'];

/**
 * Transactions of 3,000 customers over 2024–2025: each has an acquisition date, maybe a churn
 * date, a lognormal purchase rate (heavy-tailed frequency) and a lognormal basket size.
 */
function generateTransactions(): string[][] {
  const rng = new Rng('transactions_rfm.csv');
  const first = '2024-01-01';
  const span = daysBetween(first, '2025-12-31');
  const txns: [string, string, number][] = [];
  for (let i = 0; i < 3000; i++) {
    const id = `M${String(5_000_000 + i * 11 + rng.int(0, 10))}`;
    const acquired = Math.floor(span * Math.pow(rng.next(), 1.3));
    const churned = rng.chance(0.35) ? acquired + Math.floor((span - acquired) * rng.next()) : span;
    const activeDays = Math.max(1, churned - acquired + 1);
    const perMonth = rng.lognormal(0.7, 1.0);
    const expected = perMonth * activeDays / 30.4;
    const n = Math.max(1, Math.min(400, Math.round(expected * Math.exp(0.3 * rng.normal()))));
    const basket = rng.lognormal(180, 0.9);
    for (let t = 0; t < n; t++) {
      const day = acquired + (t === 0 ? 0 : rng.int(0, activeDays - 1));
      txns.push([id, addDays(first, day), round2(basket * rng.lognormal(1, 0.6))]);
    }
  }
  txns.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2]));
  return txns.map(([id, date, amount]) => [id, date, amount.toFixed(2)]);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Sample mode: write data-samples/ and its README
// ─────────────────────────────────────────────────────────────────────────────────────────────

interface FileReport {
  readonly name: string;
  readonly rows: number;
}

const SAMPLE_RETAIL: RetailParams = { seed: SEED, customers: 20_000, months: 24, startMonth: absMonth(2024, 1) };

/** retail-aum tier and near-threshold band of an AUM column, in SQL (used for README stats). */
const AUM_TIER_SQL = (col: string): string => `CASE WHEN ${col} IS NULL OR ${col} < 0 THEN 'unrated'
  WHEN ${col} >= 5000000 THEN 'private' WHEN ${col} >= 500000 THEN 'vip' WHEN ${col} >= 100000 THEN 'affluent'
  WHEN ${col} >= 50000 THEN 'wealth' ELSE 'mass' END`;

interface RetailStats {
  tiers: { tier: string; dec: number; nov: number }[];
  changeShare: number;
  rareNames: number;
  dotNames: number;
  potential: number;
  closedRows: number;
  newInLast: number;
  snappedRows: number;
  loanPct: number;
}

async function retailStats(conn: DuckDBConnection, panel: string): Promise<RetailStats> {
  const src = `read_parquet(${sqlString(panel)})`;
  const tierRows = await queryRows(conn, `
    WITH t AS (SELECT ${AUM_TIER_SQL('aum')} AS tier, snapshot_date FROM ${src})
    SELECT tier,
           count(*) FILTER (WHERE snapshot_date = DATE '2025-12-31') AS dec,
           count(*) FILTER (WHERE snapshot_date = DATE '2025-11-30') AS nov
    FROM t GROUP BY tier
    ORDER BY list_position(['private', 'vip', 'affluent', 'wealth', 'mass'], tier)`);
  const changeShare = await queryNumber(conn, `
    WITH t AS (SELECT customer_id, snapshot_date, ${AUM_TIER_SQL('aum')} AS tier FROM ${src})
    SELECT avg((a.tier <> b.tier)::INTEGER) FROM t a JOIN t b
      ON a.customer_id = b.customer_id AND b.snapshot_date = last_day(a.snapshot_date + INTERVAL 1 MONTH)`);
  const count = (where: string): Promise<number> => queryNumber(conn, `SELECT count(*) FROM ${src} WHERE ${where}`);
  const last = `snapshot_date = DATE '2025-12-31'`;
  return {
    tiers: tierRows.map((r) => ({ tier: asString(r[0]), dec: asNumber(r[1]), nov: asNumber(r[2]) })),
    changeShare,
    rareNames: await count(`${last} AND regexp_matches(customer_name, '[${RARE_GBK_GIVEN.join('')}]')`),
    dotNames: await count(`${last} AND customer_name LIKE '%·%'`),
    potential: await count(`${last} AND first_txn_date IS NULL`),
    closedRows: await count('closed'),
    newInLast: await count(`${last} AND first_txn_date > DATE '2025-11-30'`),
    snappedRows: await count(`aum IN (${RETAIL_MODEL.thresholds.join(', ')})`),
    loanPct: await queryNumber(conn, `SELECT round(100 * avg((loan_balance > 0)::INTEGER)) FROM ${src} WHERE ${last}`),
  };
}

async function generateSamples(): Promise<void> {
  mkdirSync(SAMPLES_DIR, { recursive: true });
  assertGbkSafe([...MALE_GIVEN, ...FEMALE_GIVEN, ...RARE_GBK_GIVEN, ...DOT_NAMES, ...SURNAMES.map(([s]) => s), ...BRANCHES.map((b) => b.name)]);
  const out = (name: string): string => path.join(SAMPLES_DIR, name);
  const conn = await openDuckDb();
  const reports: FileReport[] = [];
  const timed = async (name: string, fn: () => Promise<number> | number): Promise<void> => {
    const t0 = performance.now();
    const rows = await fn();
    reports.push({ name, rows });
    console.log(`${name.padEnd(28)} ${String(rows).padStart(7)} rows  ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };

  await buildRetailModel(conn, SAMPLE_RETAIL);
  const panel = out('retail_panel_24m.parquet');
  await timed('retail_panel_24m.parquet', async () => {
    await copyToParquet(conn, RETAIL_PANEL_SELECT, panel);
    return queryNumber(conn, `SELECT count(*) FROM read_parquet(${sqlString(panel)})`);
  });
  await timed('retail_2025-12_gbk.csv', () => writeRetailExtract(conn, panel, '2025-12-31', out('retail_2025-12_gbk.csv'), EXCEL_GBK_STYLE));
  await timed('retail_2025-11_utf8.csv', () => writeRetailExtract(conn, panel, '2025-11-30', out('retail_2025-11_utf8.csv'), EXCEL_UTF8_STYLE));
  await timed('corporate_quarters.xlsx', () => writeCorporateXlsx(out('corporate_quarters.xlsx'), generateCorporate()));
  await timed('dealers_3y.csv', () => writeCsv(out('dealers_3y.csv'), PLAIN_CSV_UTF8, DEALER_HEADER, generateDealers()));
  await timed('credit_firms_5y.parquet', () => writeCreditFirms(conn, out('credit_firms_5y.parquet')));
  await timed('insurance_customers.csv', () => writeCsv(out('insurance_customers.csv'), PLAIN_CSV_UTF8, INSURANCE_HEADER, generateInsurance()));
  await timed('transactions_rfm.csv', () => writeCsv(out('transactions_rfm.csv'), PLAIN_CSV_UTF8, TXN_HEADER, generateTransactions()));

  const stats = await retailStats(conn, panel);
  const rowsOf = (name: string): number => reports.find((r) => r.name === name)?.rows ?? 0;
  writeFileSync(out('README.md'), sampleReadme(rowsOf, (name) => statSync(out(name)).size, stats));
  conn.closeSync();

  let total = 0;
  for (const r of reports) {
    const bytes = statSync(out(r.name)).size;
    total += bytes;
    const sha = createHash('sha256').update(readFileSync(out(r.name))).digest('hex').slice(0, 16);
    console.log(`  ${r.name.padEnd(28)} ${humanSize(bytes).padStart(8)}  sha256:${sha}`);
  }
  console.log(`  total ${humanSize(total)}; month-to-month retail-aum tier change ${(stats.changeShare * 100).toFixed(1)}%`);
}

function sampleReadme(rowsOf: (name: string) => number, sizeOf: (name: string) => number, s: RetailStats): string {
  const f = (name: string): string => `${rowsOf(name).toLocaleString('en-US')} rows, ${humanSize(sizeOf(name))}`;
  const tierTable = s.tiers.map((t) => `| \`${t.tier}\` | ${t.nov.toLocaleString('en-US')} | ${t.dec.toLocaleString('en-US')} |`).join('\n');
  return `# data-samples

Synthetic sample data for TierLens. **Generated — do not edit by hand.** Regenerate with

    npx tsx scripts/generate-samples.ts

The generator is deterministic (seeded PRNGs, single-threaded DuckDB): running it again writes
byte-identical files. Every name, ID number, phone number and company is a random combination
of list entries; none belongs to a real person or firm. Amounts are in yuan (元).

| file | content | rows | presets it serves |
|---|---|---|---|
| \`retail_panel_24m.parquet\` | retail bank panel, 24 month-ends | ${f('retail_panel_24m.parquet')} | retail-aum, star-points, lifecycle, savings-grade, credit-grade, migration |
| \`retail_2025-12_gbk.csv\` | last month of the panel, Excel "CSV (逗号分隔)" on Chinese Windows | ${f('retail_2025-12_gbk.csv')} | retail-aum, star-points, lifecycle |
| \`retail_2025-11_utf8.csv\` | month 2025-11 of the panel, Excel "CSV UTF-8" | ${f('retail_2025-11_utf8.csv')} | retail-aum, star-points, lifecycle; with the GBK file: migration 2025-11 → 2025-12 |
| \`corporate_quarters.xlsx\` | corporate customers, 4 quarter-ends of 2025 | ${f('corporate_quarters.xlsx')} | corporate-layers, value-matrix, target-matrix, credit-grade, ccb-credit, abc-pareto |
| \`dealers_3y.csv\` | dealers of a manufacturer, 3 year-ends | ${f('dealers_3y.csv')} | dealer-scorecard, abc-pareto |
| \`credit_firms_5y.parquet\` | credit-scored firms, 5 year-ends | ${f('credit_firms_5y.parquet')} | credit-grade, ccb-credit, migration |
| \`insurance_customers.csv\` | insurance customers, one period | ${f('insurance_customers.csv')} | insurance-profile, sales-pipeline |
| \`transactions_rfm.csv\` | purchase transactions 2024–2025 | ${f('transactions_rfm.csv')} | rfm (as of 2025-12-31) |

## retail_panel_24m.parquet

About 20,000 customers on the books each month, 2024-01-31 … 2025-12-31 (month-end \`snapshot_date\`),
sorted by \`snapshot_date\`, \`customer_id\`. Parquet, zstd, one row group.

| column | type | notes |
|---|---|---|
| customer_id | VARCHAR | \`C\` + 8 digits; keep as text (leading zeros) |
| customer_name | VARCHAR | surname + 1–2 given characters; ${s.rareNames} names in 2025-12 use characters outside GB2312 (${RARE_GBK_GIVEN.join('')}), ${s.dotNames} use the middle dot (e.g. 阿依古丽·买买提) |
| id_number | VARCHAR | 18 characters shaped like a resident ID (region, birth date, sequence, check character); synthetic |
| phone | VARCHAR | 11 digits starting 13x/15x/18x; synthetic |
| branch | VARCHAR | one of 12 branches (杭州西湖支行 …) |
| snapshot_date | DATE | month-end (period) |
| aum | DOUBLE | monthly average daily financial assets, 2 decimals; 0 for never-used and emptied accounts |
| deposit_balance | DOUBLE | |
| loan_balance | DOUBLE | 0 for most customers; ${s.loanPct}% have an amortising loan in 2025-12 |
| star_points | INTEGER | 0 … ~100,000, rising with AUM; 0 for customers outside the star programme |
| deposit_term_months | INTEGER | 0/3/6/12/24/36 |
| consumption_12m | DOUBLE | card spending, last 12 months |
| overdue_count_12m | INTEGER | mostly 0; overdue spells of 1–4 months roll through the 12-month window |
| credit_score | INTEGER | 0–100 |
| first_txn_date | DATE | NULL for opened-but-never-used accounts (${s.potential} in 2025-12: lifecycle \`potential\`) |
| last_txn_date | DATE | ≤ snapshot_date, never decreasing; dormant customers age into \`dormant\` and \`lost\` |
| closed | BOOLEAN | true in a leaver's last month (${s.closedRows} rows) |

The model: AUM is lognormal across customers (median 3.5万) with a bump of customers holding round
amounts just under or over 5万, 10万, 50万 and 500万 (the near-threshold bands 4万/8万/30万/400万 are
well populated); ${s.snappedRows} rows sit exactly on a tier bound. Within a customer, log AUM is an AR(1)
random walk with rare large jumps, so ${(s.changeShare * 100).toFixed(1)}% of customers present in two consecutive
months change \`retail-aum\` tier. About 0.9% of customers leave each month (some with \`closed\` = true)
and as many join (${s.newInLast} new in 2025-12, first_txn_date in that month); new customers start small and grow.

\`retail-aum\` tiers by month:

| tier | 2025-11 | 2025-12 |
|---|---|---|
${tierTable}

## retail_2025-12_gbk.csv

The 2025-12 month of the panel as Excel on Chinese Windows saves "CSV (逗号分隔)": **GBK** (code page
936), no BOM, CRLF line ends, comma separated. It is not valid UTF-8; decode it as GBK/GB18030.
Headers: ${RETAIL_CSV_HEADER.join(', ')}.
Dates are Excel's Chinese short date (\`2025/12/31\`, \`2019/3/5\`); amounts are displayed as
\`#,##0.00\`, so values of 1,000 and more are quoted (\`"1,234,567.89"\`). 是否销户 is 是/否. Blemishes
as in a real extract: a few blank 月日均AUM(元) cells, a few \`-\` in 月日均AUM(元) and 存款余额, blank
dates for never-used accounts, names with GBK-only characters.

## retail_2025-11_utf8.csv

The 2025-11 month as Excel "CSV UTF-8": UTF-8 **with BOM**, CRLF, the same Chinese headers, ISO dates
(\`2025-11-30\`), plain numbers without separators, no blemishes.

## corporate_quarters.xlsx

First sheet \`对公客户\` (a second sheet \`填表说明\` holds notes). About 1,500 firms at 2025-03-31,
06-30, 09-30 and 12-31 (a few join or leave during the year). 报告期 holds real Excel date cells
(format \`yyyy/m/d\`); amounts are numeric cells formatted \`#,##0.00\`.
Headers: ${CORPORATE_HEADER.join(', ')}.
About 60% of firms have 贷款余额 > 0; 五级分类 is blank without a loan, otherwise mostly 正常;
总行战略客户 是 for about 2%; 是否违反政策 是 for about 1%. Revenues span all \`corporate-layers\` tiers,
including 农林牧渔业 firms between 1.5亿 and 3亿. Hand-made boundary rows (same values in every quarter):
a 制造业 firm with revenue exactly 300,000,000.00; a 农林牧渔业 firm at 150,000,000.00 and one at
149,999,999.99; a 批发和零售业 firm at revenue 30,000,000 with assets exactly 40,000,000 and one with
assets 39,999,999.99; no-loan 建筑业 firms with 日均存款 500,000.00 and 499,999.99; a strategic firm
without a loan; a firm with 银行对客户价值评分 60 and profit contribution exactly 100,000.00.
FTP incomes and costs are annualised.

## dealers_3y.csv

UTF-8 without BOM, LF. Dealers of a manufacturer at 2023-12-31, 2024-12-31 and 2025-12-31
(统计日期 is the period). Headers: ${DEALER_HEADER.join(', ')}.
客户类型 普通商/加盟商/OEM商; 成本比例 0.4–1.0; 信用等级 AAA…B; 当地影响力 1–5. New dealers join every
year (about half in the second half, so they are \`provisional\` at year end) and some leave.
合作开始日期 includes 2025-06-01, 2025-06-30 (six whole months to 2025-12-31) and 2025-07-01,
2025-07-31 (five whole months), around the six-month rule.

## credit_firms_5y.parquet

About 3,000 firms scored each year-end 2021 … 2025 (\`snapshot_date\`), sorted by snapshot_date,
customer_id. Columns: customer_id, customer_name, industry, snapshot_date (DATE), credit_score
(DOUBLE, one decimal, 0–100, mean-reverting drift so grades migrate both ways), loan_class
(正常/关注/次级/可疑/损失), defaulted (BOOLEAN; hazard rises as the score falls, mostly persists),
policy_violation (BOOLEAN, about 1%), loan_balance (DOUBLE, 0 for about 10%). Firms enter every
year; defaulted firms often leave after a year or two.

## insurance_customers.csv

UTF-8 without BOM, LF; one period (统计日期 2025-12-31). Headers: ${INSURANCE_HEADER.join(', ')}.
Most customers have 赔付 0; a few claims exceed the premium. 预计成交天数 is often blank when
是否有需求 is 否, and blank for about 2% of 是 (those are \`unrated\` in sales-pipeline).

## transactions_rfm.csv

UTF-8 without BOM, LF. One row per purchase, sorted by 交易日期, 客户号. Headers: ${TXN_HEADER.join(', ')}.
About 3,000 customers, 2024-01-01 … 2025-12-31, heavy-tailed frequency (many one-off buyers, a few
weekly ones), about a third of customers stop buying at some point. Use as-of date 2025-12-31.

## Benchmark data (not committed)

    npx tsx scripts/generate-samples.ts --bench [--out DIR] [--customers N] [--months M]

writes \`retail_1m_12m.parquet\` (the same retail model, N customers × M months ending 2025-12),
\`retail_1m.parquet\` (2025-12 only), \`retail_1m.csv\` (2025-12 as Excel "CSV UTF-8", like
retail_2025-11_utf8.csv) and \`retail_1m_gbk.csv\` (2025-12 as GBK Excel CSV, like retail_2025-12_gbk.csv)
into DIR (default \`.bench-data/\`, git-ignored). Defaults: N = 1,000,000, M = 12.
`;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Bench mode: the same retail model at scale
// ─────────────────────────────────────────────────────────────────────────────────────────────

interface BenchOptions {
  readonly outDir: string;
  readonly customers: number;
  readonly months: number;
}

async function generateBench(o: BenchOptions): Promise<void> {
  mkdirSync(o.outDir, { recursive: true });
  const tempDir = path.join(o.outDir, '.duckdb-tmp');
  const conn = await openDuckDb(tempDir);
  // Let the window and sort spill rather than hold a 12M-row panel in memory.
  await conn.run(`SET memory_limit = '3GB'`);
  const endMonth = absMonth(2025, 12);
  const params: RetailParams = { seed: SEED, customers: o.customers, months: o.months, startMonth: endMonth - o.months + 1 };
  const lastIso = absMonthIso(endMonth);
  const file = (name: string): string => path.join(o.outDir, name);
  const t0 = performance.now();
  const step = async (name: string, fn: () => Promise<number | void>): Promise<void> => {
    const t = performance.now();
    const rows = await fn();
    const size = humanSize(statSync(file(name)).size);
    console.log(`${name.padEnd(24)} ${(rows ?? '').toString().padStart(10)} rows ${size.padStart(9)}  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };

  await buildRetailModel(conn, params);
  await step('retail_1m_12m.parquet', async () => {
    await copyToParquet(conn, RETAIL_PANEL_SELECT, file('retail_1m_12m.parquet'));
    return queryNumber(conn, `SELECT count(*) FROM read_parquet(${sqlString(file('retail_1m_12m.parquet'))})`);
  });
  await step('retail_1m.parquet', async () => {
    await copyToParquet(conn, `SELECT * FROM read_parquet(${sqlString(file('retail_1m_12m.parquet'))}) WHERE snapshot_date = DATE '${lastIso}'`, file('retail_1m.parquet'));
    return queryNumber(conn, `SELECT count(*) FROM read_parquet(${sqlString(file('retail_1m.parquet'))})`);
  });
  await step('retail_1m.csv', () => writeRetailExtract(conn, file('retail_1m.parquet'), lastIso, file('retail_1m.csv'), EXCEL_UTF8_STYLE));
  await step('retail_1m_gbk.csv', () => writeRetailExtract(conn, file('retail_1m.parquet'), lastIso, file('retail_1m_gbk.csv'), EXCEL_GBK_STYLE));
  conn.closeSync();
  rmSync(tempDir, { recursive: true, force: true });
  console.log(`bench data for ${o.customers.toLocaleString('en-US')} customers × ${o.months} months in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${o.outDir}`);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Command line
// ─────────────────────────────────────────────────────────────────────────────────────────────

function parseArgs(argv: readonly string[]): { bench: BenchOptions | null } {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const positiveInt = (flag: string, fallback: number): number => {
    const raw = value(flag);
    if (raw === undefined) return fallback;
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got ${raw}`);
    return n;
  };
  if (!argv.includes('--bench')) return { bench: null };
  return {
    bench: {
      outDir: path.resolve(value('--out') ?? path.join(REPO_ROOT, '.bench-data')),
      customers: positiveInt('--customers', 1_000_000),
      months: positiveInt('--months', 12),
    },
  };
}

async function main(): Promise<void> {
  const { bench } = parseArgs(process.argv.slice(2));
  if (bench) await generateBench(bench);
  else await generateSamples();
}

await main();
