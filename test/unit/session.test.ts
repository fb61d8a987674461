import { describe, expect, test, vi } from 'vitest';
import { asNotebook, freshNotebook, Session, type SessionOptions } from '../../src/app/session';
import type { NotebookController } from '../../src/app/notebook-controller';
import type { Workspace, WorkspaceState } from '../../src/app/workspace';
import { t } from '../../src/i18n/messages';
import type { DatasetInfo } from '../../src/ingest/dataset';
import { emptyNotebook, type Notebook } from '../../src/notebook/types';
import { makeNotebookDoc, serializeNotebook, type Autosave, type NotebookDoc } from '../../src/persist';

const SAMPLE = 'sample.parquet';
const notebook: Notebook = emptyNotebook([{ id: 'note', kind: 'markdown', text: 'mine' }]);
const doc = (files: string[], mapping = {}): NotebookDoc => makeNotebookDoc({ notebook: notebook as never, files: files.map((name) => ({ name, size: 1 })), mapping });
const dataset = (periods: string[]) => ({ periods, fields: [], columns: [], rows: 1 }) as unknown as DatasetInfo;

/** A workspace that holds state and records what it is asked to do. */
class FakeWorkspace {
  private listeners = new Set<() => void>();
  state = { version: 0, dataset: undefined, sample: undefined, files: [] } as unknown as WorkspaceState;
  added: { names: string[]; overrides: unknown }[] = [];
  restored = 0;
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getState = () => this.state;
  set(patch: Partial<WorkspaceState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
  addFiles = async (files: { name: string }[], options: { overrides?: unknown } = {}) => {
    this.added.push({ names: files.map((f) => f.name), overrides: options.overrides });
    return [];
  };
  restoreSample = async () => {
    this.restored++;
    return [];
  };
  readFirstWith = () => undefined;
}

function fakeController() {
  let doc = emptyNotebook();
  return {
    loaded: [] as Notebook[],
    opened: [] as boolean[],
    load(nb: Notebook) {
      doc = nb;
      this.loaded.push(nb);
    },
    openWithData(_d: DatasetInfo, _l: string, fresh = false) {
      this.opened.push(fresh);
    },
    getNotebook: () => doc,
    subscribe: () => () => undefined,
    isPrecomputed: () => false,
    dataChanged: vi.fn(),
    schemeCell: () => undefined,
  };
}

function session(load: Autosave['load'] = () => ({}) as ReturnType<Autosave['load']>, options: Partial<SessionOptions> = {}) {
  const workspace = new FakeWorkspace();
  const controller = fakeController();
  const autosave = { load, save: vi.fn(() => ({ ok: true })), clear: () => undefined, keys: { current: '', a: '', b: '' } } as unknown as Autosave;
  const s = new Session(workspace as unknown as Workspace, controller as unknown as NotebookController, { autosave, sampleName: SAMPLE, fetchSample: async () => ({ name: SAMPLE, bytes: new Uint8Array() }), locale: 'en', ...options });
  return { s, workspace, controller };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('session', () => {
  test('restores the autosaved notebook and asks for the files it names, not the sample', () => {
    const { s, controller } = session(() => ({ doc: doc([SAMPLE, 'mine.csv'], { 'mine.csv': { 客户号: 'customer_id' } }) }));
    s.start();
    expect(controller.loaded[0]?.cells.map((c) => c.id)).toEqual(['note']);
    expect(s.getState().notice).toBe(t('en', 'notebookRestored'));
    expect(s.getState().reattach).toEqual({ names: ['mine.csv'], mapping: { 'mine.csv': { 客户号: 'customer_id' } } });
  });

  test('an unreadable autosave is said, and the page starts empty', () => {
    const { s, controller } = session(() => ({ doc: { ...doc([]), notebook: { cells: 'no' } } as never }));
    s.start();
    expect(controller.loaded).toEqual([]);
    expect(s.getState().notice).toContain(t('en', 'notebookInvalid'));
  });

  test('a second start (a remount) does not restore again', () => {
    const load = vi.fn(() => ({}) as ReturnType<Autosave['load']>);
    const { s } = session(load);
    s.start()();
    s.start();
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('the notebook follows each new dataset; the user data in place of the sample, or the sample asked back, starts afresh', async () => {
    const { s, workspace, controller } = session();
    s.start();
    workspace.set({ version: 1, dataset: dataset(['a']), sample: { name: SAMPLE, status: 'shown' } });
    await tick();
    workspace.set({ version: 2, dataset: dataset(['b']), sample: { name: SAMPLE, status: 'replaced' } });
    await tick();
    workspace.set({ version: 3, dataset: dataset(['b', 'c']) });
    await tick();
    await s.backToSample();
    expect(workspace.restored).toBe(1);
    workspace.set({ version: 4, dataset: dataset(['a']), sample: { name: SAMPLE, status: 'shown' } });
    await tick();
    workspace.set({ version: 5, dataset: dataset(['a']) });
    await tick();
    expect(controller.opened).toEqual([false, true, false, true, false]);
  });

  test('a change without new data leaves the notebook alone', async () => {
    const { s, workspace, controller } = session();
    s.start();
    workspace.set({ busy: 'x.csv' } as Partial<WorkspaceState>);
    await tick();
    expect(controller.opened).toEqual([]);
  });

  test('opening a notebook file asks for its missing files; their saved mapping comes back as they load', async () => {
    const { s, workspace } = session();
    s.start();
    const text = serializeNotebook(doc(['a.csv', 'b.csv'], { 'a.csv': { 编号: 'customer_id' } }));
    await s.openFile({ name: 'my.tierlens.json', text: async () => text });
    expect(s.getState().notice).toBe(t('en', 'notebookOpened', { file: 'my.tierlens.json' }));
    expect(s.getState().reattach?.names).toEqual(['a.csv', 'b.csv']);
    await s.addFiles([{ name: 'a.csv', bytes: new Uint8Array() }], 'auto');
    expect(workspace.added).toEqual([{ names: ['a.csv'], overrides: { 编号: 'customer_id' } }]);
    expect(s.getState().reattach?.names).toEqual(['b.csv']);
  });

  test('a file that is not a notebook is said, naming it', async () => {
    const { s } = session();
    await s.openFile({ name: 'x.json', text: async () => 'not json' });
    expect(s.getState().notice).toContain('x.json');
  });

  test('the notebook file is named by the catalog and holds the document', () => {
    const { s } = session();
    const file = s.notebookFile();
    expect(file.name).toMatch(/\.tierlens\.json$/);
    expect(JSON.parse(new TextDecoder().decode(file.bytes))).toMatchObject({ format: 'tierlens-notebook', notebook: { cells: [] } });
  });
});

describe('freshNotebook', () => {
  test.each([
    [undefined, 'replaced', false, true],
    ['replaced', 'replaced', false, false],
    ['shown', 'shown', true, true],
    ['shown', 'shown', false, false],
    [undefined, undefined, true, false],
  ] as const)('%s → %s (asked back: %s): %s', (previous, status, asked, fresh) => {
    expect(freshNotebook(previous, status, asked)).toBe(fresh);
  });

  test('asNotebook refuses what is not a notebook', () => {
    expect(() => asNotebook({ cells: [{ id: 1 }] }, 'en')).toThrow(t('en', 'notebookInvalid'));
    expect(asNotebook({ cells: [] }, 'en').format).toBe('tierlens-notebook');
  });
});
