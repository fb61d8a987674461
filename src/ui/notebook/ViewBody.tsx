import { useMemo, useRef, useState } from 'react';
import { cellTitle } from '../../notebook/types';
import type { NotebookController } from '../../app/notebook-controller';
import { chartOf, quadrantShownRanges } from '../../app/view-charts';
import { notApplicableText, type ViewModel } from '../../app/view-models';
import { metricUnitOf, tableOf } from '../../app/view-tables';
import type { Workspace } from '../../app/workspace';
import { formatAmount, formatCount, formatPeriod } from '../../i18n/format';
import type { MigrationMeasure } from '../../charts/migration-heatmap';
import type { TierMixMeasure } from '../../charts/tier-mix-over-time';
import type { ViewCell } from '../../notebook/types';
import { setKnob } from '../../schemes/knobs';
import { tiersOf, type Scheme } from '../../schemes/types';
import { EChart, type EChartHandle } from '../EChart';
import { useLocale } from '../locale';
import { VirtualTable } from '../VirtualTable';
import { ExportMenu } from './ExportMenu';
import { QuadrantChart } from './QuadrantChart';

interface Props {
  cell: ViewCell;
  model: ViewModel;
  scheme: Scheme;
  controller: NotebookController;
  workspace: Workspace;
  chartRef: React.RefObject<EChartHandle | null>;
  /** The model is from an earlier run (the cell waits to re-run): it may not fit the scheme now. */
  stale?: boolean;
}

/** A builder's result, or why it could not build (e.g. a stale model of other tiers). */
function attempt<T>(build: () => T): { value?: T; error?: string } {
  try {
    return { value: build() };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** One analysis view: its chart (from a pure builder), the numbers behind it, and exports. */
export function ViewBody({ cell, model, scheme, controller, workspace, chartRef, stale }: Props) {
  const locale = useLocale();
  const zh = locale === 'zh-CN';
  const [migrationMeasure, setMigrationMeasure] = useState<MigrationMeasure>('count');
  const [mixMeasure, setMixMeasure] = useState<TierMixMeasure>('share');
  const title = cellTitle(cell, locale) || cell.view;
  // Redraw when the numbers or the tiers' names/colors change — not on every scheme edit: a
  // threshold drag changes only the models of the views it affects.
  const look = `${scheme.id}|${JSON.stringify(scheme.tiers)}|${JSON.stringify(scheme.label)}`;
  const built = useMemo(
    () => attempt(() => chartOf(model, scheme, locale, title, { migrationMeasure, mixMeasure })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, look, locale, title, migrationMeasure, mixMeasure],
  );
  const tabled = useMemo(
    () => attempt(() => tableOf(model, tiersOf(scheme), locale, metricUnitOf(scheme))),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, look, locale],
  );
  const option = built.value;
  const table = tabled.value;
  const exportName = `${scheme.id}-${cell.view}${'period' in model && model.period ? `-${formatPeriod(model.period)}` : ''}`;
  const lastCut = useRef<number>(0);

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
        onCut={(axis, value) => {
          // At most one scheme update per animation frame while dragging.
          const now = performance.now();
          if (now - lastCut.current < 12) return;
          lastCut.current = now;
          controller.setWorkingScheme(setKnob(scheme, `${axis}.cut`, value));
        }}
      />
    ) : option ? (
      <EChart ref={chartRef} option={option} label={title} height={model.view === 'sankey' || model.view === 'migration' ? 420 : 360} />
    ) : null;

  if (model.view === 'not-applicable') return <p className="hint">{notApplicableText(locale, model.reason)}</p>;
  const problem = built.error ?? tabled.error;
  if (problem !== undefined) {
    // A waiting cell's old result drawn with a new scheme: say it will be redone, not fail.
    if (stale) return <p className="hint">{zh ? '方案已更换，此视图将在滚动到此处时重新计算。' : 'The scheme changed; this view is recomputed when scrolled to.'}</p>;
    return (
      <p className="error" role="alert">
        {problem}
      </p>
    );
  }
  return (
    <div className="view-body">
      <div className="controls">
        {model.view === 'migration' && (
          <label>
            {zh ? '度量' : 'Measure'}{' '}
            <select value={migrationMeasure} onChange={(e) => setMigrationMeasure(e.target.value as MigrationMeasure)}>
              <option value="count">{zh ? '客户数' : 'Customers'}</option>
              <option value="rowShare">{zh ? '行占比' : 'Row %'}</option>
              <option value="amount">{zh ? '金额' : 'Amount'}</option>
            </select>
          </label>
        )}
        {model.view === 'tier-mix' && (
          <label>
            {zh ? '度量' : 'Measure'}{' '}
            <select value={mixMeasure} onChange={(e) => setMixMeasure(e.target.value as TierMixMeasure)}>
              <option value="share">{zh ? '占比' : 'Share'}</option>
              <option value="customers">{zh ? '客户数' : 'Customers'}</option>
            </select>
          </label>
        )}
        <ExportMenu name={exportName} chart={option ? chartRef : undefined} table={table ? () => table : undefined} workspace={workspace} />
      </div>
      {'warnings' in model && model.warnings.map((w) => (
        <p key={w} className="hint warn">
          {w}
        </p>
      ))}
      {chart}
      {model.view === 'overview' && <Overview model={model} />}
      {model.view === 'before-after' && <BeforeAfter model={model} controller={controller} scheme={scheme} workspace={workspace} />}
      {table && model.view !== 'before-after' && <VirtualTable columns={table.columns} rows={table.rows} formats={table.formats} height={model.view === 'near' ? 320 : 240} label={title} />}
    </div>
  );
}

function Overview({ model }: { model: Extract<ViewModel, { view: 'overview' }> }) {
  const zh = useLocale() === 'zh-CN';
  const d = model.dataset;
  return (
    <dl className="overview" data-testid="overview">
      <dt>{zh ? '行数' : 'Rows'}</dt>
      <dd>{formatCount(d.rows)}</dd>
      <dt>{zh ? '期次' : 'Periods'}</dt>
      <dd>{d.periods.length > 0 ? `${d.periods.length}（${formatPeriod(d.periods[0]!)} – ${formatPeriod(d.periods.at(-1)!)}）` : '—'}</dd>
      <dt>{zh ? '已识别字段' : 'Fields found'}</dt>
      <dd>{d.fields.join(', ')}</dd>
      <dt>{zh ? '重复客户号' : 'Duplicate ids'}</dt>
      <dd>{formatCount(d.duplicateIds)}</dd>
    </dl>
  );
}

function BeforeAfter({ model, controller, scheme, workspace }: { model: Extract<ViewModel, { view: 'before-after' }>; controller: NotebookController; scheme: Scheme; workspace: Workspace }) {
  const locale = useLocale();
  const zh = locale === 'zh-CN';
  if (!model.changed) return <p className="hint">{zh ? '方案与基准一致：拖动门槛后，这里显示上迁、下迁的客户与金额。' : 'The scheme equals its baseline: move a threshold to see who moves up or down.'}</p>;
  const t = model.totals;
  const moverTable = () => controller.moverExport(scheme, model.period);
  return (
    <div className="before-after" data-testid="before-after">
      {t ? (
        <p>
          <span className="up">
            ▲ {zh ? '上迁' : 'Up'} {formatCount(t.up)} {zh ? '户' : ''} · {formatAmount(t.upCents / 100, locale)}
          </span>{' '}
          <span className="down">
            ▼ {zh ? '下迁' : 'Down'} {formatCount(t.down)} {zh ? '户' : ''} · {formatAmount(t.downCents / 100, locale)}
          </span>
        </p>
      ) : (
        <p className="hint">{zh ? '此类方案的迁移名单可导出：' : 'Export the list of movers:'}</p>
      )}
      <ExportMenu name={`${scheme.id}-movers`} table={moverTable} workspace={workspace} />
    </div>
  );
}
