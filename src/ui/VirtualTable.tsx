import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Row } from '../engine/rows';
import { formatDecimal, formatNumber, formatShare } from '../i18n/format';
import { useLocale } from './locale';

type Format = 'share' | 'amount';

function show(v: unknown, format: Format | undefined, locale: 'zh-CN' | 'en'): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && format === 'share') return formatShare(v);
  // Exact yuan, as the header's unit says: 万/亿 rounding would merge a near-threshold list's values.
  if (typeof v === 'number' && format === 'amount') return formatDecimal(v, 2, { group: true, pad: true });
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

/**
 * A virtualized table: only the visible rows are in the DOM, so a 100,000-row result scrolls
 * smoothly. Cells are text (React encodes them).
 */
export function VirtualTable({
  columns,
  rows,
  height = 360,
  label,
  formats = {},
  mask,
}: {
  columns: readonly string[];
  rows: readonly Row[];
  height?: number;
  label: string;
  formats?: Readonly<Record<string, Format>>;
  /** Applied to every cell before it is shown (masking of personal data). */
  mask?: (column: string, value: unknown) => unknown;
}) {
  const locale = useLocale();
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => 24, overscan: 12 });
  const template = `repeat(${columns.length}, minmax(110px, 1fr))`;
  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div className="vtable-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c} role="columnheader">
            {c}
          </div>
        ))}
      </div>
      {/* Focusable, so the rows scroll from the keyboard too. */}
      <div ref={parent} className="vtable-body" role="rowgroup" tabIndex={0} style={{ height: Math.min(height, rows.length * 24 + 4) }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div key={item.key} role="row" className="vtable-row" style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)` }}>
                {columns.map((c) => (
                  // Rows are results (ids, names, branches, numbers): data, not interface text.
                  <div key={c} role="cell" className={typeof row[c] === 'number' ? 'num' : undefined} data-value="">
                    {show(mask ? mask(c, row[c]) : row[c], formats[c], locale)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
