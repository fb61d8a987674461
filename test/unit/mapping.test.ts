import { describe, expect, it } from 'vitest';
import { applyOverrides, autoMap, fieldForHeader, missingFields, normalizeHeader } from '../../src/ingest/mapping';
import { FIELDS, fieldByName } from '../../src/ingest/vocabulary';

// Typed by hand from the "Field vocabulary" table of presets.md (rows with several fields split
// in order), not derived from vocabulary.ts, so a dropped or misassigned alias fails here.
const SPEC_TABLE: readonly (readonly [field: string, headers: readonly string[]])[] = [
  ['customer_id', ['客户号', '客户编号', '核心客户号', '客户ID', 'cust_id', 'customer_no']],
  ['customer_name', ['客户名称', '客户姓名', '姓名', 'name']],
  ['id_number', ['证件号码', '身份证号']],
  ['phone', ['手机号', '联系电话', 'mobile']],
  ['period', ['数据日期', '统计日期', '统计月份', '报告期', '期间', 'snapshot_date', 'month']],
  ['branch', ['机构', '网点', '所属支行', '分行', 'branch']],
  ['aum', ['日均金融资产', '月日均AUM', '月日均资产', '日均资产', 'AUM']],
  ['deposit_balance', ['存款余额', '存款月日均']],
  ['loan_balance', ['贷款余额']],
  ['avg_daily_deposit', ['日均存款', '存款日均']],
  ['annual_revenue', ['年销售收入', '营业收入']],
  ['total_assets', ['资产总额', '总资产']],
  ['industry', ['行业', '所属行业']],
  ['is_strategic', ['战略客户', '总行战略客户']],
  ['star_points', ['星点值']],
  ['credit_score', ['信用评分', '评级得分']],
  ['defaulted', ['违约', '是否违约']],
  ['policy_violation', ['政策不符', '是否违反政策']],
  ['loan_class', ['五级分类', '贷款分类']],
  ['first_txn_date', ['首次交易日期']],
  ['last_txn_date', ['最近交易日期']],
  ['closed', ['是否销户', '销户']],
  ['txn_date', ['交易日期']],
  ['amount', ['交易金额']],
  ['annual_sales', ['年度销售额']],
  ['cost_ratio', ['成本比例']],
  ['credit_level', ['信用等级']],
  ['local_influence', ['当地影响力']],
  ['cooperation_start', ['合作开始日期']],
  ['customer_type', ['客户类型']],
  ['loan_ftp_income', ['贷款FTP净收入']],
  ['deposit_ftp_income', ['存款FTP净收入']],
  ['fee_income', ['中间业务净收入']],
  ['capital_cost', ['资本成本']],
  ['operating_cost', ['运营成本']],
  ['credit_cost', ['信贷成本']],
  ['bank_value_score', ['银行对客户价值评分']],
  ['industry_score', ['行业价值空间评分']],
  ['growth_score', ['企业成长性评分']],
  ['influence_score', ['市场影响力评分']],
  ['deposit_term_months', ['存期(月)']],
  ['consumption_12m', ['近12月消费']],
  ['overdue_count_12m', ['近12月逾期次数']],
  ['premium', ['保费']],
  ['claims', ['赔付']],
  ['other_income', ['其他收入']],
  ['loyalty_score', ['忠诚度评分']],
  ['risk_score', ['风险评分']],
  ['expected_close_days', ['预计成交天数']],
  ['has_need', ['是否有需求']],
];

// Customer-level RFM inputs (presets.md, `rfm`) are fields too, though not in the table.
const RFM_FIELDS = ['recency_days', 'frequency', 'monetary'] as const;
const ALL_FIELDS = [...SPEC_TABLE.map(([field]) => field), ...RFM_FIELDS];

// Variants a bank extract uses that the task brief asks for by name.
const EXTRA_ALIASES: readonly (readonly [string, string])[] = [
  ['金融资产日均', 'aum'],
  ['客户AUM', 'aum'],
  ['客户代码', 'customer_id'],
  ['客户编码', 'customer_id'],
  ['customer_id', 'customer_id'],
  ['custid', 'customer_id'],
  ['日期', 'period'],
  ['年月', 'period'],
  ['统计年月', 'period'],
  ['年度销售额', 'annual_sales'],
  ['年销售额', 'annual_sales'],
  ['是否有需求', 'has_need'],
  ['交易日期', 'txn_date'],
  ['交易金额', 'amount'],
  ['金额', 'amount'],
];

describe('autoMap: every header of the spec table', () => {
  const cases = SPEC_TABLE.flatMap(([field, headers]) => headers.map((header) => [header, field] as const));
  it.each(cases)('%s → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
    expect(autoMap([header]).mapping).toEqual({ [field]: header });
  });
});

describe('autoMap: canonical names and common variants', () => {
  it.each(ALL_FIELDS.map((f) => [f]))('the canonical name %s maps to itself', (field) => {
    expect(fieldForHeader(field)).toBe(field);
    expect(fieldForHeader(field.toUpperCase())).toBe(field);
  });
  it.each(EXTRA_ALIASES)('%s → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });
});

describe('normalizeHeader', () => {
  it.each([
    ['月日均AUM(元)', 'aum'],
    ['存款余额（元）', 'deposit_balance'],
    ['贷款余额[万元]', 'loan_balance'],
    ['ＡＵＭ', 'aum'],
    ['Cust_ID', 'customer_id'],
    [' 客户号 ', 'customer_id'],
    ['成本比例(%)', 'cost_ratio'],
    ['存期（月）', 'deposit_term_months'],
    ['存期', 'deposit_term_months'],
    ['\uFEFF客户号', 'customer_id'], // BOM glued to the first header of a UTF-8 CSV
    ['客户\u3000名称', 'customer_name'], // ideographic space
    ['近１２月消费【元】', 'consumption_12m'], // full-width digits, lenticular brackets
    ['AUM（月日均(元)）', 'aum'], // nested
    ['Snapshot.Date', 'period'],
  ])('%j maps to %s', (header, field) => {
    expect(autoMap(['x', header]).mapping).toEqual({ [field]: header });
  });

  it('treats case, spaces and _ - . separators alike', () => {
    const forms = ['Cust_ID', 'cust id', 'CUST-ID', 'cust.id', 'ＣＵＳＴ＿ＩＤ', ' custid '];
    expect(new Set(forms.map(normalizeHeader))).toEqual(new Set(['custid']));
  });

  it('keeps a unit that is not in brackets', () => {
    expect(normalizeHeader('贷款余额万元')).toBe('贷款余额万元');
    expect(fieldForHeader('贷款余额万元')).toBeUndefined();
  });

  it('drops a bracket left without its partner', () => {
    expect(normalizeHeader('AUM(元')).toBe('aum元');
    expect(normalizeHeader('(元)')).toBe('');
    expect(fieldForHeader('(元)')).toBeUndefined();
  });
});

describe('autoMap: result shape', () => {
  it('puts headers that match nothing in unmapped, in column order', () => {
    const r = autoMap(['客户号', '备注', 'AUM', 'foo_bar', '']);
    expect(r.mapping).toEqual({ customer_id: '客户号', aum: 'AUM' });
    expect(r.unmapped).toEqual(['备注', 'foo_bar', '']);
    expect(r.conflicts).toEqual([]);
  });

  it('reports several AUM-like headers as a conflict; the first in column order wins', () => {
    const r = autoMap(['客户号', '月日均AUM(元)', '存款余额', '日均金融资产', 'AUM']);
    expect(r.mapping).toEqual({ customer_id: '客户号', aum: '月日均AUM(元)', deposit_balance: '存款余额' });
    expect(r.conflicts).toEqual([{ field: 'aum', headers: ['月日均AUM(元)', '日均金融资产', 'AUM'] }]);
    expect(r.unmapped).toEqual([]);
  });

  it('never maps one header to two fields', () => {
    const headers = FIELDS.flatMap((f) => f.aliases);
    const r = autoMap(headers);
    const used = Object.values(r.mapping);
    expect(new Set(used).size).toBe(used.length);
    expect(Object.keys(r.mapping).sort()).toEqual([...ALL_FIELDS].sort());
  });
});

describe('applyOverrides', () => {
  const headers = ['客户号', '月日均AUM(元)', 'AUM', '存款余额', '备注', '日期'] as const;
  const auto = autoMap(headers);

  it('maps a field to a column the auto-mapping left out', () => {
    const r = applyOverrides(auto, { branch: '备注' }, headers);
    expect(r.mapping.branch).toBe('备注');
    expect(r.unmapped).toEqual([]);
  });

  it('settles a conflict in favour of the user column', () => {
    const r = applyOverrides(auto, { aum: 'AUM' }, headers);
    expect(r.mapping.aum).toBe('AUM');
    expect(r.conflicts).toEqual([]);
  });

  it('takes the column away from the field it was auto-mapped to', () => {
    // a transaction file: 日期 is the transaction date, not the snapshot period
    const r = applyOverrides(auto, { txn_date: '日期' }, headers);
    expect(r.mapping.txn_date).toBe('日期');
    expect(r.mapping.period).toBeUndefined();
    expect(Object.values(r.mapping).filter((h) => h === '日期')).toHaveLength(1);
  });

  it('lets a field lose its column to the next conflicting candidate', () => {
    const r = applyOverrides(auto, { deposit_balance: '月日均AUM(元)' }, headers);
    expect(r.mapping).toMatchObject({ deposit_balance: '月日均AUM(元)', aum: 'AUM' });
    expect(r.conflicts).toEqual([]);
  });

  it('finds a column by its normalized name when the exact one is not there', () => {
    const r = applyOverrides(auto, { aum: 'aum(元)' }, headers);
    expect(r.mapping.aum).toBe('AUM');
  });

  it('does not modify its input', () => {
    const before = JSON.stringify(auto);
    applyOverrides(auto, { txn_date: '日期', aum: 'AUM' }, headers);
    expect(JSON.stringify(auto)).toBe(before);
  });

  it('rejects an unknown field, naming it', () => {
    expect(() => applyOverrides(auto, { aumm: 'AUM' }, headers)).toThrowError(/unknown field "aumm"/);
  });

  it('rejects an unknown column, naming it and listing the available ones', () => {
    let message = '';
    try {
      applyOverrides(auto, { aum: '资产' }, headers);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('no column "资产"');
    for (const h of headers) expect(message).toContain(JSON.stringify(h));
  });

  it('rejects a column name that fits several columns', () => {
    expect(() => applyOverrides(autoMap(['AUM', 'aum ']), { aum: 'Aum' }, ['AUM', 'aum '])).toThrowError(
      /ambiguous.*"AUM" or "aum "/,
    );
  });

  it('rejects one column given to two fields', () => {
    expect(() => applyOverrides(auto, { aum: 'AUM', deposit_balance: 'AUM' }, headers)).toThrowError(
      /column "AUM" is already mapped to aum/,
    );
  });
});

describe('missingFields', () => {
  it('lists the required fields the mapping lacks, in order, once', () => {
    const { mapping } = autoMap(['客户号', 'AUM']);
    expect(missingFields(mapping, ['customer_id', 'aum'])).toEqual([]);
    expect(missingFields(mapping, ['loan_balance', 'customer_id', 'annual_revenue', 'loan_balance'])).toEqual([
      'loan_balance',
      'annual_revenue',
    ]);
  });
});

describe('vocabulary invariants', () => {
  it('holds exactly the fields of the spec table plus the RFM inputs', () => {
    expect(FIELDS.map((f) => f.field).sort()).toEqual([...ALL_FIELDS].sort());
  });

  it('gives every field a Chinese and an English label', () => {
    for (const f of FIELDS) {
      expect(f.labels.zh.trim(), f.field).not.toBe('');
      expect(f.labels.en.trim(), f.field).not.toBe('');
      expect(f.labels.zh, f.field).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('marks names, ID numbers and phones as sensitivity A', () => {
    for (const name of ['customer_name', 'id_number', 'phone']) expect(fieldByName(name).sensitivity).toBe('A');
    for (const f of FIELDS) if (f.kind === 'amount') expect(f.sensitivity, f.field).toBe('B');
  });

  it('uses only the defined kinds and sensitivities', () => {
    const kinds = ['id', 'text', 'amount', 'number', 'date', 'period', 'flag', 'category'];
    for (const f of FIELDS) {
      expect(kinds, f.field).toContain(f.kind);
      expect(['A', 'B', 'C'], f.field).toContain(f.sensitivity);
    }
  });

  it('lists each field among its own aliases', () => {
    for (const f of FIELDS) expect(f.aliases, f.field).toContain(f.field);
  });

  it('lets no alias be claimed by two fields after normalization', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const f of FIELDS) {
      for (const alias of f.aliases) {
        const key = normalizeHeader(alias);
        const other = owner.get(key);
        if (other !== undefined && other !== f.field) clashes.push(`${alias}: ${other} / ${f.field}`);
        owner.set(key, f.field);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has no alias that normalizes to nothing', () => {
    for (const f of FIELDS) for (const a of f.aliases) expect(normalizeHeader(a), `${f.field}: ${a}`).not.toBe('');
  });

  it('fieldByName throws a clear error on an unknown field', () => {
    expect(fieldByName('aum').kind).toBe('amount');
    expect(() => fieldByName('AUM')).toThrowError(/Unknown field "AUM"\. Known fields: customer_id, /);
  });
});
