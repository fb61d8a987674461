import type { Segment } from '../../analysis/drill-sql';
import type { TierDef } from '../../schemes/types';
import { drillMessage } from '../../views/drill';
import { useLocale } from '../locale';
import { messageParts } from '../message-parts';

/** A customer list's title; a group's value in it (a branch) is data, marked as such (it is in the data's language). */
export function DrillTitle({ segment, customers, tiers }: { segment: Segment; customers: number; tiers: readonly TierDef[] }) {
  const locale = useLocale();
  const { key, vars } = drillMessage(segment, customers, tiers, locale);
  const group = segment.kind === 'tier' && segment.group?.value != null ? { group: <span data-value="">{segment.group.value}</span> } : {};
  return <>{messageParts(locale, key, vars, group)}</>;
}
