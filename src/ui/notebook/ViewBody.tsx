import { useCallback, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { cellTitle } from '../../notebook/types';
import { KpiRow } from './KpiRow';
import type { NotebookController } from '../../app/notebook-controller';
import { chartOf } from '../../views/chart';
import { quadrantSegmentAt, quadrantShownRanges } from '../../views/kinds/quadrant';
import { moverTable } from '../../views/kinds/before-after';
import { viewDef, type ViewModel } from '../../views/registry';
import { metricUnitOf, tableOf } from '../../views/table';
import { notApplicableText, type ChartClick, type SegmentCount, type TableData } from '../../views/view';
import type { Segment } from '../../analysis/drill-sql';
import { DrillTitle } from './DrillTitle';
import { Menu } from '../Menu';
import { CustomerList } from './CustomerList';
import type { Workspace } from '../../app/workspace';
import { formatAmount, formatCount, formatPeriod, type Locale } from '../../i18n/format';
import { columnLabel, t } from '../../i18n/messages';
import { errorText } from '../../i18n/said';
import type { MigrationMeasure } from '../../charts/migration-heatmap';
import type { TierMixMeasure } from '../../charts/tier-mix-over-time';
import type { ViewCell } from '../../notebook/types';
import { gridOf, nearestIndex, valueAt } from '../../schemes/grid';
import { cutKind, setKnob } from '../../schemes/knobs';
import { tiersOf, type QuadrantScheme, type Scheme } from '../../schemes/types';
import { EChart, type EChartHandle } from '../EChart';
import { useWorkspaceState } from '../hooks';
import { defaultSensitivity, maskCell } from '../../privacy/mask';
import { useLocale } from '../locale';
import { VirtualTable } from '../VirtualTable';
import { ExportMenu } from './ExportMenu';
import { QuadrantChart } from './QuadrantChart';
import { SegmentPicker } from './SegmentPicker';

interface Props {
  cell: ViewCell;
  model: ViewModel;
  scheme: Scheme;
  controller: NotebookController;
  workspace: Workspace;
  chartRef: React.RefObject<EChartHandle | null>;
  /** The model is from an earlier run (the cell waits to re-run): it may not fit the scheme now. */
  stale?: boolean;
  /** A slide: the chart alone fills it; no exports or measure choices, the table folded away. */
  presenting?: boolean;
  /** Where the view's controls go (its cell's title row); in the body when absent. */
  tools?: HTMLElement | null;
}

/** A builder's result, or why it could not build (e.g. a stale model of other tiers). */
function attempt<T>(locale: Locale, build: () => T): { value?: T; error?: string } {
  try {
    return { value: build() };
  } catch (e) {
    return { error: errorText(locale, e) };
  }
}

/** One analysis view: its chart (from a pure builder), the numbers behind it, and exports. */
export function ViewBody({ cell, model, scheme, controller, workspace, chartRef, stale, presenting, tools }: Props) {
  const locale = useLocale();
  const [migrationMeasure, setMigrationMeasure] = useState<MigrationMeasure>('count');
  const [mixMeasure, setMixMeasure] = useState<TierMixMeasure>('share');
  // The segment whose customers are listed (a bar or cell clicked, or chosen from the menu).
  const [drilling, setDrilling] = useState<Segment | undefined>();
  const closeDrill = useCallback(() => setDrilling(undefined), []);
  const title = cellTitle(cell, locale) || t(locale, viewDef(cell.view).titleKey);
  // Redraw when the numbers or the tiers' names/colors change — not on every scheme edit: a
  // threshold drag changes only the models of the views it affects.
  const look = `${scheme.id}|${JSON.stringify(scheme.tiers)}|${JSON.stringify(scheme.label)}`;
  const built = useMemo(
    () => attempt(locale, () => chartOf(model, scheme, locale, title, { migrationMeasure, mixMeasure })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, look, locale, title, migrationMeasure, mixMeasure],
  );
  const tabled = useMemo(
    () => attempt(locale, () => tableOf(model, tiersOf(scheme), locale, metricUnitOf(scheme))),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, look, locale],
  );
  const option = built.value;
  const table = tabled.value;
  const { privacy } = useWorkspaceState(workspace);
  // Level-A cells (a mover's name) are masked as everywhere else, by the dataset column they come from.
  const mask = (column: string, value: unknown) => {
    const source = table?.sources?.[column];
    return source === undefined ? value : maskCell(value, source, privacy.levels[source] ?? defaultSensitivity(source), privacy.unmasked);
  };
  // The before/after view shows the top movers and exports them all; every other view exports
  // the table it shows. One export row per view (the before/after cell once had two).
  const exported: (() => Promise<TableData | undefined> | TableData | undefined) | undefined =
    model.view === 'before-after'
      ? model.changed
        ? async () => {
            const list = await controller.moverExport(scheme, model.period);
            return list && moverTable(list, tiersOf(scheme), locale, metricUnitOf(scheme));
          }
        : undefined
      : table
        ? () => table
        : undefined;
  const exportName = `${scheme.id}-${cell.view}${'period' in model && model.period ? `-${formatPeriod(model.period)}` : ''}`;
  const lastCut = useRef<number>(0);
  const trailingCut = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const schemeNow = useRef(scheme);
  schemeNow.current = scheme;

  const shown = useMemo(() => (model.view === 'quadrant' ? quadrantShownRanges(model) : undefined), [model]);
  const chart =
    model.view === 'quadrant' && scheme.kind === 'quadrant' && option && shown ? (
      <QuadrantChart
        chartRef={chartRef}
        option={option}
        label={title}
        xCut={model.xCut}
        yCut={model.yCut}
        xRange={shown!.x}
        yRange={shown!.y}
        onPlotClick={presenting ? undefined : (x, y) => setDrilling(quadrantSegmentAt(model, scheme, x, y))}
        onCut={(axis, value) => {
          const apply = () => {
            lastCut.current = performance.now();
            // The handle lands on the cut's grid, like its slider: round numbers only.
            const current = schemeNow.current as QuadrantScheme;
            const grid = gridOf(cutKind(current, axis));
            controller.setWorkingScheme(setKnob(current, `${axis}.cut`, valueAt(grid, nearestIndex(grid, value))));
          };
          // At most one scheme update per animation frame while dragging; a move that comes
          // sooner is applied when the frame is up (the last position is never dropped).
          clearTimeout(trailingCut.current);
          const wait = 12 - (performance.now() - lastCut.current);
          if (wait > 0) trailingCut.current = setTimeout(apply, wait);
          else apply();
        }}
      />
    ) : option ? (
      <EChart
        ref={chartRef}
        option={option}
        label={title}
        height={viewDef(cell.view).chartHeight ?? 360}
        onClick={presenting ? undefined : (click) => {
          if (model.view === 'not-applicable') return;
          const segment = (viewDef(model.view).segmentAt as ((m: ViewModel, c: ChartClick) => Segment | undefined) | undefined)?.(model, click);
          if (segment) setDrilling(segment);
        }}
      />
    ) : null;

  if (model.view === 'not-applicable') return <p className="hint">{notApplicableText(locale, model.reason)}</p>;
  const problem = built.error ?? tabled.error;
  if (problem !== undefined) {
    // A waiting cell's old result drawn with a new scheme: say it will be redone, not fail.
    if (stale) return <p className="hint">{t(locale, 'schemeChangedStale')}</p>;
    return (
      <p className="error" role="alert">
        {problem}
      </p>
    );
  }
  const segments = presenting ? [] : ((viewDef(model.view).segments as ((m: ViewModel) => readonly SegmentCount[]) | undefined)?.(model) ?? []);
  const tableView = table && <VirtualTable columns={table.columns} rows={table.rows} formats={table.formats} height={viewDef(cell.view).tableHeight ?? 240} label={title} mask={mask} />;
  const controls = (
      <div className="controls">
        {model.view === 'migration' && (
          <label>
            {t(locale, 'measure')}{' '}
            <select value={migrationMeasure} onChange={(e) => setMigrationMeasure(e.target.value as MigrationMeasure)}>
              <option value="count">{t(locale, 'measureCustomers')}</option>
              <option value="rowShare">{t(locale, 'measureRowShare')}</option>
              <option value="amount">{t(locale, 'measureAmount')}</option>
            </select>
          </label>
        )}
        {model.view === 'segments' && <SegmentPicker key={model.field} cell={cell} model={model} controller={controller} workspace={workspace} />}
        {model.view === 'tier-mix' && (
          <label>
            {t(locale, 'measure')}{' '}
            <select value={mixMeasure} onChange={(e) => setMixMeasure(e.target.value as TierMixMeasure)}>
              <option value="share">{t(locale, 'measureShare')}</option>
              <option value="customers">{t(locale, 'measureCustomers')}</option>
            </select>
          </label>
        )}
        {segments.length > 0 && (
          <Menu label={t(locale, 'drillMenuLabel', { name: title })} summary={`${t(locale, 'drillMenu')} ▾`} className="drill-menu">
            {segments.map((c) => (
              <button key={JSON.stringify(c.segment)} type="button" onClick={() => setDrilling(c.segment)}>
                <DrillTitle segment={c.segment} customers={c.customers} tiers={tiersOf(scheme)} />
              </button>
            ))}
          </Menu>
        )}
        <ExportMenu name={exportName} chart={option ? chartRef : undefined} table={exported} workspace={workspace} />
      </div>
  );
  return (
    <div className="view-body">
      {!presenting && (tools ? createPortal(controls, tools) : controls)}
      {'warnings' in model && model.warnings.map((w) => (
        <p key={w} className="hint warn">
          {w}
        </p>
      ))}
      {chart}
      {model.view === 'overview' && <Overview model={model} />}
      {model.view === 'kpi' && <KpiRow model={model} scheme={scheme} />}
      {model.view === 'before-after' && <BeforeAfter model={model} />}
      {tableView && presenting && option ? (
        // A slide is about its chart; the numbers stay one click away.
        <details className="slide-table">
          <summary>{t(locale, 'slideTable', { n: table.rows.length })}</summary>
          {tableView}
        </details>
      ) : (
        tableView
      )}
      {drilling && <CustomerList segment={drilling} controller={controller} workspace={workspace} onClose={closeDrill} />}
    </div>
  );
}

function Overview({ model }: { model: Extract<ViewModel, { view: 'overview' }> }) {
  const locale = useLocale();
  const d = model.dataset;
  return (
    <dl className="overview" data-testid="overview">
      <dt>{t(locale, 'overviewRows')}</dt>
      <dd>{formatCount(d.rows)}</dd>
      <dt>{t(locale, 'overviewPeriods')}</dt>
      <dd>{d.periods.length > 0 ? t(locale, 'overviewPeriodRange', { n: d.periods.length, first: formatPeriod(d.periods[0]!), last: formatPeriod(d.periods.at(-1)!) }) : '—'}</dd>
      <dt>{t(locale, 'overviewFields')}</dt>
      <dd>
        {d.fields.map((f, i) => (
          <span key={f}>
            {i > 0 && t(locale, 'columnSeparator')}
            {columnLabel(locale, f)}
          </span>
        ))}
      </dd>
      <dt>{t(locale, 'overviewDuplicates')}</dt>
      <dd>{formatCount(d.duplicateIds)}</dd>
    </dl>
  );
}

function BeforeAfter({ model }: { model: Extract<ViewModel, { view: 'before-after' }> }) {
  const locale = useLocale();
  if (!model.changed) return <p className="hint">{t(locale, 'baselineUnchanged')}</p>;
  const { totals, movers } = model;
  const amounts = movers?.amount ?? true;
  return (
    <div className="before-after" data-testid="before-after">
      {totals && (
        <p>
          <span className="up">{amounts ? t(locale, 'movedUp', { n: totals.up, amount: formatAmount(totals.upCents / 100, locale) }) : t(locale, 'movedUpCount', { n: totals.up })}</span>{' '}
          <span className="down">{amounts ? t(locale, 'movedDown', { n: totals.down, amount: formatAmount(totals.downCents / 100, locale) }) : t(locale, 'movedDownCount', { n: totals.down })}</span>
        </p>
      )}
      {/* Until the list of this very move is in, say so: an earlier move's list is never shown. */}
      {!movers ? (
        <p className="hint" data-testid="movers-computing">
          {t(locale, 'moversComputing')}
        </p>
      ) : movers.rows.length === 0 ? (
        <p className="hint">{t(locale, 'moversNone')}</p>
      ) : (
        <p className="hint">{t(locale, movers.amount ? 'moversTop' : 'moversTopById', { n: movers.rows.length })}</p>
      )}
    </div>
  );
}
