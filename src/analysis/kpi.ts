import type { TierCount } from './tier-distribution';

/** The headline figures of a tier mix: what a manager reads first. */
export interface Kpi {
  readonly customers: number;
  /** Total of the amount metric; undefined when the scheme has none. */
  readonly amount?: number;
  /** The top tiers (the best two, or the best one of a two-tier scheme), their share of customers and of the amount. */
  readonly top: readonly string[];
  readonly topCustomerShare: number;
  readonly topAmountShare?: number;
  readonly unrated: number;
  /** Customers who moved up or down since the compare period, when there is one. */
  readonly moves?: { readonly from: string; readonly up: number; readonly down: number };
}

/**
 * KPI figures from one period's tier counts (tiers in order, best first, `unrated` last) and the
 * movement totals since the compare period.
 */
export function kpiOf(counts: readonly TierCount[], order: readonly string[], hasAmount: boolean, moves?: Kpi['moves']): Kpi {
  const rated = order.filter((t) => t !== 'unrated');
  const top = rated.slice(0, rated.length > 2 ? 2 : 1);
  let customers = 0;
  let amount = 0;
  let topCustomers = 0;
  let topAmount = 0;
  let unrated = 0;
  for (const c of counts) {
    customers += c.customers;
    amount += c.amount;
    if (top.includes(c.tier)) {
      topCustomers += c.customers;
      topAmount += c.amount;
    }
    if (c.tier === 'unrated') unrated += c.customers;
  }
  return {
    customers,
    ...(hasAmount ? { amount, topAmountShare: amount > 0 ? topAmount / amount : 0 } : {}),
    top,
    topCustomerShare: customers > 0 ? topCustomers / customers : 0,
    unrated,
    ...(moves ? { moves } : {}),
  };
}
