import { useSyncExternalStore } from 'react';
import type { NotebookController } from '../app/notebook-controller';
import { failureText, type LoadFailure, type SampleState } from '../app/workspace';
import { fieldByName, isFieldName } from '../ingest/vocabulary';
import { labelIn, t } from '../i18n/messages';
import type { Locale } from '../i18n/format';
import type { SchemeFit } from '../schemes/fit';
import { useLocale } from './locale';

/** Files that could not be loaded, shown beside the file picker where the user just looked. */
export function LoadFailures({ failures, onDismiss }: { failures: readonly LoadFailure[]; onDismiss: () => void }) {
  const locale = useLocale();
  if (failures.length === 0) return null;
  return (
    <div className="failures" role="alert" data-testid="load-failures">
      <strong>{t(locale, 'loadFailed')}</strong>
      <ul>
        {failures.map((f, i) => (
          <li key={i}>{failureText(locale, f)}</li>
        ))}
      </ul>
      <p>{t(locale, 'keptData')}</p>
      <button type="button" onClick={onDismiss}>
        {t(locale, 'dismiss')}
      </button>
    </div>
  );
}

/** Says that the user's file took the demo sample's place, with the way back. */
export function SampleNote({ sample, files, onBack, onDismiss }: { sample: SampleState | undefined; files: readonly string[]; onBack: () => void; onDismiss: () => void }) {
  const locale = useLocale();
  if (sample?.status !== 'replaced') return null;
  return (
    <p className="notice" role="status" data-testid="sample-replaced">
      {t(locale, 'sampleReplaced', { files: files.join(t(locale, 'listSep')) })}{' '}
      <button type="button" onClick={onBack}>
        {t(locale, 'sampleBack')}
      </button>{' '}
      <button type="button" className="link" onClick={onDismiss}>
        {t(locale, 'dismiss')}
      </button>
    </p>
  );
}

const fieldName = (locale: Locale, f: string) => (isFieldName(f) ? labelIn(locale, fieldByName(f).labels) : f);
const fieldList = (locale: Locale, fields: readonly string[]) => fields.map((f) => fieldName(locale, f)).join(t(locale, 'listSep'));
const label = (locale: Locale, fit: SchemeFit) => labelIn(locale, fit.scheme.label);

/** Which scheme the data got and why, and the other schemes that can run on it. */
export function SchemeChoiceNote({ controller, onUse }: { controller: NotebookController; onUse: (fit: SchemeFit) => void }) {
  const locale = useLocale();
  const choice = useSyncExternalStore(controller.subscribe, controller.getChoice);
  if (!choice) return null;
  const { fit } = choice;
  const needed = fit.required;
  const optionalTotal = fit.optionalPresent.length + fit.optionalAbsent.length;
  // One line: what was chosen (and what it replaced); the fields behind it fold away.
  let text: string;
  if (!fit.runnable) text = t(locale, 'schemeNoneFits', { scheme: label(locale, fit), missing: fieldList(locale, fit.missing) });
  else if (choice.switched && choice.replaced) text = t(locale, 'schemeSwitched', { scheme: label(locale, fit), previous: label(locale, choice.replaced), missing: fieldList(locale, choice.replaced.missing) });
  else text = t(locale, 'schemeKept', { scheme: label(locale, fit) });
  return (
    <div className={`notice scheme-choice${choice.switched ? ' switched' : ''}`} role="status" data-testid="scheme-choice" data-scheme={fit.scheme.id}>
      <span>{text}</span>
      {fit.runnable && (
        <details className="why">
          <summary>{t(locale, 'schemeWhy')}</summary>
          {t(locale, 'schemeFields', { scheme: label(locale, fit), fields: fieldList(locale, needed) })} {optionalTotal > 0 && t(locale, 'schemeOptional', { present: fit.optionalPresent.length, total: optionalTotal })}
        </details>
      )}
      {choice.alternatives.length > 0 && (
        <span className="alternatives">
          {t(locale, 'schemeOthers')}{' '}
          {choice.alternatives.map((a) => (
            <button key={a.scheme.id} type="button" className="chip" onClick={() => onUse(a)} title={`${t(locale, 'schemeUse')} ${label(locale, a)}`}>
              {label(locale, a)}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}
