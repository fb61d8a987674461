import { useState, type RefObject } from 'react';
import { CSV_MIME, safeFileName, toCsv, toXlsx, XLSX_MIME } from '../../export';
import type { TableData } from '../../views/view';
import type { Workspace } from '../../app/workspace';
import { download } from '../download';
import type { EChartHandle } from '../EChart';
import { t as text } from '../../i18n/messages';
import { useLocale } from '../locale';
import { Menu } from '../Menu';

/** PNG/SVG of a chart, CSV/XLSX/Parquet of the table behind it — files stay on this machine. */
export function ExportMenu({ name, chart, table, workspace }: { name: string; chart?: RefObject<EChartHandle | null>; table?: () => Promise<TableData | undefined> | TableData | undefined; workspace: Workspace }) {
  const locale = useLocale();
  const [withSensitive, setWithSensitive] = useState(false);
  const file = (ext: string) => safeFileName(name, ext, { stamp: true });
  // Level-A columns (names, ID numbers, phones) leave the app only when the user opts in.
  const withTable = async (ext: string, f: (t: TableData) => Promise<void> | void) => {
    const t = await table?.();
    if (!t) return;
    // Levels are set per dataset column; a translated header names its column in `sources`.
    const sensitive = t.columns.filter((c) => workspace.sensitiveColumns([t.sources?.[c] ?? c]).length > 0);
    const drop = withSensitive ? [] : sensitive;
    const kept = t.columns.filter((c) => !drop.includes(c));
    const exported = `${name}.${ext}`;
    const columns = sensitive.join(text(locale, 'columnSeparator'));
    workspace.log('export', sensitive.length ? text(locale, withSensitive ? 'logExportWith' : 'logExportWithout', { file: exported, columns }) : exported);
    await f({ ...t, columns: kept });
  };
  return (
    <Menu label={text(locale, 'exportGroup')} summary={text(locale, 'exportMenu')} className="export-menu">
    <span role="group" aria-label={text(locale, 'exportGroup')}>
      {chart && (
        <>
          <button type="button" onClick={() => {
            const url = chart.current?.png();
            if (!url) return;
            const bytes = Uint8Array.from(atob(url.split(',')[1] ?? ''), (c) => c.charCodeAt(0));
            download(file('png'), bytes, 'image/png');
          }}>PNG</button>
          <button type="button" onClick={() => {
            const svg = chart.current?.svg();
            if (svg) download(file('svg'), new TextEncoder().encode(svg), 'image/svg+xml');
          }}>SVG</button>
        </>
      )}
      {table && (
        <>
          <button type="button" onClick={() => withTable('csv', (t) => download(file('csv'), toCsv([...t.columns], [...t.rows], { formats: t.formats }), CSV_MIME))}>CSV</button>
          <button type="button" onClick={() => withTable('xlsx', (t) => download(file('xlsx'), toXlsx([{ name, columns: [...t.columns], rows: [...t.rows], formats: t.formats }]), XLSX_MIME))}>XLSX</button>
          <button type="button" onClick={() => withTable('parquet', async (t) => download(file('parquet'), await workspace.rowsToParquet(t.columns, t.rows), 'application/vnd.apache.parquet'))}>Parquet</button>
          <label className="hint" title={text(locale, 'withPersonalTitle')}>
            <input type="checkbox" checked={withSensitive} onChange={(e) => setWithSensitive(e.target.checked)} /> {text(locale, 'withPersonal')}
          </label>
        </>
      )}
    </span>
    </Menu>
  );
}
