import { useState } from 'react';
import type { Workspace, PrivacyState } from '../app/workspace';
import { useLocale } from './locale';

/**
 * Personal data is masked by default; showing it takes an explicit, confirmed action, which
 * the visible session log records (as do level changes and exports).
 */
export function PrivacyBar({ workspace, privacy }: { workspace: Workspace; privacy: PrivacyState }) {
  const zh = useLocale() === 'zh-CN';
  const [confirming, setConfirming] = useState(false);
  const sensitive = workspace.sensitiveColumns(Object.keys(privacy.levels));
  return (
    <section className="privacy" aria-label={zh ? '隐私' : 'Privacy'} data-testid="privacy">
      {privacy.unmasked ? (
        <span className="warn">{zh ? '敏感信息正在显示。' : 'Personal data is shown.'}</span>
      ) : (
        <span>{zh ? `敏感信息已遮蔽${sensitive.length ? `（${sensitive.join('、')}）` : ''}。` : `Personal data is masked${sensitive.length ? ` (${sensitive.join(', ')})` : ''}.`}</span>
      )}{' '}
      {privacy.unmasked ? (
        <button type="button" onClick={() => workspace.remask()}>
          {zh ? '重新遮蔽' : 'Mask again'}
        </button>
      ) : confirming ? (
        <>
          <strong>{zh ? '确认在本次会话中显示姓名、证件号、手机号？此操作会记录在会话日志中。' : 'Show names, ID numbers and phones for this session? This is logged.'}</strong>{' '}
          <button
            type="button"
            onClick={() => {
              workspace.unmask();
              setConfirming(false);
            }}
          >
            {zh ? '确认显示' : 'Show'}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {zh ? '取消' : 'Cancel'}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {zh ? '显示敏感信息…' : 'Show personal data…'}
        </button>
      )}
      {privacy.log.length > 0 && (
        <details className="session-log">
          <summary>{zh ? `会话日志（${privacy.log.length}）` : `Session log (${privacy.log.length})`}</summary>
          <ul>
            {privacy.log.map((e, i) => (
              <li key={i}>
                {e.time.slice(11, 19)} {e.action} {e.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
