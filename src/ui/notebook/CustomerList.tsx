import { useEffect, useMemo, useRef } from 'react';
import type { Segment } from '../../analysis/drill-sql';
import type { NotebookController } from '../../app/notebook-controller';
import type { Workspace } from '../../app/workspace';
import { t } from '../../i18n/messages';
import { defaultSensitivity, maskCell } from '../../privacy/mask';
import { tiersOf } from '../../schemes/types';
import { drillOptionsOf, drillTable, drillTitle } from '../../views/drill';
import { metricUnitOf } from '../../views/table';
import { useAsk, useWorkspaceState } from '../hooks';
import { useLocale } from '../locale';
import { VirtualTable } from '../VirtualTable';
import { ExportMenu } from './ExportMenu';
import { DrillTitle } from './DrillTitle';

/**
 * The customers behind a bar or a cell, in a modal dialog: the fields that matter for the
 * segment, largest amount first, personal columns masked, the whole list exportable.
 */
export function CustomerList({ segment, controller, workspace, onClose }: { segment: Segment; controller: NotebookController; workspace: Workspace; onClose: () => void }) {
  const locale = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const { privacy, version } = useWorkspaceState(workspace);
  const list = useAsk(() => controller.drill(segment), [segment, version]);
  const scheme = controller.currentScheme();
  const tiers = useMemo(() => (scheme ? tiersOf(scheme) : []), [scheme]);
  const table = useMemo(() => (list.status === 'ready' ? drillTable(list.value, tiers, locale, scheme ? metricUnitOf(scheme) : 'yuan', scheme ? drillOptionsOf(scheme, locale) : {}) : undefined), [list, tiers, locale, scheme]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (!d.open) d.showModal();
    // Escape (the dialog's cancel) and the close button both end here.
    d.addEventListener('close', onClose);
    return () => d.removeEventListener('close', onClose);
  }, [onClose]);

  const mask = (column: string, value: unknown) => {
    const source = table?.sources?.[column];
    return source === undefined ? value : maskCell(value, source, privacy.levels[source] ?? defaultSensitivity(source), privacy.unmasked);
  };
  const title = list.status === 'ready' ? drillTitle(segment, list.value.rows.length, tiers, locale) : t(locale, 'drillLoading');
  return (
    <dialog ref={dialog} className="customer-list" aria-label={title} data-testid="customer-list">
      <header className="customer-list-head">
        <h2>{list.status === 'ready' ? <DrillTitle segment={segment} customers={list.value.rows.length} tiers={tiers} /> : title}</h2>
        {segment.kind === 'tier' && segment.group !== undefined && (
          <button
            type="button"
            onClick={() => {
              // Cross-filter: the whole dashboard to this group (one filter per field).
              const { field, value } = segment.group!;
              const others = (controller.getNotebook().filters ?? []).filter((f) => f.field !== field);
              controller.setFilters([...others, { field, kind: 'in', values: [value] }]);
              dialog.current?.close();
            }}
          >
            {t(locale, segment.group.field === 'branch' ? 'drillFilterBranch' : 'drillFilterGroup')}
          </button>
        )}
        {table && <ExportMenu name="customers" table={() => table} workspace={workspace} />}
        <button type="button" onClick={() => dialog.current?.close()}>
          {t(locale, 'drillClose')}
        </button>
      </header>
      {list.status === 'failed' && (
        <p className="error" role="alert">
          {list.error}
        </p>
      )}
      {table && (
        <>
          <p className="hint">{t(locale, 'drillHint')}</p>
          <VirtualTable columns={table.columns} rows={table.rows} formats={table.formats} height={Math.min(520, Math.round(window.innerHeight * 0.6))} label={title} mask={mask} />
        </>
      )}
    </dialog>
  );
}
