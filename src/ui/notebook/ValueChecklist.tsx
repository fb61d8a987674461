import type { ReactNode } from 'react';
import { formatCount } from '../../i18n/format';
import { t } from '../../i18n/messages';
import { useLocale } from '../locale';

/** One choice of a checklist: a value of the data (null: empty) or an id, with what to show. */
export interface Choice {
  readonly value: string | null;
  /** Shown instead of the value (a tier's name); without it the value is shown as data. */
  readonly label?: ReactNode;
  /** How many rows hold it, shown beside it. */
  readonly rows?: number;
}

/** Checkboxes of values under a legend (a filter's values, the segments compared). */
export function ValueChecklist({ legend, choices, picked, onChange }: { legend: string; choices: readonly Choice[]; picked: ReadonlySet<string | null>; onChange: (next: ReadonlySet<string | null>) => void }) {
  const locale = useLocale();
  return (
    <fieldset className="filter-values">
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={String(c.value)}>
          <input
            type="checkbox"
            checked={picked.has(c.value)}
            onChange={(e) => {
              const next = new Set(picked);
              if (e.target.checked) next.add(c.value);
              else next.delete(c.value);
              onChange(next);
            }}
          />{' '}
          {c.label ?? <span data-value="">{c.value ?? t(locale, 'filterEmptyValue')}</span>}
          {c.rows !== undefined && <> <span className="hint">{formatCount(c.rows)}</span></>}
        </label>
      ))}
    </fieldset>
  );
}
