import { useEffect, useState } from 'react';
import { fetchSample } from '../app/sample';
import type { Workspace } from '../app/workspace';
import type { Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import { presetById } from '../schemes/presets';
import { DataPreview } from './DataPreview';
import { FilePicker } from './FilePicker';
import { LoadReport } from './LoadReport';
import { download } from './download';
import { TierPanel } from './TierPanel';
import { useAsk, useWorkspaceState } from './hooks';


/** The first screen: load data, see how it was read, and the tier mix under retail-aum. */
export function App({ workspace }: { workspace: Workspace }) {
  const [locale, setLocale] = useState<Locale>('zh-CN');
  const [schemeId, setSchemeId] = useState('retail-aum');
  const state = useWorkspaceState(workspace);
  const preview = useAsk(() => workspace.preview(100), [state.version]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    // The bundled sample opens with the app so the first screen already shows something real.
    fetchSample().then(
      (sample) => workspace.addFiles([sample]),
      (e: unknown) => console.error(e),
    );
  }, [workspace]);

  const dataset = state.dataset;
  return (
    <div className="app">
      <header>
        <h1>{t(locale, 'appTitle')}</h1>
        <span className="hint">{t(locale, 'tagline')}</span>
        <button type="button" className="lang" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t(locale, 'language')}
        </button>
      </header>
      <main>
        <FilePicker locale={locale} onFiles={(files, encoding) => void workspace.addFiles(files, { encoding })} />
        {state.busy !== undefined && (
          <p className="busy" role="status">
            {t(locale, 'loading')} {state.busy}
          </p>
        )}
        {!dataset && state.busy === undefined && <p className="hint">{t(locale, 'noData')}</p>}
        {dataset && dataset.rows > 0 && (
          <TierPanel locale={locale} workspace={workspace} scheme={presetById(schemeId)} onScheme={setSchemeId} periods={dataset.periods} version={state.version} />
        )}
        <LoadReport
          locale={locale}
          files={state.files}
          dataset={dataset}
          failures={state.failures}
          onRemap={(id, column, field) => void workspace.remap(id, column, field)}
          onRemove={(id) => void workspace.removeFile(id)}
          onDismiss={() => workspace.dismissFailures()}
          onExport={() => void workspace.exportDataset().then((bytes) => download('tierlens-dataset.parquet', bytes, 'application/vnd.apache.parquet'))}
          onClear={() => void workspace.clear()}
        />
        {dataset && <DataPreview locale={locale} preview={preview} />}
      </main>
    </div>
  );
}
