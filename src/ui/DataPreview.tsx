import type { Preview, PrivacyState } from '../app/workspace';
import { defaultSensitivity, maskCell } from '../privacy/mask';
import type { Resolvable } from '../app/resolvable';
import { formatCount, formatNumber, type Locale } from '../i18n/format';
import { columnLabel, t } from '../i18n/messages';

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

/** The first rows of the stacked dataset, as loaded (React encodes every cell). */
export function DataPreview({ locale, preview, privacy }: { locale: Locale; preview: Resolvable<Preview>; privacy: PrivacyState }) {
  const level = (c: string) => privacy.levels[c] ?? defaultSensitivity(c);
  return (
    <section className="panel" aria-label={t(locale, 'preview')}>
      <h2>{t(locale, 'preview')}</h2>
      {preview.status === 'loading' && <p className="hint">{t(locale, 'loading')}</p>}
      {preview.status === 'failed' && <p className="error">{preview.error}</p>}
      {preview.status === 'ready' && (
        <>
          <p className="hint">{t(locale, 'previewNote', { n: formatCount(preview.value.rows.length), total: formatCount(preview.value.total) })}</p>
          <div className="table-scroll" tabIndex={0}>
            <table className="grid" data-testid="preview-table">
              <thead>
                <tr>
                  {preview.value.columns.map((c) => (
                    <th key={c}>
                      {columnLabel(locale, c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.value.rows.map((r, i) => (
                  <tr key={i}>
                    {preview.value.columns.map((c) => (
                      <td key={c} className={typeof r[c] === 'number' ? 'num' : undefined} data-value="">
                        {show(maskCell(r[c], c, level(c), privacy.unmasked))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
