import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { NotebookController } from '../app/notebook-controller';
import { installBenchHooks } from '../app/bench-hooks';
import type { FirstViewSnapshot } from '../app/first-view';
import { fetchSample, SAMPLE } from '../app/sample';
import { Session } from '../app/session';
import type { LoadStage, Workspace } from '../app/workspace';
import type { Locale } from '../i18n/format';
import { otherLocale, t } from '../i18n/messages';
import type { EncodingChoice } from '../ingest/decode';
import type { InputFile } from '../ingest/load';
import { emptyNotebook } from '../notebook/types';
import { createAutosave } from '../persist';
import { download } from './download';
import { FilePicker } from './FilePicker';
import { LoadReport } from './LoadReport';
import { LocaleContext } from './locale';
import { NotebookView } from './notebook/NotebookView';
import { useAsk, useWorkspaceState } from './hooks';
import { DataPreview } from './DataPreview';
import { PrivacyBar } from './PrivacyBar';
import { LoadFailures, SampleNote, SchemeChoiceNote } from './DataNotes';

const STAGE_TEXT = { read: 'stageRead', map: 'stageMap', check: 'stageCheck', dataset: 'stageDataset', columns: 'stageColumns' } as const;

/** Shows load progress with its stage and a percentage, but only for loads that take over half a second. */
function LoadProgress({ busy, progress, stage, locale }: { busy: string | undefined; progress: number | undefined; stage: LoadStage | undefined; locale: Locale }) {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (busy === undefined) return setVisible(false);
    const timer = setTimeout(() => setVisible(true), 500);
    return () => clearTimeout(timer);
  }, [busy]);
  if (busy === undefined) return null;
  const pct = Math.round((progress ?? 0) * 100);
  return (
    <p className="busy" role="status">
      {t(locale, 'loading')} {busy}
      {visible && (
        <>
          {' '}
          <progress max={100} value={pct} aria-label={t(locale, 'loading')} /> {pct}%{stage && <span className="stage"> · {t(locale, STAGE_TEXT[stage])}</span>}
        </>
      )}
    </p>
  );
}

/** The page: load data, see how it was read, and work in the notebook. The session (app/session.ts) does the rest. */
export function App({ workspace, sample, firstView }: { workspace: Workspace; sample?: Promise<InputFile>; firstView?: Promise<FirstViewSnapshot | undefined> }) {
  const session = useMemo(
    () =>
      new Session(workspace, new NotebookController(workspace, emptyNotebook()), {
        autosave: createAutosave(window.localStorage),
        sample,
        firstView,
        sampleName: SAMPLE.name,
        fetchSample,
        page: window,
        watchesScreen: typeof IntersectionObserver !== 'undefined',
      }),
    // The sample and its views are the page's, fetched once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [workspace],
  );
  const { controller } = session;
  const { locale, notice, reattach } = useSyncExternalStore(session.subscribe, session.getState);
  const state = useWorkspaceState(workspace);
  // The preview sits in the folded data panel: read only while the panel is open.
  const [dataOpen, setDataOpen] = useState(false);
  const preview = useAsk(() => workspace.preview(100), [state.version], dataOpen);
  // True while the sample's precomputed views stand in for it (app/first-view.ts).
  const showingPrecomputed = useSyncExternalStore(controller.subscribe, controller.isPrecomputed);
  useEffect(() => installBenchHooks(workspace, controller), [workspace, controller]);
  useEffect(() => session.start(), [session]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const onSave = () => {
    const file = session.notebookFile();
    download(file.name, file.bytes, file.type);
  };

  return (
    <LocaleContext.Provider value={locale}>
      <div className="app">
        <a
          className="skip-link"
          href="#tuning"
          onClick={(e) => {
            // Straight to the first threshold's slider, not just near it.
            const first = document.querySelector<HTMLElement>('#tuning input');
            if (!first) return;
            e.preventDefault();
            first.focus();
            first.scrollIntoView({ block: 'nearest' });
          }}
        >
          {t(locale, 'skipToTuning')}
        </a>
        <header>
          <h1>{t(locale, 'appTitle')}</h1>
          <span className="hint">{t(locale, 'tagline')}</span>
          {/* The switch names the other language in that language; `lang` says so (and scans of one language skip it). */}
          <button type="button" className="lang" lang={otherLocale(locale)} onClick={() => session.setLocale(otherLocale(locale))}>
            {t(locale, 'language')}
          </button>
        </header>
        <main id="main">
          {/* Adding data, privacy and the load report: one bar, so the dashboard starts near the top. */}
          <div className="data-bar">
            <FilePicker locale={locale} compact={state.dataset !== undefined || showingPrecomputed} replacesSample={state.sample?.status === 'shown' || (!state.dataset && showingPrecomputed)} onFiles={(files, encoding) => void session.addFiles(files, encoding)} onRefused={(name, refusal) => workspace.refuse(name, refusal)} />
            {state.dataset && <PrivacyBar workspace={workspace} privacy={state.privacy} />}
            <details className="data-panel" onToggle={(e) => setDataOpen(e.currentTarget.open)}>
              <summary>{t(locale, 'dataPanel')}</summary>
              <LoadReport
                locale={locale}
                files={state.files}
                dataset={state.dataset}
                onRemap={(id, column, field) => void workspace.remap(id, column, field)}
                levels={state.privacy.levels}
                onLevel={(column, level) => workspace.setLevel(column, level)}
                onRemove={(id) => void workspace.removeFile(id)}
                onInclude={(id, rec, include) => void workspace.includeRow(id, rec, include)}
                onSheet={(id, sheet) => void workspace.chooseSheet(id, sheet)}
                onExport={(includeSensitive) =>
                  void workspace.exportDataset(includeSensitive).then((bytes) => download('tierlens-dataset.parquet', bytes, 'application/vnd.apache.parquet'))
                }
                onClear={() => void workspace.clear()}
              />
              {state.dataset && <DataPreview locale={locale} preview={preview} privacy={state.privacy} />}
            </details>
          </div>
          <LoadFailures failures={state.failures} onDismiss={() => workspace.dismissFailures()} />
          <LoadProgress busy={state.busy} progress={state.progress} stage={state.stage} locale={locale} />
          <SampleNote sample={state.sample} files={state.files.map((f) => f.name)} onBack={() => void session.backToSample()} onDismiss={() => workspace.dismissSampleNote()} />
          {state.dataset && state.sample?.status !== 'shown' && <SchemeChoiceNote controller={controller} onUse={(fit) => session.useScheme(fit.scheme)} />}
          {notice && (
            <p className="notice" role="status">
              {notice}{' '}
              <button type="button" className="link" onClick={() => session.dismissNotice()}>
                {t(locale, 'dismiss')}
              </button>
            </p>
          )}
          {reattach && reattach.names.length > 0 && (
            <p className="notice warn" data-testid="reattach">
              {t(locale, 'reattachFiles')}
              <span data-value="">{reattach.names.join(t(locale, 'listSeparator'))}</span>
            </p>
          )}
          {!state.dataset && showingPrecomputed && (
            <p className="notice transient" role="status" data-testid="precomputed">
              {t(locale, 'startingEngine')} {t(locale, 'precomputedNote')}
            </p>
          )}
          {state.dataset || showingPrecomputed ? (
            <NotebookView controller={controller} workspace={workspace} onSave={onSave} onOpen={(f) => void session.openFile(f)} onRebuild={() => session.rebuild()} />
          ) : (
            state.busy === undefined && <p className="hint">{t(locale, 'noData')}</p>
          )}
        </main>
      </div>
    </LocaleContext.Provider>
  );
}
