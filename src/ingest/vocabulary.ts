/**
 * The canonical field vocabulary (spec: presets.md, "Field vocabulary"), as data.
 *
 * Every scheme names its inputs with these field names; ingest maps file columns onto them
 * through `aliases` (see `mapping.ts`, which compares headers and aliases after
 * `normalizeHeader`, so aliases need not repeat case, spacing, bracketed-unit or `_`/`-`/`.`
 * variants). An alias may belong to one field only — test/unit/mapping.test.ts checks that
 * after normalization, and `mapping.ts` refuses to load otherwise.
 *
 * kind:
 *   id       the customer key (kept as text: leading zeros matter)
 *   text     free text
 *   amount   money in yuan; negative is invalid for tiering (→ unrated)
 *   number   score, count, ratio, or a money figure that may legitimately be negative
 *   date     calendar date
 *   period   snapshot date or month the row belongs to
 *   flag     boolean
 *   category a code from a small set
 * sensitivity:
 *   A  identifies a person (names, ID numbers, phones, addresses): masked by default
 *   B  amounts and scores
 *   C  codes, tiers, dates, categories, flags
 */

export type FieldKind = 'id' | 'text' | 'amount' | 'number' | 'date' | 'period' | 'flag' | 'category';
export type Sensitivity = 'A' | 'B' | 'C';

export interface FieldSpec<Name extends string = string> {
  readonly field: Name;
  readonly kind: FieldKind;
  readonly sensitivity: Sensitivity;
  readonly labels: { readonly zh: string; readonly en: string };
  /** Headers that map to this field automatically; always includes `field` itself. */
  readonly aliases: readonly string[];
}

const ENTRIES = [
  // ── identity ──────────────────────────────────────────────────────────────────────────────
  {
    field: 'customer_id', kind: 'id', sensitivity: 'C', // an internal code, not a personal identifier
    labels: { zh: '客户号', en: 'Customer ID' },
    aliases: ['customer_id', '客户号', '客户编号', '核心客户号', '客户ID', 'cust_id', 'customer_no',
      '客户代码', '客户编码', 'custid', '客户号码', 'cust_no', 'customer_number', 'ECIF客户号', 'ECIF号'],
  },
  {
    field: 'customer_name', kind: 'text', sensitivity: 'A',
    labels: { zh: '客户名称', en: 'Customer name' },
    // 户名 is the account-holder name in core-banking extracts. Bare 名称 is left out: it is as
    // often a branch or product name.
    aliases: ['customer_name', '客户名称', '客户姓名', '姓名', 'name', '客户名', '户名', 'cust_name'],
  },
  {
    // Text, not 'id': it is not the row key, and 18-digit numbers ending in X must stay text.
    field: 'id_number', kind: 'text', sensitivity: 'A',
    labels: { zh: '证件号码', en: 'ID number' },
    aliases: ['id_number', '证件号码', '身份证号', '身份证号码', '证件号', '身份证', 'id_no', 'id_card'],
  },
  {
    field: 'phone', kind: 'text', sensitivity: 'A',
    labels: { zh: '手机号', en: 'Phone' },
    aliases: ['phone', '手机号', '联系电话', 'mobile', '手机号码', '手机', '电话', '电话号码', 'phone_number', 'tel'],
  },
  {
    field: 'period', kind: 'period', sensitivity: 'C',
    labels: { zh: '数据期间', en: 'Period' },
    // Bare 日期 is taken as the snapshot date, as in monthly extracts. In a transaction file it
    // is the transaction date instead; the user then maps txn_date=日期, which takes the column
    // away from period (see applyOverrides).
    aliases: ['period', '数据日期', '统计日期', '统计月份', '报告期', '期间', 'snapshot_date', 'month',
      '日期', '年月', '统计年月', '数据月份', '月份', '报表日期', 'data_date'],
  },
  {
    field: 'branch', kind: 'category', sensitivity: 'C',
    labels: { zh: '机构', en: 'Branch' },
    aliases: ['branch', '机构', '网点', '所属支行', '分行', '支行', '所属分行', '所属机构', '所属网点',
      '机构名称', '网点名称', '营业网点', 'branch_name'],
  },

  // ── balances and size ─────────────────────────────────────────────────────────────────────
  {
    field: 'aum', kind: 'amount', sensitivity: 'B',
    labels: { zh: '日均金融资产', en: 'AUM (avg. daily financial assets)' },
    aliases: ['aum', '日均金融资产', '月日均AUM', '月日均资产', '日均资产', 'AUM', '金融资产日均', '客户AUM',
      '日均AUM', '月日均金融资产', '金融资产月日均', 'avg_aum'],
  },
  {
    field: 'deposit_balance', kind: 'amount', sensitivity: 'B',
    labels: { zh: '存款余额', en: 'Deposit balance' },
    // 存款月日均 is listed here, not under avg_daily_deposit, because the spec table says so.
    aliases: ['deposit_balance', '存款余额', '存款月日均', '储蓄存款余额', '存款', 'deposit'],
  },
  {
    field: 'loan_balance', kind: 'amount', sensitivity: 'B',
    labels: { zh: '贷款余额', en: 'Loan balance' },
    aliases: ['loan_balance', '贷款余额', '贷款', 'loan', '各项贷款余额', '贷款本金余额'],
  },
  {
    field: 'avg_daily_deposit', kind: 'amount', sensitivity: 'B',
    labels: { zh: '日均存款', en: 'Avg. daily deposits' },
    aliases: ['avg_daily_deposit', '日均存款', '存款日均', '日均存款余额', '存款日均余额'],
  },
  {
    field: 'annual_revenue', kind: 'amount', sensitivity: 'B',
    labels: { zh: '年销售收入', en: 'Annual revenue' },
    aliases: ['annual_revenue', '年销售收入', '营业收入', '年营业收入', '销售收入', '营业总收入', '主营业务收入', 'revenue'],
  },
  {
    field: 'total_assets', kind: 'amount', sensitivity: 'B',
    labels: { zh: '资产总额', en: 'Total assets' },
    aliases: ['total_assets', '资产总额', '总资产', '资产合计', '企业总资产'],
  },
  {
    field: 'industry', kind: 'category', sensitivity: 'C',
    labels: { zh: '行业', en: 'Industry' },
    aliases: ['industry', '行业', '所属行业', '行业分类', '行业门类', '行业名称', '国标行业'],
  },

  // ── flags and classifications used by overrides ───────────────────────────────────────────
  {
    field: 'is_strategic', kind: 'flag', sensitivity: 'C',
    labels: { zh: '总行战略客户', en: 'Strategic (head-office list)' },
    aliases: ['is_strategic', '战略客户', '总行战略客户', '是否战略客户', '战略客户标识', 'strategic'],
  },
  {
    field: 'star_points', kind: 'number', sensitivity: 'B',
    labels: { zh: '星点值', en: 'Star points' },
    aliases: ['star_points', '星点值', '星点', '客户星点值'],
  },
  {
    field: 'credit_score', kind: 'number', sensitivity: 'B',
    labels: { zh: '信用评分', en: 'Credit score' },
    aliases: ['credit_score', '信用评分', '评级得分', '信用得分', '信用评级得分'],
  },
  {
    field: 'defaulted', kind: 'flag', sensitivity: 'C',
    labels: { zh: '是否违约', en: 'Defaulted' },
    aliases: ['defaulted', '违约', '是否违约', '违约标识', '违约标志', 'is_default', 'default_flag'],
  },
  {
    field: 'policy_violation', kind: 'flag', sensitivity: 'C',
    labels: { zh: '政策不符', en: 'Policy violation' },
    aliases: ['policy_violation', '政策不符', '是否违反政策', '违反政策', '政策不符标识'],
  },
  {
    field: 'loan_class', kind: 'category', sensitivity: 'C',
    labels: { zh: '五级分类', en: 'Loan classification' },
    aliases: ['loan_class', '五级分类', '贷款分类', '五级分类结果', '贷款五级分类', '风险分类'],
  },

  // ── lifecycle and transactions ────────────────────────────────────────────────────────────
  {
    field: 'first_txn_date', kind: 'date', sensitivity: 'C',
    labels: { zh: '首次交易日期', en: 'First transaction date' },
    // Not 开户日期: an opened but never used account must stay `potential` in `lifecycle`.
    aliases: ['first_txn_date', '首次交易日期', '首笔交易日期'],
  },
  {
    field: 'last_txn_date', kind: 'date', sensitivity: 'C',
    labels: { zh: '最近交易日期', en: 'Last transaction date' },
    aliases: ['last_txn_date', '最近交易日期', '最后交易日期', '末次交易日期', '最近一次交易日期'],
  },
  {
    field: 'closed', kind: 'flag', sensitivity: 'C',
    labels: { zh: '是否销户', en: 'Closed' },
    aliases: ['closed', '是否销户', '销户', '销户标识', '销户标志', '已销户'],
  },
  {
    field: 'txn_date', kind: 'date', sensitivity: 'C',
    labels: { zh: '交易日期', en: 'Transaction date' },
    aliases: ['txn_date', '交易日期', '交易时间', '记账日期', 'transaction_date'],
  },
  {
    field: 'amount', kind: 'amount', sensitivity: 'B',
    labels: { zh: '交易金额', en: 'Amount' },
    aliases: ['amount', '交易金额', '金额', '发生额', 'txn_amount', 'transaction_amount'],
  },

  // ── dealer scorecard ──────────────────────────────────────────────────────────────────────
  {
    field: 'annual_sales', kind: 'amount', sensitivity: 'B',
    labels: { zh: '年度销售额', en: 'Annual sales' },
    aliases: ['annual_sales', '年度销售额', '年销售额', '销售额', '年度销售金额'],
  },
  {
    field: 'cost_ratio', kind: 'number', sensitivity: 'B',
    labels: { zh: '成本比例', en: 'Cost ratio' },
    aliases: ['cost_ratio', '成本比例', '成本率', '成本占比'],
  },
  {
    field: 'credit_level', kind: 'category', sensitivity: 'C',
    labels: { zh: '信用等级', en: 'Credit level' },
    aliases: ['credit_level', '信用等级', '信用级别', '资信等级'],
  },
  {
    field: 'local_influence', kind: 'number', sensitivity: 'B',
    labels: { zh: '当地影响力', en: 'Local influence' },
    aliases: ['local_influence', '当地影响力', '地方影响力'],
  },
  {
    field: 'cooperation_start', kind: 'date', sensitivity: 'C',
    labels: { zh: '合作开始日期', en: 'Cooperation start' },
    aliases: ['cooperation_start', '合作开始日期', '合作起始日期', '开始合作日期', '合作开始时间'],
  },
  {
    field: 'customer_type', kind: 'category', sensitivity: 'C',
    labels: { zh: '客户类型', en: 'Customer type' },
    aliases: ['customer_type', '客户类型', '客户类别'],
  },

  // ── profit contribution (value-matrix) ────────────────────────────────────────────────────
  // The three net incomes are 'number', not 'amount': a net FTP or fee income below zero is a
  // real figure, and the common rule "negative amount → unrated" must not drop the customer.
  {
    field: 'loan_ftp_income', kind: 'number', sensitivity: 'B',
    labels: { zh: '贷款FTP净收入', en: 'Loan FTP net income' },
    aliases: ['loan_ftp_income', '贷款FTP净收入', '贷款FTP收入'],
  },
  {
    field: 'deposit_ftp_income', kind: 'number', sensitivity: 'B',
    labels: { zh: '存款FTP净收入', en: 'Deposit FTP net income' },
    aliases: ['deposit_ftp_income', '存款FTP净收入', '存款FTP收入'],
  },
  {
    field: 'fee_income', kind: 'number', sensitivity: 'B',
    labels: { zh: '中间业务净收入', en: 'Fee net income' },
    aliases: ['fee_income', '中间业务净收入', '中间业务收入', '中收', '手续费及佣金净收入'],
  },
  {
    field: 'capital_cost', kind: 'amount', sensitivity: 'B',
    labels: { zh: '资本成本', en: 'Capital cost' },
    aliases: ['capital_cost', '资本成本', '经济资本成本', '资本占用成本'],
  },
  {
    field: 'operating_cost', kind: 'amount', sensitivity: 'B',
    labels: { zh: '运营成本', en: 'Operating cost' },
    aliases: ['operating_cost', '运营成本', '经营成本', '营运成本'],
  },
  {
    field: 'credit_cost', kind: 'amount', sensitivity: 'B',
    labels: { zh: '信贷成本', en: 'Credit cost' },
    aliases: ['credit_cost', '信贷成本', '信用成本', '风险成本', '拨备成本'],
  },

  // ── value and potential scores (0–100) ────────────────────────────────────────────────────
  {
    field: 'bank_value_score', kind: 'number', sensitivity: 'B',
    labels: { zh: '银行对客户价值评分', en: 'Bank value score' },
    // Not 客户价值评分: that reads as the customer's value to the bank, the opposite axis.
    aliases: ['bank_value_score', '银行对客户价值评分', '银行价值评分', '对客价值评分'],
  },
  {
    field: 'industry_score', kind: 'number', sensitivity: 'B',
    labels: { zh: '行业价值空间评分', en: 'Industry score' },
    aliases: ['industry_score', '行业价值空间评分', '行业价值评分', '行业评分'],
  },
  {
    field: 'growth_score', kind: 'number', sensitivity: 'B',
    labels: { zh: '企业成长性评分', en: 'Growth score' },
    aliases: ['growth_score', '企业成长性评分', '成长性评分'],
  },
  {
    field: 'influence_score', kind: 'number', sensitivity: 'B',
    labels: { zh: '市场影响力评分', en: 'Influence score' },
    aliases: ['influence_score', '市场影响力评分', '影响力评分'],
  },

  // ── savings grade ─────────────────────────────────────────────────────────────────────────
  {
    field: 'deposit_term_months', kind: 'number', sensitivity: 'B',
    labels: { zh: '存期(月)', en: 'Deposit term (months)' },
    aliases: ['deposit_term_months', '存期(月)', '存期', '存款期限', '存期月数'],
  },
  {
    field: 'consumption_12m', kind: 'amount', sensitivity: 'B',
    labels: { zh: '近12月消费', en: 'Spending, last 12 months' },
    aliases: ['consumption_12m', '近12月消费', '近12个月消费', '近12月消费金额', '近一年消费'],
  },
  {
    field: 'overdue_count_12m', kind: 'number', sensitivity: 'B',
    labels: { zh: '近12月逾期次数', en: 'Overdue count, last 12 months' },
    aliases: ['overdue_count_12m', '近12月逾期次数', '近12个月逾期次数', '近一年逾期次数'],
  },

  // ── insurance profile ─────────────────────────────────────────────────────────────────────
  {
    field: 'premium', kind: 'amount', sensitivity: 'B',
    labels: { zh: '保费', en: 'Premium' },
    aliases: ['premium', '保费', '保费收入', '总保费'],
  },
  {
    field: 'claims', kind: 'amount', sensitivity: 'B',
    labels: { zh: '赔付', en: 'Claims' },
    aliases: ['claims', '赔付', '赔付金额', '赔款', '理赔金额'],
  },
  {
    field: 'other_income', kind: 'amount', sensitivity: 'B',
    labels: { zh: '其他收入', en: 'Other income' },
    aliases: ['other_income', '其他收入'],
  },
  {
    field: 'loyalty_score', kind: 'number', sensitivity: 'B',
    labels: { zh: '忠诚度评分', en: 'Loyalty score' },
    aliases: ['loyalty_score', '忠诚度评分', '忠诚度', '忠诚度得分'],
  },
  {
    field: 'risk_score', kind: 'number', sensitivity: 'B',
    labels: { zh: '风险评分', en: 'Risk score' },
    aliases: ['risk_score', '风险评分', '风险得分'],
  },

  // ── sales pipeline ────────────────────────────────────────────────────────────────────────
  {
    field: 'expected_close_days', kind: 'number', sensitivity: 'B',
    labels: { zh: '预计成交天数', en: 'Expected days to close' },
    aliases: ['expected_close_days', '预计成交天数', '预计成交周期'],
  },
  {
    field: 'has_need', kind: 'flag', sensitivity: 'C',
    labels: { zh: '是否有需求', en: 'Has a need' },
    aliases: ['has_need', '是否有需求', '有无需求', '有需求'],
  },

  // ── customer-level RFM (the alternative to transaction rows) ──────────────────────────────
  {
    field: 'recency_days', kind: 'number', sensitivity: 'B',
    labels: { zh: '最近交易距今天数', en: 'Recency (days)' },
    aliases: ['recency_days', 'recency', '最近交易距今天数', '距今天数'],
  },
  {
    field: 'frequency', kind: 'number', sensitivity: 'B',
    labels: { zh: '交易次数', en: 'Frequency' },
    aliases: ['frequency', '交易次数', '交易频次', '交易笔数'],
  },
  {
    field: 'monetary', kind: 'amount', sensitivity: 'B',
    labels: { zh: '交易总额', en: 'Monetary' },
    aliases: ['monetary', '交易总额', '交易总金额', '累计交易金额'],
  },
] as const satisfies readonly FieldSpec[];

/** A canonical field name. */
export type FieldName = (typeof ENTRIES)[number]['field'];

/** The vocabulary, one entry per field, in the order of the spec table. */
export const FIELDS: readonly FieldSpec<FieldName>[] = Object.freeze(ENTRIES);

const BY_NAME: ReadonlyMap<string, FieldSpec<FieldName>> = new Map(FIELDS.map((f) => [f.field, f]));

/** True when `name` is a canonical field name (exact, case-sensitive). */
export function isFieldName(name: string): name is FieldName {
  return BY_NAME.has(name);
}

/** The entry for a canonical field name; throws naming the field and listing the known ones. */
export function fieldByName(name: string): FieldSpec<FieldName> {
  const spec = BY_NAME.get(name);
  if (!spec) {
    throw new Error(`Unknown field ${JSON.stringify(name)}. Known fields: ${[...BY_NAME.keys()].join(', ')}`);
  }
  return spec;
}
