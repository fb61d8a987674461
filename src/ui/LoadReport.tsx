import { useState } from 'react';
import type { FileView } from '../app/workspace';
import type { DatasetInfo } from '../ingest/dataset';
import { formatCount, formatPeriod, type Locale } from '../i18n/format';
import { labelIn, t, type MessageKey } from '../i18n/messages';
import { FIELDS, type FieldName, type Sensitivity } from '../ingest/vocabulary';
import { problemText, type ColumnReport, type FileReport, type Problem } from '../ingest/report';
import type { LeftOutKind } from '../ingest/left-out';

/** How a column was read; a column kept in its own type shows DuckDB's name for it (code). */
const TYPE_TEXT: Record<Exclude<ColumnReport['type'], 'native'>, MessageKey> = { number: 'typeNumber', date: 'typeDate', month: 'typeMonth', flag: 'typeFlag', text: 'typeText' };

interface Props {
  locale: Locale;
  files: readonly FileView[];
  dataset: DatasetInfo | undefined;
  onRemap: (fileId: string, column: string, field: FieldName | null) => void;
  /** Sensitivity level per dataset column (A masked by default), and how to change it. */
  levels?: Readonly<Record<string, Sensitivity>>;
  onLevel?: (column: string, level: Sensitivity) => void;
  onRemove: (fileId: string) => void;
  /** Takes a left-out row (a total, a note, a row without id) back in, or leaves it out again. */
  onInclude?: (fileId: string, rec: number, include: boolean) => void;
  /** Reads another sheet of a workbook. */
  onSheet?: (fileId: string, sheet: string) => void;
  onExport: (includeSensitive: boolean) => void;
  onClear: () => void;
}

/** What was loaded, how each column was read and mapped, and every problem with its place. */
export function LoadReport({ locale, files, dataset, onRemap, onRemove, onInclude, onSheet, onExport, onClear, levels = {}, onLevel }: Props) {
  const [withSensitive, setWithSensitive] = useState(false);
  return (
    <section className="panel" aria-label={t(locale, 'loadReport')}>
      <h2>{t(locale, 'loadReport')}</h2>
      {dataset && (
        <p className="summary">
          {t(locale, 'summaryRows', { n: formatCount(dataset.rows) })}
          {dataset.periods.length > 0 && (
            <>
              {' · '}
              {t(locale, 'summaryPeriods', { n: dataset.periods.length, first: formatPeriod(dataset.periods[0]!), last: formatPeriod(dataset.periods.at(-1)!) })}
            </>
          )}
          {dataset.duplicateIds > 0 && (
            <>
              {' · '}
              <span className="warn">{t(locale, 'summaryDuplicates', { n: formatCount(dataset.duplicateIds) })}</span>
            </>
          )}{' '}
          <button type="button" onClick={() => onExport(withSensitive)}>
            {t(locale, 'exportParquet')}
          </button>{' '}
          <label className="hint">
            <input type="checkbox" checked={withSensitive} onChange={(e) => setWithSensitive(e.target.checked)} /> {t(locale, 'exportWithPersonal')}
          </label>{' '}
          <button type="button" onClick={onClear}>
            {t(locale, 'clearAll')}
          </button>
        </p>
      )}
      {dataset && dataset.problems.length > 0 && <ProblemTable locale={locale} problems={dataset.problems} />}
      {files.map((f) => {
        const fieldOf = new Map(Object.entries(f.mapping.mapping).map(([field, col]) => [col, field]));
        const r = f.report;
        return (
          // The remove button sits beside the summary, not in it: a control inside a summary is a
          // control inside a control for screen readers.
          <div key={f.id} className="file-report-item">
          <details className="file-report" open={files.length <= 2}>
            <summary>
              <strong data-value="">{f.name}</strong> · {r.format.toUpperCase()}
              {r.encoding && ` · ${r.encoding.toUpperCase()}`}
              {r.delimiter && ` · "${r.delimiter === '\t' ? '\\t' : r.delimiter}"`} · {t(locale, 'fileRows', { n: r.rows })} · {t(locale, 'fileColumns', { n: r.columns.length })} ·{' '}
              {r.problemCount > 0 ? <span className="warn">{t(locale, 'fileProblems', { n: r.problemCount })}</span> : t(locale, 'noProblems')}
              {(r.leftOutCount ?? 0) - (r.leftOut ?? []).filter((x) => x.included).length > 0 && (
                <>
                  {' · '}
                  <span className="warn" data-testid="left-out-count">
                    {t(locale, 'leftOutCount', { n: r.leftOutCount! - (r.leftOut ?? []).filter((x) => x.included).length })}
                  </span>
                </>
              )}
            </summary>
            <table className="grid compact">
              <thead>
                <tr>
                  <th>{t(locale, 'column')}</th>
                  <th>{t(locale, 'field')}</th>
                  <th>{t(locale, 'type')}</th>
                  <th>{t(locale, 'nulls')}</th>
                  <th>{t(locale, 'invalid')}</th>
                  <th>{t(locale, 'sensitivity')}</th>
                </tr>
              </thead>
              <tbody>
                {r.columns.map((c) => (
                  <tr key={c.name}>
                    <td data-value="">{c.name}</td>
                    <td>
                      <select
                        aria-label={`${t(locale, 'field')}: ${c.name}`}
                        data-value-part={c.name}
                        value={fieldOf.get(c.name) ?? ''}
                        onChange={(e) => onRemap(f.id, c.name, (e.target.value || null) as FieldName | null)}
                      >
                        <option value="">{t(locale, 'unmapped')}</option>
                        {FIELDS.map((fd) => (
                          <option key={fd.field} value={fd.field}>
                            {labelIn(locale, fd.labels)} ({fd.field})
                          </option>
                        ))}
                      </select>
                    </td>
                    {c.type === 'native' ? <td data-value="">{c.sqlType}</td> : <td>{t(locale, TYPE_TEXT[c.type])}</td>}
                    {c.pending ? (
                      <td colSpan={2} className="pending" title={t(locale, 'columnPendingHint')}>
                        {t(locale, 'columnPending')}
                      </td>
                    ) : (
                      <>
                        <td className="num">{formatCount(c.nulls)}</td>
                        <td className={`num${c.invalid > 0 ? ' warn' : ''}`}>{formatCount(c.invalid)}</td>
                      </>
                    )}
                    <td>
                      {(() => {
                        // Levels belong to dataset columns: the field name when mapped, else the header.
                        const column = fieldOf.get(c.name) ?? c.name;
                        return (
                          <select aria-label={`${t(locale, 'sensitivity')}: ${c.name}`} data-value-part={c.name} value={levels[column] ?? 'C'} onChange={(e) => onLevel?.(column, e.target.value as Sensitivity)}>
                            <option value="A">{t(locale, 'levelA')}</option>
                            <option value="B">{t(locale, 'levelB')}</option>
                            <option value="C">{t(locale, 'levelC')}</option>
                          </select>
                        );
                      })()}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.sheets && r.sheets.length > 1 && <SheetTable locale={locale} report={r} onSheet={onSheet && ((sheet) => onSheet(f.id, sheet))} />}
            {r.problems.length > 0 && <ProblemTable locale={locale} problems={r.problems} />}
            {r.leftOut && r.leftOut.length > 0 && <LeftOutTable locale={locale} report={r} onInclude={onInclude && ((rec, include) => onInclude(f.id, rec, include))} />}
            {r.problemCount > r.problems.length && <p className="hint">{t(locale, 'moreProblems', { n: formatCount(r.problemCount - r.problems.length) })}</p>}
          </details>
          <button type="button" className="link remove-file" onClick={() => onRemove(f.id)}>
            {t(locale, 'removeFile')}
          </button>
          </div>
        );
      })}
    </section>
  );
}

/** Problems with their place: file, line, column and the offending value. */
function ProblemTable({ locale, problems }: { locale: Locale; problems: readonly Problem[] }) {
  return (
    <table className="grid compact problems">
      <thead>
        <tr>
          <th>{t(locale, 'file')}</th>
          <th>{t(locale, 'line')}</th>
          <th>{t(locale, 'column')}</th>
          <th>{t(locale, 'value')}</th>
          <th>{t(locale, 'message')}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i} className={p.severity}>
            <td data-value="">{p.file}</td>
            <td className="num">{p.line ?? ''}</td>
            <td data-value="">{p.column ?? ''}</td>
            <td data-value="">{p.value ?? ''}</td>
            <td>{problemText(locale, p)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const KIND_LABEL: Record<LeftOutKind, 'leftOutKindSummary' | 'leftOutKindNote' | 'leftOutKindNoId'> = {
  summary: 'leftOutKindSummary',
  note: 'leftOutKindNote',
  'no-id': 'leftOutKindNoId',
};

/** Rows that are not customers, each with its line and a control to take it back in. */
function LeftOutTable({ locale, report, onInclude }: { locale: Locale; report: FileReport; onInclude?: (rec: number, include: boolean) => void }) {
  const rows = report.leftOut ?? [];
  const more = (report.leftOutCount ?? 0) - rows.length;
  return (
    <>
      <table className="grid compact left-out" aria-label={t(locale, 'leftOutTitle')}>
        <caption>{t(locale, 'leftOutTitle')}</caption>
        <thead>
          <tr>
            <th>{t(locale, 'line')}</th>
            <th>{t(locale, 'leftOutKind')}</th>
            <th>{t(locale, 'leftOutText')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.rec} data-rec={row.rec} data-kind={row.kind} className={row.included ? 'included' : 'warning'}>
              <td className="num">{row.line ?? ''}</td>
              <td>{t(locale, KIND_LABEL[row.kind])}</td>
              <td data-value={row.sumOf !== undefined ? undefined : ''}>{row.sumOf !== undefined ? t(locale, 'leftOutSum', { n: row.sumOf }) : (row.text ?? '')}</td>
              <td>
                {row.included && <span className="hint">{t(locale, 'leftOutIncluded')} </span>}
                {onInclude && (
                  <button type="button" className="link" onClick={() => onInclude(row.rec, !row.included)}>
                    {t(locale, row.included ? 'leftOutExclude' : 'leftOutInclude')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && <p className="hint">{t(locale, 'leftOutMore', { n: more })}</p>}
    </>
  );
}

/** A workbook's sheets with their headers: which was read, and a control to read another. */
function SheetTable({ locale, report, onSheet }: { locale: Locale; report: FileReport; onSheet?: (sheet: string) => void }) {
  return (
    <table className="grid compact sheets" aria-label={t(locale, 'sheetRead')}>
      <thead>
        <tr>
          <th>{t(locale, 'sheetRead')}</th>
          <th>{t(locale, 'sheetHeaders')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {(report.sheets ?? []).map((s) => (
          <tr key={s.name} data-sheet={s.name} className={s.name === report.sheet ? 'chosen' : undefined}>
            <td>
              {s.name === report.sheet ? <strong>{s.name}</strong> : s.name}
              {s.fits && <span className="hint"> ({t(locale, 'sheetFits')})</span>}
            </td>
            <td data-value="">{s.headers.join(' | ')}</td>
            <td>
              {s.name !== report.sheet && onSheet && (
                <button type="button" className="link" onClick={() => onSheet(s.name)}>
                  {t(locale, 'sheetPick')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
