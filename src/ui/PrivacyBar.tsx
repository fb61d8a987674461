import { useState } from 'react';
import type { Workspace, PrivacyState, SessionLogEntry } from '../app/workspace';
import { columnLabel, t, type MessageKey } from '../i18n/messages';
import { useLocale } from './locale';
import { messageParts } from './message-parts';

/** A log entry's action, as the session log names it. */
const ACTION_TEXT: Record<SessionLogEntry['action'], MessageKey> = { unmask: 'logUnmask', remask: 'logRemask', export: 'logExport', level: 'logLevel' };

/**
 * Personal data is masked by default; showing it takes an explicit, confirmed action, which
 * the visible session log records (as do level changes and exports).
 */
export function PrivacyBar({ workspace, privacy }: { workspace: Workspace; privacy: PrivacyState }) {
  const locale = useLocale();
  const [confirming, setConfirming] = useState(false);
  const sensitive = workspace.sensitiveColumns(Object.keys(privacy.levels));
  return (
    <section className="privacy" aria-label={t(locale, 'privacy')} data-testid="privacy">
      {privacy.unmasked ? (
        <span className="warn">{t(locale, 'personalShown')}</span>
      ) : (
        <span>{sensitive.length ? messageParts(locale, 'personalMaskedColumns', {}, { columns: <span data-value="">{sensitive.map((c) => columnLabel(locale, c)).join(t(locale, 'columnSeparator'))}</span> }) : t(locale, 'personalMasked')}</span>
      )}{' '}
      {privacy.unmasked ? (
        <button type="button" onClick={() => workspace.remask()}>
          {t(locale, 'maskAgain')}
        </button>
      ) : confirming ? (
        <>
          <strong>{t(locale, 'confirmShow')}</strong>{' '}
          <button
            type="button"
            onClick={() => {
              workspace.unmask();
              setConfirming(false);
            }}
          >
            {t(locale, 'show')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t(locale, 'cancel')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t(locale, 'showPersonal')}
        </button>
      )}
      {privacy.log.length > 0 && (
        <details className="session-log">
          <summary>{t(locale, 'sessionLog', { n: privacy.log.length })}</summary>
          <ul>
            {privacy.log.map((e, i) => (
              <li key={i}>
                {e.time.slice(11, 19)} {t(locale, ACTION_TEXT[e.action])} {e.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
