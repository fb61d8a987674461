import { useEffect, useId, useState } from 'react';
import { formatAmount, type Locale } from '../i18n/format';
import { labelIn, t } from '../i18n/messages';
import { parseNumberText } from '../ingest/values';
import type { Knob } from '../schemes/knobs';

const STEPS = 1000;

/** Slider position ↔ value; amounts move on a log scale so 5万 and 500万 are both reachable. */
export function toPosition(knob: Pick<Knob, 'min' | 'max' | 'log'>, value: number): number {
  const { min, max } = knob;
  if (max <= min) return 0;
  const f = knob.log ? (Math.log1p(Math.max(value - min, 0)) / Math.log1p(max - min)) : (value - min) / (max - min);
  return Math.round(Math.min(Math.max(f, 0), 1) * STEPS);
}

export function fromPosition(knob: Pick<Knob, 'min' | 'max' | 'log' | 'kind'>, position: number): number {
  const f = position / STEPS;
  const raw = knob.log ? knob.min + Math.expm1(f * Math.log1p(knob.max - knob.min)) : knob.min + f * (knob.max - knob.min);
  // Round to what people type: whole yuan above 1万 (to 100 yuan above 100万), 2 decimals for scores, 3 for shares.
  if (knob.kind === 'amount') return raw >= 1e6 ? Math.round(raw / 100) * 100 : Math.round(raw);
  if (knob.kind === 'share') return Math.round(raw * 1000) / 1000;
  return Math.round(raw * 100) / 100;
}

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

function show(knob: Knob, value: number, locale: Locale): string {
  if (knob.kind === 'amount') return formatAmount(value, locale);
  if (knob.kind === 'share') return `${Math.round(value * 1000) / 10}%`;
  return String(Math.round(value * 100) / 100);
}

/**
 * One tunable number: a real `<input type=range>` with an accessible name, and a text field that
 * accepts what bankers type — `50万`, `1.5亿`, `500000`, `70%`.
 */
export function KnobControl({ knob, locale, onChange }: { knob: Knob; locale: Locale; onChange: (value: number) => void }) {
  const id = useId();
  const label = labelIn(locale, knob.label);
  const range = { ...knob, max: Math.max(knob.max, knob.value), min: Math.min(knob.min, knob.value) };
  const [text, setText] = useState(show(knob, knob.value, locale));
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setText(show(knob, knob.value, locale)), [knob, locale]);
  const commit = () => {
    const value = parseKnobText(text);
    if (value === undefined) {
      setError(t(locale, 'knobNumberError'));
      return;
    }
    setError(undefined);
    onChange(value);
  };
  return (
    <div className="knob">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={STEPS}
        step={1}
        aria-label={label}
        aria-valuetext={show(knob, knob.value, locale)}
        value={toPosition(range, knob.value)}
        onChange={(e) => onChange(fromPosition(range, Number(e.target.value)))}
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
    </div>
  );
}
