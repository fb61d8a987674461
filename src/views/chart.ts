import type { EChartsOption } from 'echarts';
import type { Locale } from '../i18n/format';
import { labelIn } from '../i18n/messages';
import { fieldByName, isFieldName } from '../ingest/vocabulary';
import { tiersOf, type Scheme } from '../schemes/types';
import { viewDef, type ViewModel } from './registry';
import type { ChartChoices } from './view';

/**
 * The chart of a view model: its kind's pure builder, given the scheme's tiers and the page's
 * language. No drawing here; the UI hands the option to ECharts. Undefined for views without one.
 */
export function chartOf(model: ViewModel, scheme: Scheme, locale: Locale, title: string, choices: ChartChoices = {}): EChartsOption | undefined {
  if (model.view === 'not-applicable') return undefined;
  const chart = viewDef(model.view).chart;
  if (!chart) return undefined;
  const fieldLabel = (name: string) => (isFieldName(name) ? labelIn(locale, fieldByName(name).labels) : name);
  return chart(model, { scheme, tiers: tiersOf(scheme), locale, title, choices, fieldLabel });
}
