import { useEffect, useId, useState } from 'react';
import { formatAmount, type Locale } from '../i18n/format';
import { labelIn, t } from '../i18n/messages';
import { parseNumberText } from '../ingest/values';
import { allowedRange, dragTo, gridOf, keyMove, nearestIndex, position, typedValue, type Moved } from '../schemes/grid';
import type { Knob } from '../schemes/knobs';

/** The English unit letters `formatAmount` writes (500K, 1.5M, 2B), read back in the text field. */
const LATIN_UNIT = /^\s*([-+]?[\d,]*\.?\d+)\s*([KMB])\s*$/i;
const LATIN_SIZE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9 };

/** What the text field holds as a number: the grammar of cells (50万, 1.5亿, 70%), or 500K/1.5M. */
function parseKnobText(text: string): number | undefined {
  const latin = LATIN_UNIT.exec(text);
  if (latin) return Number(latin[1]!.replaceAll(',', '')) * LATIN_SIZE[latin[2]!.toUpperCase()]!;
  const parsed = parseNumberText(text);
  return parsed.kind === 'value' ? parsed.value : undefined;
}

function show(knob: Pick<Knob, 'kind'>, value: number, locale: Locale): string {
  if (knob.kind === 'amount') return formatAmount(value, locale);
  if (knob.kind === 'share') return `${Math.round(value * 1000) / 10}%`;
  return String(Math.round(value * 100) / 100);
}

/**
 * One tunable number: a real `<input type=range>` with an accessible name, and a text field that
 * accepts what bankers type — `50万`, `1.5亿`, `500000`, `70%`.
 *
 * The range input's value is a grid index (`schemes/grid.ts`), so a drag lands on round numbers
 * and the thumb moves evenly over magnitudes; keys are handled here (not by the browser) so an
 * arrow moves exactly one grid step, reversibly. Typed values stay exact. Neither passes a
 * neighbouring knob: the value stops one grid step short, and a hint says why.
 */
export function KnobControl({ knob, locale, onChange }: { knob: Knob; locale: Locale; onChange: (value: number) => void }) {
  const id = useId();
  const label = labelIn(locale, knob.label);
  const grid = gridOf(knob.kind);
  const neighbours = { below: knob.below?.value, above: knob.above?.value };
  const allowed = allowedRange(grid, knob.value, knob.min, knob.max, neighbours);
  const first = Math.ceil(position(grid, Math.min(knob.min, knob.value)));
  const last = Math.floor(position(grid, Math.max(knob.max, knob.value)));
  const shown = show(knob, knob.value, locale);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | undefined>();
  // Which neighbour stopped the last move, and at what value: the hint lasts while the value does.
  const [stop, setStop] = useState<{ side: 'below' | 'above'; at: number } | undefined>();
  useEffect(() => setText(shown), [shown]);
  const move = (m: Moved) => {
    setStop(m.stopped && { side: m.stopped, at: m.value });
    if (m.value !== knob.value) onChange(m.value);
  };
  const commit = () => {
    // Unchanged text leaves the value alone: an off-grid 301,234 shows cut as 30.12万.
    if (text.trim() === shown) return setError(undefined);
    const value = parseKnobText(text);
    if (value === undefined) {
      setError(t(locale, 'knobNumberError'));
      return;
    }
    setError(undefined);
    const m = typedValue(grid, neighbours, knob.value, value);
    setText(show(knob, m.value, locale));
    move(m);
  };
  const stoppedBy = stop && stop.at === knob.value ? (stop.side === 'above' ? knob.above : knob.below) : undefined;
  return (
    <div className="knob">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={first}
        max={last}
        step={1}
        aria-label={label}
        aria-valuetext={shown}
        value={Math.min(Math.max(nearestIndex(grid, knob.value), first), last)}
        onChange={(e) => move(dragTo(grid, Number(e.target.value), allowed))}
        onKeyDown={(e) => {
          const m = keyMove(grid, knob.value, e.key, allowed);
          if (!m) return;
          e.preventDefault();
          move(m);
        }}
      />
      <input
        type="text"
        inputMode="decimal"
        aria-label={t(locale, 'valueField', { label })}
        className={error ? 'invalid' : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {error && <span className="error">{error}</span>}
      {stoppedBy && (
        <span className="knob-stop" role="status">
          {t(locale, 'knobStopped', { neighbour: labelIn(locale, stoppedBy.label), limit: show(knob, stoppedBy.value, locale), value: shown })}
        </span>
      )}
    </div>
  );
}
