import { describe, expect, test } from 'vitest';
import { chooseScheme, fitOf, rankSchemes } from '../../src/schemes/fit';
import { presetById } from '../../src/schemes/presets';

// The mapped fields of the bundled sample files (as the load report maps their headers).
const COLUMNS = {
  retail: ['customer_id', 'customer_name', 'id_number', 'phone', 'branch', 'period', 'aum', 'deposit_balance', 'loan_balance', 'star_points', 'first_txn_date', 'last_txn_date', 'closed'],
  corporate: [
    'customer_id', 'customer_name', 'branch', 'period', 'industry', 'loan_balance', 'avg_daily_deposit', 'annual_revenue', 'total_assets', 'is_strategic',
    'loan_ftp_income', 'deposit_ftp_income', 'fee_income', 'capital_cost', 'operating_cost', 'credit_cost', 'bank_value_score', 'industry_score',
    'growth_score', 'influence_score', 'credit_score', 'loan_class', 'policy_violation',
  ],
  dealers: ['customer_id', 'customer_name', 'customer_type', 'period', 'annual_sales', 'cost_ratio', 'credit_level', 'local_influence', 'cooperation_start'],
  insurance: ['customer_id', 'customer_name', 'phone', 'period', 'premium', 'claims', 'other_income', 'loyalty_score', 'risk_score', 'expected_close_days', 'has_need'],
  transactions: ['customer_id', 'txn_date', 'amount'],
  credit: ['customer_id', 'customer_name', 'industry', 'period', 'credit_score', 'loan_class', 'defaulted', 'policy_violation', 'loan_balance'],
} as const;

describe('which scheme fits the data', () => {
  test.each([
    ['retail', 'retail-aum'],
    ['corporate', 'corporate-layers'],
    ['dealers', 'dealer-scorecard'],
    ['insurance', 'insurance-profile'],
    ['transactions', 'rfm'],
    ['credit', 'credit-grade'],
  ] as const)('%s data: best is %s', (data, best) => {
    expect(rankSchemes(new Set(COLUMNS[data]))[0]!.scheme.id).toBe(best);
  });

  test('runnable schemes come first, and a scheme lacking a required field is not runnable', () => {
    const ranked = rankSchemes(new Set(COLUMNS.corporate));
    const firstUnrunnable = ranked.findIndex((f) => !f.runnable);
    expect(ranked.slice(firstUnrunnable).every((f) => !f.runnable)).toBe(true);
    expect(ranked.filter((f) => f.runnable).map((f) => f.scheme.id).sort()).toEqual(['ccb-credit', 'corporate-layers', 'credit-grade', 'target-matrix', 'value-matrix']);
  });

  test('a fit names the required fields present and missing, and the optional ones', () => {
    const dealer = fitOf(presetById('dealer-scorecard'), new Set(['customer_id', 'annual_sales', 'credit_level']));
    expect(dealer).toMatchObject({ runnable: false, missing: ['cost_ratio', 'local_influence'], required: ['annual_sales'], optionalPresent: ['credit_level'], optionalAbsent: ['cooperation_start'] });
    const corporate = fitOf(presetById('corporate-layers'), new Set(COLUMNS.corporate));
    expect(corporate.runnable).toBe(true);
    expect(corporate.optionalPresent).toEqual(['is_strategic']);
    expect(corporate.required).not.toContain('is_strategic');
  });

  test('the current scheme stays while the data has its fields; otherwise the best one that can run replaces it', () => {
    const starOnRetail = chooseScheme(presetById('star-points'), new Set(COLUMNS.retail));
    expect(starOnRetail).toMatchObject({ switched: false, fit: { scheme: { id: 'star-points' } } });
    const retailOnCorporate = chooseScheme(presetById('retail-aum'), new Set(COLUMNS.corporate));
    expect(retailOnCorporate.switched).toBe(true);
    expect(retailOnCorporate.fit.scheme.id).toBe('corporate-layers');
    expect(retailOnCorporate.replaced?.missing).toEqual(['aum']);
    expect(retailOnCorporate.alternatives.map((f) => f.scheme.id)).not.toContain('corporate-layers');
    expect(retailOnCorporate.alternatives.every((f) => f.runnable)).toBe(true);
  });

  test('when nothing can run the current scheme stays, with what it lacks', () => {
    const c = chooseScheme(presetById('retail-aum'), new Set(['customer_id', 'whatever']));
    expect(c).toMatchObject({ switched: false, fit: { runnable: false, missing: ['aum'] }, alternatives: [] });
  });
});
