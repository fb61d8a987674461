import { useMemo, useState } from 'react';
import type { Workspace } from '../app/workspace';
import { amountColumnOf } from '../analysis/tier-distribution';
import { buildTierDistributionOption } from '../charts/tier-distribution';
import { formatAmount, formatCount, formatPeriod, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import { fieldByName } from '../ingest/vocabulary';
import { PRESETS } from '../schemes/presets';
import { tiersOf, type Scheme } from '../schemes/types';
import { EChart } from './EChart';
import { useAsk } from './hooks';

interface Props {
  locale: Locale;
  workspace: Workspace;
  scheme: Scheme;
  onScheme: (id: string) => void;
  periods: readonly string[];
  version: number;
}

/** Tier distribution of one period under a scheme: chart plus the numbers behind it. */
export function TierPanel({ locale, workspace, scheme, onScheme, periods, version }: Props) {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const period = chosen !== undefined && periods.includes(chosen) ? chosen : periods.at(-1);
  const counts = useAsk(() => workspace.tierDistribution(scheme, period), [scheme, period, version]);
  const zh = locale === 'zh-CN';
  const amountField = amountColumnOf(scheme);
  const amountLabel = amountField === undefined ? undefined : zh ? fieldByName(amountField).labels.zh : fieldByName(amountField).labels.en;
  const tiers = tiersOf(scheme);
  const option = useMemo(
    () =>
      counts.status === 'ready'
        ? buildTierDistributionOption({
            tiers,
            counts: counts.value.counts,
            locale,
            amountLabel,
            title: `${zh ? scheme.label.zh : scheme.label.en}${period ? ` · ${formatPeriod(period)}` : ''}`,
          })
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [counts, locale],
  );
  const total = counts.status === 'ready' ? counts.value.counts.reduce((s, c) => s + c.customers, 0) : 0;
  return (
    <section className="panel" aria-label={t(locale, 'tierDistribution')}>
      <h2>{t(locale, 'tierDistribution')}</h2>
      <div className="controls">
        <label>
          {t(locale, 'scheme')}{' '}
          <select value={scheme.id} onChange={(e) => onScheme(e.target.value)}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {zh ? p.label.zh : p.label.en} ({p.id})
              </option>
            ))}
          </select>
        </label>
        {periods.length > 0 && (
          <label>
            {t(locale, 'period')}{' '}
            <select value={period} onChange={(e) => setChosen(e.target.value)}>
              {periods.map((p) => (
                <option key={p} value={p}>
                  {formatPeriod(p)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {counts.status === 'failed' && <p className="error">{counts.error}</p>}
      {counts.status === 'loading' && <p className="hint">{t(locale, 'loading')}</p>}
      {counts.status === 'ready' && counts.value.warnings.map((w) => (
        <p key={w} className="hint warn">
          {w}
        </p>
      ))}
      {option && <EChart option={option} label={t(locale, 'tierDistribution')} />}
      {counts.status === 'ready' && (
        <table className="grid compact" data-testid="tier-table">
          <thead>
            <tr>
              <th>{zh ? '层级' : 'Tier'}</th>
              <th>{zh ? '客户数' : 'Customers'}</th>
              <th>{zh ? '占比' : 'Share'}</th>
              {amountLabel !== undefined && <th>{amountLabel}</th>}
            </tr>
          </thead>
          <tbody>
            {counts.value.counts.map((c) => {
              const tier = tiers.find((x) => x.id === c.tier)!;
              return (
                <tr key={c.tier} data-tier={c.tier}>
                  <td>
                    <span className="swatch" style={{ background: tier.color }} /> {zh ? tier.label.zh : tier.label.en}
                  </td>
                  <td className="num">{formatCount(c.customers)}</td>
                  <td className="num">{formatShare(total > 0 ? c.customers / total : 0)}</td>
                  {amountLabel !== undefined && <td className="num">{formatAmount(c.amount, locale)}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
