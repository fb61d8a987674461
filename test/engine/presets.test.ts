import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { MissingFieldError } from '../../src/schemes/compile';
import { presetById } from '../../src/schemes/presets';
import { ENGINES } from '../support/engines';
import { applyToRows, type ColumnType } from '../support/scheme-harness';

/**
 * Every preset of presets.md, at and around each bound, on both engines. Each case is
 * [customer_id, inputs, expected tier, expected extras?]; expectations come from the spec text.
 */
type Case = readonly [string, Readonly<Record<string, unknown>>, string, Readonly<Record<string, unknown>>?];

interface PresetSuite {
  readonly preset: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  readonly cases: readonly Case[];
  readonly asOf?: string;
}

const SUITES: readonly PresetSuite[] = [
  {
    preset: 'retail-aum',
    columns: { customer_id: 'VARCHAR', period: 'VARCHAR', aum: 'DOUBLE' },
    cases: [
      ['p1', { aum: 5_000_000 }, 'private', { near_tier: null }],
      ['p2', { aum: 4_999_999.99 }, 'vip', { near_tier: 'private' }],
      ['p3', { aum: 4_000_000 }, 'vip', { near_tier: 'private' }],
      ['p4', { aum: 3_999_999.99 }, 'vip', { near_tier: null }],
      ['v1', { aum: 500_000 }, 'vip', { near_tier: null }],
      ['v2', { aum: 499_999.99 }, 'affluent', { near_tier: 'vip' }],
      ['v3', { aum: 300_000 }, 'affluent', { near_tier: 'vip' }],
      ['v4', { aum: 299_999.99 }, 'affluent', { near_tier: null }],
      ['a1', { aum: 100_000 }, 'affluent'],
      ['a2', { aum: 99_999.99 }, 'wealth', { near_tier: 'affluent' }],
      ['a3', { aum: 80_000 }, 'wealth', { near_tier: 'affluent' }],
      ['a4', { aum: 79_999.99 }, 'wealth', { near_tier: null }],
      ['w1', { aum: 50_000 }, 'wealth'],
      ['w2', { aum: 49_999.99 }, 'mass', { near_tier: 'wealth' }],
      ['w3', { aum: 40_000 }, 'mass', { near_tier: 'wealth' }],
      ['w4', { aum: 39_999.99 }, 'mass', { near_tier: null }],
      ['m0', { aum: 0 }, 'mass'],
      ['n1', { aum: -0.01 }, 'unrated'],
      ['n2', { aum: null }, 'unrated'],
    ],
  },
  {
    preset: 'star-points',
    columns: { customer_id: 'VARCHAR', star_points: 'DOUBLE' },
    cases: [
      ['s7', { star_points: 80_000 }, 'star7'],
      ['s6a', { star_points: 79_999.99 }, 'star6'],
      ['s6', { star_points: 10_000 }, 'star6'],
      ['s5', { star_points: 2_000 }, 'star5'],
      ['s4a', { star_points: 1_999.99 }, 'star4'],
      ['s4', { star_points: 500 }, 'star4'],
      ['s3', { star_points: 50 }, 'star3'],
      ['q1', { star_points: 49.99 }, 'quasi'],
      ['q2', { star_points: 0.01 }, 'quasi'],
      ['u0', { star_points: 0 }, 'unrated'],
      ['u1', { star_points: -5 }, 'unrated'],
      ['u2', { star_points: null }, 'unrated'],
    ],
  },
  {
    preset: 'dealer-scorecard',
    columns: { customer_id: 'VARCHAR', period: 'VARCHAR', annual_sales: 'DOUBLE', cost_ratio: 'DOUBLE', credit_level: 'VARCHAR', local_influence: 'DOUBLE', cooperation_start: 'DATE' },
    cases: [
      ['max', { period: '2025-12-31', annual_sales: 12_000_000, cost_ratio: 0.3, credit_level: 'AAA', local_influence: 5, cooperation_start: '2020-01-01' }, 'A', { score: 200, provisional: false }],
      ['a150', { period: '2025-12-31', annual_sales: 7_500_000, cost_ratio: 0.9, credit_level: 'AAA', local_influence: 5, cooperation_start: '2020-01-01' }, 'A', { score: 150 }],
      ['b14999', { period: '2025-12-31', annual_sales: 7_498_750, cost_ratio: 0.9, credit_level: 'AAA', local_influence: 5, cooperation_start: '2020-01-01' }, 'B', { score: 149.99 }],
      ['b100', { period: '2025-12-31', annual_sales: 1_000_000, cost_ratio: 0.5, credit_level: 'AA', local_influence: 3, cooperation_start: '2020-01-01' }, 'B', { score: 100 }],
      ['c9999', { period: '2025-12-31', annual_sales: 999_000, cost_ratio: 0.5, credit_level: 'AA', local_influence: 3, cooperation_start: '2020-01-01' }, 'C', { score: 99.99 }],
      ['c80', { period: '2025-12-31', annual_sales: 0, cost_ratio: 0.5, credit_level: 'XYZ', local_influence: 5, cooperation_start: '2020-01-01' }, 'C', { score: 80 }],
      ['below', { period: '2025-12-31', annual_sales: 0, cost_ratio: 1.2, credit_level: 'B', local_influence: 5, cooperation_start: '2020-01-01' }, 'below', { score: 50 }],
      ['nocredit', { period: '2025-12-31', annual_sales: 0, cost_ratio: 0.5, credit_level: null, local_influence: 5, cooperation_start: '2020-01-01' }, 'C', { score: 80 }],
      ['prov6', { period: '2025-12-31', annual_sales: 12_000_000, cost_ratio: 0.3, credit_level: 'AAA', local_influence: 5, cooperation_start: '2025-06-30' }, 'A', { provisional: false }],
      ['prov6b', { period: '2025-12-31', annual_sales: 12_000_000, cost_ratio: 0.3, credit_level: 'AAA', local_influence: 5, cooperation_start: '2025-06-01' }, 'A', { provisional: false }],
      ['prov5', { period: '2025-12-31', annual_sales: 12_000_000, cost_ratio: 0.3, credit_level: 'AAA', local_influence: 5, cooperation_start: '2025-07-01' }, 'A', { provisional: true }],
      ['prov5b', { period: '2025-12-31', annual_sales: 12_000_000, cost_ratio: 0.3, credit_level: 'AAA', local_influence: 5, cooperation_start: '2025-07-31' }, 'A', { provisional: true }],
      ['nosales', { period: '2025-12-31', annual_sales: null, cost_ratio: 0.5, credit_level: 'AAA', local_influence: 5 }, 'unrated'],
      ['negsales', { period: '2025-12-31', annual_sales: -1, cost_ratio: 0.5, credit_level: 'AAA', local_influence: 5 }, 'unrated'],
    ],
  },
  {
    preset: 'corporate-layers',
    columns: { customer_id: 'VARCHAR', loan_balance: 'DOUBLE', is_strategic: 'BOOLEAN', annual_revenue: 'DOUBLE', total_assets: 'DOUBLE', industry: 'VARCHAR', avg_daily_deposit: 'DOUBLE' },
    cases: [
      ['strat', { loan_balance: 1, is_strategic: true, annual_revenue: 0, total_assets: 0, industry: '制造业', avg_daily_deposit: 0 }, 'strategic'],
      ['strat0', { loan_balance: 0, is_strategic: true, annual_revenue: 5e8, total_assets: 5e8, industry: '制造业', avg_daily_deposit: 600_000 }, 'noloan_above'],
      ['large', { loan_balance: 1, is_strategic: false, annual_revenue: 300_000_000, total_assets: 0, industry: '制造业', avg_daily_deposit: 0 }, 'large'],
      ['med3', { loan_balance: 1, is_strategic: false, annual_revenue: 299_999_999.99, total_assets: 50_000_000, industry: '制造业', avg_daily_deposit: 0 }, 'medium'],
      ['farm15', { loan_balance: 1, is_strategic: false, annual_revenue: 150_000_000, total_assets: 0, industry: '农林牧渔业', avg_daily_deposit: 0 }, 'large'],
      ['farm149', { loan_balance: 1, is_strategic: false, annual_revenue: 149_999_999.99, total_assets: 50_000_000, industry: '农林牧渔业', avg_daily_deposit: 0 }, 'medium'],
      ['nonfarm15', { loan_balance: 1, is_strategic: false, annual_revenue: 150_000_000, total_assets: 50_000_000, industry: '制造业', avg_daily_deposit: 0 }, 'medium'],
      ['med', { loan_balance: 1, is_strategic: false, annual_revenue: 30_000_000, total_assets: 40_000_000, industry: '制造业', avg_daily_deposit: 0 }, 'medium'],
      ['small1', { loan_balance: 1, is_strategic: false, annual_revenue: 30_000_000, total_assets: 39_999_999.99, industry: '制造业', avg_daily_deposit: 0 }, 'small'],
      ['small2', { loan_balance: 1, is_strategic: false, annual_revenue: 29_999_999.99, total_assets: 40_000_000, industry: '制造业', avg_daily_deposit: 0 }, 'small'],
      ['smallnull', { loan_balance: 1, is_strategic: null, annual_revenue: null, total_assets: null, industry: null, avg_daily_deposit: null }, 'small'],
      ['above', { loan_balance: 0, is_strategic: false, annual_revenue: 0, total_assets: 0, industry: '制造业', avg_daily_deposit: 500_000 }, 'noloan_above'],
      ['below', { loan_balance: 0, is_strategic: false, annual_revenue: 0, total_assets: 0, industry: '制造业', avg_daily_deposit: 499_999.99 }, 'noloan_below'],
      ['noloan', { loan_balance: null, is_strategic: true, annual_revenue: 5e8, total_assets: 5e8, industry: '制造业', avg_daily_deposit: 600_000 }, 'unrated'],
      ['negloan', { loan_balance: -1, is_strategic: false, annual_revenue: 0, total_assets: 0, industry: '制造业', avg_daily_deposit: 0 }, 'unrated'],
    ],
  },
  {
    preset: 'value-matrix',
    columns: {
      customer_id: 'VARCHAR', bank_value_score: 'DOUBLE', loan_ftp_income: 'DOUBLE', deposit_ftp_income: 'DOUBLE', fee_income: 'DOUBLE',
      capital_cost: 'DOUBLE', operating_cost: 'DOUBLE', credit_cost: 'DOUBLE',
    },
    cases: [
      ['imp', { bank_value_score: 60, loan_ftp_income: 80_000, deposit_ftp_income: 30_000, fee_income: 10_000, capital_cost: 10_000, operating_cost: 5_000, credit_cost: 5_000 }, 'important', { x: 60, y: 100_000 }],
      ['qual', { bank_value_score: 59.99, loan_ftp_income: 80_000, deposit_ftp_income: 30_000, fee_income: 10_000, capital_cost: 10_000, operating_cost: 5_000, credit_cost: 5_000 }, 'quality'],
      ['ord', { bank_value_score: 60, loan_ftp_income: 80_000, deposit_ftp_income: 30_000, fee_income: 10_000, capital_cost: 10_000, operating_cost: 5_000, credit_cost: 5_000.01 }, 'ordinary'],
      ['exit', { bank_value_score: 0, loan_ftp_income: 0, deposit_ftp_income: 0, fee_income: 0, capital_cost: 1, operating_cost: 0, credit_cost: 0 }, 'exit', { y: -1 }],
      ['nopart', { bank_value_score: 90, loan_ftp_income: 1e9, deposit_ftp_income: null, fee_income: 0, capital_cost: 0, operating_cost: 0, credit_cost: 0 }, 'unrated'],
      ['noscore', { bank_value_score: null, loan_ftp_income: 1e9, deposit_ftp_income: 0, fee_income: 0, capital_cost: 0, operating_cost: 0, credit_cost: 0 }, 'unrated'],
    ],
  },
  {
    preset: 'target-matrix',
    columns: { customer_id: 'VARCHAR', bank_value_score: 'DOUBLE', industry_score: 'DOUBLE', growth_score: 'DOUBLE', influence_score: 'DOUBLE' },
    cases: [
      ['gold', { bank_value_score: 60, industry_score: 60, growth_score: 60, influence_score: 60 }, 'gold', { y: 60 }],
      ['gold2', { bank_value_score: 100, industry_score: 100, growth_score: 60, influence_score: 40 }, 'gold', { y: 71 }],
      ['pot59', { bank_value_score: 100, industry_score: 100, growth_score: 40, influence_score: 20 }, 'watch', { y: 59 }],
      ['potential', { bank_value_score: 59.99, industry_score: 100, growth_score: 100, influence_score: 100 }, 'potential'],
      ['watch', { bank_value_score: 60, industry_score: 50, growth_score: 50, influence_score: 50 }, 'watch', { y: 50 }],
      ['general', { bank_value_score: 10, industry_score: 10, growth_score: 10, influence_score: 10 }, 'general'],
      ['missing', { bank_value_score: 10, industry_score: 10, growth_score: null, influence_score: 10 }, 'unrated'],
    ],
  },
  {
    preset: 'credit-grade',
    columns: { customer_id: 'VARCHAR', credit_score: 'DOUBLE', defaulted: 'BOOLEAN', loan_class: 'VARCHAR' },
    cases: [
      ['aaa', { credit_score: 90 }, 'AAA'],
      ['aa', { credit_score: 89.99 }, 'AA'],
      ['aa2', { credit_score: 80 }, 'AA'],
      ['a', { credit_score: 70 }, 'A'],
      ['bbb', { credit_score: 60 }, 'BBB'],
      ['bb', { credit_score: 50 }, 'BB'],
      ['b', { credit_score: 40 }, 'B'],
      ['ccc', { credit_score: 30 }, 'CCC'],
      ['cc', { credit_score: 20 }, 'CC'],
      ['c', { credit_score: 19.99 }, 'C'],
      ['c0', { credit_score: 0 }, 'C'],
      ['def', { credit_score: 95, defaulted: true }, 'D'],
      ['doubt', { credit_score: 95, defaulted: false, loan_class: '可疑' }, 'D'],
      ['loss', { credit_score: 95, loan_class: 'loss' }, 'D'],
      ['sub', { credit_score: 95, loan_class: '次级' }, 'AAA'],
      ['defnull', { credit_score: null, defaulted: true }, 'D'],
      ['none', { credit_score: null, defaulted: false, loan_class: '正常' }, 'unrated'],
    ],
  },
  {
    preset: 'ccb-credit',
    columns: { customer_id: 'VARCHAR', credit_score: 'DOUBLE', policy_violation: 'BOOLEAN', loan_class: 'VARCHAR' },
    cases: [
      ['aaa', { credit_score: 90 }, 'AAA'],
      ['aa', { credit_score: 89.99 }, 'AA'],
      ['a', { credit_score: 70 }, 'A'],
      ['bbb', { credit_score: 60 }, 'BBB'],
      ['bb', { credit_score: 50 }, 'BB'],
      ['b', { credit_score: 49.99 }, 'B'],
      ['viol', { credit_score: 99, policy_violation: true }, 'F'],
      ['loss', { credit_score: 99, policy_violation: false, loan_class: '损失' }, 'F'],
      ['doubtful', { credit_score: 99, loan_class: 'doubtful' }, 'F'],
      ['none', { credit_score: null }, 'unrated'],
    ],
  },
  {
    preset: 'lifecycle',
    columns: { customer_id: 'VARCHAR', period: 'VARCHAR', first_txn_date: 'DATE', last_txn_date: 'DATE', closed: 'BOOLEAN' },
    cases: [
      ['pot', { period: '2025-12-31', first_txn_date: null, last_txn_date: null, closed: true }, 'potential'],
      ['closed', { period: '2025-12-31', first_txn_date: '2020-01-01', last_txn_date: '2025-12-30', closed: true }, 'lost'],
      ['lost365', { period: '2025-12-31', first_txn_date: '2020-01-01', last_txn_date: '2024-12-31', closed: false }, 'lost'],
      ['dorm364', { period: '2025-12-31', first_txn_date: '2020-01-01', last_txn_date: '2025-01-01', closed: false }, 'dormant'],
      ['dorm180', { period: '2025-12-31', first_txn_date: '2020-01-01', last_txn_date: '2025-07-04', closed: false }, 'dormant'],
      ['loyal179', { period: '2025-12-31', first_txn_date: '2024-12-31', last_txn_date: '2025-07-05', closed: false }, 'loyal'],
      ['new364', { period: '2025-12-31', first_txn_date: '2025-01-01', last_txn_date: '2025-12-01', closed: null }, 'new'],
      ['monthperiod', { period: '2025-12', first_txn_date: '2025-01-01', last_txn_date: '2025-12-01', closed: false }, 'new'],
    ],
  },
  {
    preset: 'savings-grade',
    columns: { customer_id: 'VARCHAR', overdue_count_12m: 'DOUBLE', deposit_balance: 'DOUBLE', deposit_term_months: 'DOUBLE', consumption_12m: 'DOUBLE' },
    cases: [
      ['risk', { overdue_count_12m: 1, deposit_balance: 1e7, deposit_term_months: 36, consumption_12m: 1e6 }, 'risk'],
      ['prem', { overdue_count_12m: 0, deposit_balance: 500_000, deposit_term_months: 12, consumption_12m: 100_000 }, 'premium'],
      ['good1', { overdue_count_12m: 0, deposit_balance: 500_000, deposit_term_months: 12, consumption_12m: 99_999.99 }, 'good'],
      ['good2', { overdue_count_12m: 0, deposit_balance: 499_999.99, deposit_term_months: 12, consumption_12m: 100_000 }, 'good'],
      ['good3', { overdue_count_12m: 0, deposit_balance: 100_000, deposit_term_months: 6, consumption_12m: 0 }, 'good'],
      ['ord1', { overdue_count_12m: 0, deposit_balance: 100_000, deposit_term_months: 5, consumption_12m: 0 }, 'ordinary'],
      ['ord2', { overdue_count_12m: 0, deposit_balance: 99_999.99, deposit_term_months: 12, consumption_12m: 0 }, 'ordinary'],
      ['missing', { overdue_count_12m: 0, deposit_balance: 100_000, deposit_term_months: 6, consumption_12m: null }, 'unrated'],
    ],
  },
  {
    preset: 'insurance-profile',
    columns: { customer_id: 'VARCHAR', period: 'VARCHAR', premium: 'DOUBLE', claims: 'DOUBLE', other_income: 'DOUBLE', loyalty_score: 'DOUBLE', risk_score: 'DOUBLE' },
    // Contributions 10…60: type-7 terciles are 26.67 and 43.33, so 10, 20 → L; 30, 40 → M; 50, 60 → H.
    cases: [
      ['c10', { period: '2025', premium: 15, claims: 5, other_income: 0, loyalty_score: 70, risk_score: 70 }, 'LHH', { contribution: 10 }],
      ['c20', { period: '2025', premium: 20, claims: 0, other_income: 0, loyalty_score: 69.99, risk_score: 69.99 }, 'LMM'],
      ['c30', { period: '2025', premium: 30, claims: 0, other_income: 0, loyalty_score: 40, risk_score: 40 }, 'MMM'],
      ['c40', { period: '2025', premium: 30, claims: 0, other_income: 10, loyalty_score: 39.99, risk_score: 39.99 }, 'MLL'],
      ['c50', { period: '2025', premium: 60, claims: 10, other_income: 0, loyalty_score: 100, risk_score: 0 }, 'HHL'],
      ['c60', { period: '2025', premium: 60, claims: 0, other_income: 0, loyalty_score: 0, risk_score: 100 }, 'HLH'],
      ['other', { period: '2024', premium: 1, claims: 0, other_income: 0, loyalty_score: 0, risk_score: 0 }, 'HLL'],
      ['none', { period: '2025', premium: null, claims: 0, other_income: 0, loyalty_score: 50, risk_score: 50 }, 'unrated'],
    ],
  },
  {
    preset: 'abc-pareto',
    columns: { customer_id: 'VARCHAR', annual_sales: 'DOUBLE' },
    // Total 100: a 50 (before 0) A; b 30 (0.5) A; c and d tie at 10 — by id, c (0.8) B, d (0.9) C.
    cases: [
      ['a', { annual_sales: 50 }, 'A', { cum_before: 0 }],
      ['b', { annual_sales: 30 }, 'A', { cum_before: 0.5 }],
      ['d', { annual_sales: 10 }, 'C', { cum_before: 0.9 }],
      ['c', { annual_sales: 10 }, 'B', { cum_before: 0.8 }],
      ['z0', { annual_sales: 0 }, 'D'],
      ['zn', { annual_sales: null }, 'D'],
      ['zneg', { annual_sales: -5 }, 'D'],
    ],
  },
  {
    preset: 'sales-pipeline',
    columns: { customer_id: 'VARCHAR', has_need: 'BOOLEAN', expected_close_days: 'DOUBLE' },
    cases: [
      ['e', { has_need: false, expected_close_days: 10 }, 'E'],
      ['enull', { has_need: false, expected_close_days: null }, 'E'],
      ['a30', { has_need: true, expected_close_days: 30 }, 'A'],
      ['b31', { has_need: true, expected_close_days: 31 }, 'B'],
      ['b90', { has_need: true, expected_close_days: 90 }, 'B'],
      ['c91', { has_need: true, expected_close_days: 91 }, 'C'],
      ['c180', { has_need: true, expected_close_days: 180 }, 'C'],
      ['d181', { has_need: true, expected_close_days: 181 }, 'D'],
      ['needunknown', { has_need: null, expected_close_days: 10 }, 'A'],
      ['nodays', { has_need: true, expected_close_days: null }, 'unrated'],
    ],
  },
];

describe.each(ENGINES)('presets at their bounds on %s', (_name, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(() => engine.close());

  describe.each(SUITES.map((s) => [s.preset, s] as const))('%s', (_preset, suite) => {
    // All cases go in one table, so window-based schemes (ABC, terciles) see their peers.
    let byId: Map<string, Record<string, unknown>>;
    beforeAll(async () => {
      byId = (await applyToRows(engine, presetById(suite.preset), suite.columns, suite.cases.map(([id, inputs]) => ({ customer_id: id, ...inputs })), suite.asOf)).byId;
    });
    test.each(suite.cases.map((c) => [c[0], c[1], c[2], c[3]] as const))('%s %j → %s', (id, _inputs, tier, extras) => {
      const row = byId.get(id);
      expect(row?.tier).toBe(tier);
      for (const [k, v] of Object.entries(extras ?? {})) {
        if (typeof v === 'number') expect(Number(row?.[k]), `${id}.${k}`).toBeCloseTo(v, 9);
        else expect(row?.[k], `${id}.${k}`).toEqual(v);
      }
    });
  });

  test('optional override fields may be absent: the override does not apply, and it is reported', async () => {
    const { byId, compiled } = await applyToRows(engine, presetById('credit-grade'), { customer_id: 'VARCHAR', credit_score: 'DOUBLE' }, [{ customer_id: 'x', credit_score: 85 }]);
    expect(byId.get('x')?.tier).toBe('AA');
    expect(compiled.warnings.join(' ')).toMatch(/defaulted/);
    const corp = await applyToRows(engine, presetById('corporate-layers'), { customer_id: 'VARCHAR', loan_balance: 'DOUBLE', annual_revenue: 'DOUBLE', total_assets: 'DOUBLE', industry: 'VARCHAR', avg_daily_deposit: 'DOUBLE' }, [
      { customer_id: 'y', loan_balance: 5, annual_revenue: 4e8, total_assets: 0, industry: '制造业', avg_daily_deposit: 0 },
    ]);
    expect(corp.byId.get('y')?.tier).toBe('large');
    expect(corp.compiled.warnings.join(' ')).toMatch(/is_strategic/);
  });

  test('a field the main rule needs is required: the scheme names it', async () => {
    await expect(applyToRows(engine, presetById('retail-aum'), { customer_id: 'VARCHAR', deposit_balance: 'DOUBLE' }, [])).rejects.toThrow(MissingFieldError);
    await expect(applyToRows(engine, presetById('retail-aum'), { customer_id: 'VARCHAR', deposit_balance: 'DOUBLE' }, [])).rejects.toThrow(/"aum"/);
  });

  test('every scheme is applied per period', async () => {
    const { byId } = await applyToRows(engine, presetById('abc-pareto'), { customer_id: 'VARCHAR', period: 'VARCHAR', annual_sales: 'DOUBLE' }, [
      { customer_id: 'p1a', period: '2024', annual_sales: 100 },
      { customer_id: 'p1b', period: '2024', annual_sales: 1 },
      { customer_id: 'p2a', period: '2025', annual_sales: 1 },
    ]);
    expect([byId.get('p1a')?.tier, byId.get('p1b')?.tier, byId.get('p2a')?.tier]).toEqual(['A', 'C', 'A']);
  });
});
