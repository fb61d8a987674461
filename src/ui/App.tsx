import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { NotebookController } from '../app/notebook-controller';
import { installBenchHooks } from '../app/bench-hooks';
import type { FirstViewSnapshot } from '../app/first-view';
import { fetchSample, SAMPLE } from '../app/sample';
import type { LoadStage, Workspace } from '../app/workspace';
import type { Locale } from '../i18n/format';
import { otherLocale, t } from '../i18n/messages';
import { errorText, say } from '../i18n/said';
import type { EncodingChoice } from '../ingest/decode';
import type { InputFile } from '../ingest/load';
import { emptyNotebook, type Notebook } from '../notebook/types';
import { createAutosave, debounce, fileRefs, makeNotebookDoc, parseNotebookFile, serializeNotebook, type FieldMapping } from '../persist';
import { safeFileName } from '../export';
import type { Scheme } from '../schemes/types';
import { validateScheme } from '../schemes/validate';
import { download } from './download';
import { FilePicker } from './FilePicker';
import { LoadReport } from './LoadReport';
import { LocaleContext } from './locale';
import { NotebookView } from './notebook/NotebookView';
import { useAsk, useWorkspaceState } from './hooks';
import { DataPreview } from './DataPreview';
import { PrivacyBar } from './PrivacyBar';
import { LoadFailures, SampleNote, SchemeChoiceNote } from './DataNotes';

/** A notebook document restored from a file or autosave is checked before it is applied. */
function asNotebook(value: unknown, locale: Locale): Notebook {
  const nb = value as Notebook;
  if (!nb || !Array.isArray(nb.cells) || !nb.cells.every((c) => c && typeof c.id === 'string' && typeof c.kind === 'string')) {
    throw new Error(t(locale, 'notebookInvalid'));
  }
  return { ...emptyNotebook(), ...nb };
}

const STAGE_TEXT = { read: 'stageRead', map: 'stageMap', check: 'stageCheck', dataset: 'stageDataset' } as const;

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

/** The page: load data, see how it was read, and work in the notebook. */
export function App({ workspace, sample, firstView }: { workspace: Workspace; sample?: Promise<InputFile>; firstView?: Promise<FirstViewSnapshot | undefined> }) {
  const [locale, setLocale] = useState<Locale>('zh-CN');
  const state = useWorkspaceState(workspace);
  // The preview sits in the folded data panel: read only while the panel is open.
  const [dataOpen, setDataOpen] = useState(false);
  const preview = useAsk(() => workspace.preview(100), [state.version], dataOpen);
  const controller = useMemo(() => new NotebookController(workspace, emptyNotebook()), [workspace]);
  const autosave = useMemo(() => createAutosave(window.localStorage), []);
  const [notice, setNotice] = useState<string | undefined>();
  const [reattach, setReattach] = useState<{ names: string[]; mapping?: FieldMapping } | undefined>();
  const restored = useRef(false);
  // True while the sample's precomputed views stand in for it (app/first-view.ts).
  const showingPrecomputed = useSyncExternalStore(controller.subscribe, controller.isPrecomputed);
  useEffect(() => installBenchHooks(workspace, controller), [workspace, controller]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // Start: restore the autosaved notebook (if any), and open the bundled sample.
  useEffect(() => {
    const saved = autosave.load();
    if (saved.doc) {
      try {
        controller.load(asNotebook(saved.doc.notebook, locale));
        restored.current = true;
        const missing = saved.doc.files.map((f) => f.name).filter((n) => n !== SAMPLE.name);
        if (missing.length > 0) setReattach({ names: missing, mapping: saved.doc.mapping });
        setNotice(t(locale, 'notebookRestored'));
      } catch (e) {
        setNotice(t(locale, 'autosaveUnreadable', { reason: errorText(locale, e) }));
      }
    } else if (saved.problem) setNotice(saved.said ? say(locale, saved.said) : saved.problem);
    // The bundled sample, fetched from the start (main.tsx); absent with `?nosample`. If it does
    // not load after all, its precomputed views go too.
    let sampleSettled = false;
    const dropPrecomputed = () => {
      sampleSettled = true;
      if (workspace.getState().dataset || !controller.isPrecomputed()) return;
      if (!restored.current) controller.load(emptyNotebook());
      controller.dataChanged(undefined);
    };
    sample?.then(
      (file) => workspace.addFiles([file], { sample: true }).then(dropPrecomputed),
      (e: unknown) => {
        setNotice(String(e));
        dropPrecomputed();
      },
    );
    // Only while nothing is loaded yet: then the data will be the sample (files a restored
    // notebook names are re-attached by hand, later).
    void firstView?.then((snapshot) => {
      if (!snapshot || sampleSettled || workspace.getState().dataset) return;
      // Only the views in sight are drawn first (as the on-screen watcher would report them),
      // rather than every chart of the notebook before the first one shows.
      if (typeof IntersectionObserver !== 'undefined') controller.cellsOnScreen([]);
      controller.showPrecomputed(snapshot, locale);
    });
    // Once, at start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Data changed: the notebook follows; a first dataset gets the default notebook, and so does
  // the user's data in place of the demo sample (or the sample back in place of it).
  const sampleStatus = useRef(state.sample?.status);
  const backToSampleAsked = useRef(false);
  useEffect(() => {
    const status = state.sample?.status;
    const fresh = (status === 'replaced' && sampleStatus.current !== 'replaced') || (status === 'shown' && backToSampleAsked.current);
    sampleStatus.current = status;
    if (!state.dataset) return;
    if (status === 'shown') backToSampleAsked.current = false;
    controller.openWithData(state.dataset, locale, fresh);
    // Only data versions matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.version]);

  const documentNow = () =>
    makeNotebookDoc({
      notebook: controller.getNotebook() as never,
      mapping: Object.fromEntries(workspace.getState().files.map((f) => [f.name, f.mapping.mapping as Record<string, string>])),
      files: fileRefs(workspace.getState().files),
      view: { locale },
    });

  // Autosave a second after the last change (atomic: see persist/autosave.ts).
  useEffect(() => {
    const save = debounce(() => {
      const r = autosave.save(documentNow());
      if (!r.ok) setNotice(say(locale, r.said));
    }, 1000, { maxWait: 5000 });
    const off = controller.subscribe(save);
    window.addEventListener('pagehide', save.flush);
    return () => {
      off();
      window.removeEventListener('pagehide', save.flush);
      save.flush();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, autosave, locale]);

  const onFiles = (files: InputFile[], encoding: EncodingChoice) => {
    // Files named in a restored notebook get their saved column mapping back.
    void (async () => {
      for (const f of files) {
        const overrides = reattach?.mapping?.[f.name];
        await workspace.addFiles([f], { encoding, overrides });
      }
      if (reattach) setReattach({ ...reattach, names: reattach.names.filter((n) => !files.some((f) => f.name === n)) });
    })();
  };

  const backToSample = async () => {
    try {
      backToSampleAsked.current = true;
      await workspace.restoreSample(await fetchSample());
    } catch (e) {
      setNotice(String(e));
    }
  };

  const onOpen = async (file: File) => {
    const parsed = parseNotebookFile(await file.text());
    if (!parsed.ok) return setNotice(t(locale, 'fileProblem', { file: file.name, problem: say(locale, parsed.said) }));
    try {
      const nb = asNotebook(parsed.doc.notebook, locale);
      controller.load(nb);
      const missing = parsed.doc.files.map((f) => f.name).filter((n) => !workspace.getState().files.some((x) => x.name === n));
      setReattach(missing.length > 0 ? { names: missing, mapping: parsed.doc.mapping } : undefined);
      setNotice(t(locale, 'notebookOpened', { file: file.name }));
    } catch (e) {
      setNotice(t(locale, 'fileProblem', { file: file.name, problem: errorText(locale, e) }));
    }
  };

  const onSave = () =>
    download(safeFileName(t(locale, 'notebookFileName'), 'json', { stamp: true }).replace(/\.json$/, '.tierlens.json'), new TextEncoder().encode(serializeNotebook(documentNow())), 'application/json');

  const onRebuild = () => {
    // The scheme in use (a preset, edited or imported) carries over to the new notebook.
    const cell = controller.schemeCell();
    let scheme: Scheme | string = NotebookController.DEFAULT_PRESET;
    try {
      if (cell) scheme = validateScheme(cell.scheme);
    } catch {
      scheme = cell?.schemeId ?? NotebookController.DEFAULT_PRESET;
    }
    controller.load(NotebookController.defaultFor(scheme, state.dataset, locale));
    controller.dataChanged(state.dataset);
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
          <button type="button" className="lang" lang={otherLocale(locale)} onClick={() => setLocale(otherLocale(locale))}>
            {t(locale, 'language')}
          </button>
        </header>
        <main id="main">
          {/* Adding data, privacy and the load report: one bar, so the dashboard starts near the top. */}
          <div className="data-bar">
            <FilePicker locale={locale} compact={state.dataset !== undefined || showingPrecomputed} replacesSample={state.sample?.status === 'shown' || (!state.dataset && showingPrecomputed)} onFiles={onFiles} onRefused={(name, refusal) => workspace.refuse(name, refusal)} />
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
          <SampleNote sample={state.sample} files={state.files.map((f) => f.name)} onBack={() => void backToSample()} onDismiss={() => workspace.dismissSampleNote()} />
          {state.dataset && state.sample?.status !== 'shown' && <SchemeChoiceNote controller={controller} onUse={(fit) => controller.switchTo(fit.scheme, state.dataset, locale)} />}
          {notice && (
            <p className="notice" role="status">
              {notice}{' '}
              <button type="button" className="link" onClick={() => setNotice(undefined)}>
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
            <p className="notice" role="status" data-testid="precomputed">
              {t(locale, 'startingEngine')} {t(locale, 'precomputedNote')}
            </p>
          )}
          {state.dataset || showingPrecomputed ? (
            <NotebookView controller={controller} workspace={workspace} onSave={onSave} onOpen={(f) => void onOpen(f)} onRebuild={onRebuild} />
          ) : (
            state.busy === undefined && <p className="hint">{t(locale, 'noData')}</p>
          )}
        </main>
      </div>
    </LocaleContext.Provider>
  );
}
