import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Workspace } from '../../src/app/workspace';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { Session } from '../../src/app/session';
import type { NotebookController } from '../../src/app/notebook-controller';
import type { Autosave } from '../../src/persist';

const csv = (s: string) => new TextEncoder().encode(s);
const sample = () => ({ name: 'retail_panel_24m.parquet', bytes: new Uint8Array(readFileSync('data-samples/retail_panel_24m.parquet')) });
const extract = (name: string, rows: number, period = '2025/12/31') =>
  ({ name, bytes: csv(`客户号,数据日期,日均资产\n${Array.from({ length: rows }, (_, i) => `U${i},${period},${1000 * (i + 1)}`).join('\n')}\n`) });

describe('the demo sample and the user\'s own data', () => {
  test('the first file replaces the untouched sample; later files stack; the sample comes back on request', async () => {
    const ws = new Workspace(openWasmNodeEngine());
    await ws.addFiles([sample()], { sample: true });
    expect(ws.getState().sample).toEqual({ name: 'retail_panel_24m.parquet', status: 'shown' });
    expect(ws.getState().dataset?.periods).toHaveLength(24);

    await ws.addFiles([extract('我的客户.csv', 500)]);
    let s = ws.getState();
    expect(s.dataset?.rows).toBe(500);
    expect(s.dataset?.periods).toEqual(['2025-12-31']);
    expect(s.files.map((f) => f.name)).toEqual(['我的客户.csv']);
    expect(s.sample).toEqual({ name: 'retail_panel_24m.parquet', status: 'replaced' });

    await ws.addFiles([extract('我的客户_11月.csv', 300, '2025/11/30')]);
    s = ws.getState();
    expect(s.dataset?.rows).toBe(800);
    expect(s.dataset?.periods).toEqual(['2025-11-30', '2025-12-31']);

    ws.dismissSampleNote();
    expect(ws.getState().sample).toBeUndefined();

    await ws.restoreSample(sample());
    s = ws.getState();
    expect(s.files.map((f) => f.name)).toEqual(['retail_panel_24m.parquet']);
    expect(s.dataset?.periods).toHaveLength(24);
    expect(s.sample?.status).toBe('shown');
  });

  test('a file that fails to load leaves the sample in place', async () => {
    const ws = new Workspace(openWasmNodeEngine());
    await ws.addFiles([sample()], { sample: true });
    const failures = await ws.addFiles([{ name: 'empty.csv', bytes: new Uint8Array() }]);
    expect(failures).toHaveLength(1);
    expect(ws.getState().sample?.status).toBe('shown');
    expect(ws.getState().dataset?.periods).toHaveLength(24);
  });

  test('a sample that arrives after the user\'s file is not loaded; a re-mapped sample is kept when the user adds a file', async () => {
    const first = new Workspace(openWasmNodeEngine());
    await first.addFiles([extract('mine.csv', 10)]);
    await first.addFiles([sample()], { sample: true });
    expect(first.getState().files.map((f) => f.name)).toEqual(['mine.csv']);
    expect(first.getState().sample).toBeUndefined();

    const second = new Workspace(openWasmNodeEngine());
    await second.addFiles([sample()], { sample: true });
    const file = second.getState().files[0]!;
    await second.remap(file.id, 'deposit_balance', null);
    await second.addFiles([extract('mine.csv', 10)]);
    expect(second.getState().files.map((f) => f.name)).toEqual(['retail_panel_24m.parquet', 'mine.csv']);
  });

  test('a load failure carries its catalog message, said in either language', async () => {
    const ws = new Workspace(openWasmNodeEngine());
    const [failure] = await ws.addFiles([{ name: 'empty.csv', bytes: new Uint8Array() }]);
    expect(failure).toMatchObject({ file: 'empty.csv', code: 'errEmptyFile' });
    const { failureText } = await import('../../src/app/workspace');
    expect(failureText('zh-CN', failure!)).toBe('empty.csv：文件是空的');
    expect(failureText('en', failure!)).toBe('empty.csv: the file is empty');
  });
});

describe('the session on a real workspace', () => {
  test('the user\'s first file starts a fresh notebook; a second file keeps the user\'s cells', async () => {
    const ws = new Workspace(openWasmNodeEngine());
    const opened: boolean[] = [];
    const controller = {
      load: () => undefined,
      openWithData: (_d: unknown, _l: unknown, fresh = false) => void opened.push(fresh),
      getNotebook: () => ({ format: 'tierlens-notebook', version: 1, cells: [] }),
      subscribe: () => () => undefined,
      isPrecomputed: () => false,
      dataChanged: () => undefined,
      schemeCell: () => undefined,
      currentScheme: () => undefined,
    };
    const autosave = { load: () => ({}), save: () => ({ ok: true }), clear: () => undefined } as unknown as Autosave;
    const session = new Session(ws, controller as unknown as NotebookController, { autosave, sampleName: 'retail_panel_24m.parquet', fetchSample: async () => sample(), locale: 'zh-CN' });
    const stop = session.start();
    const settle = () => new Promise((r) => setTimeout(r, 0));
    await ws.addFiles([sample()], { sample: true });
    await settle();
    await ws.addFiles([extract('我的客户.csv', 50)]);
    await settle();
    await ws.addFiles([extract('我的客户_11月.csv', 30, '2025/11/30')]);
    await settle();
    // The sample: the default notebook as it was; the user's file in its place: afresh; the user's
    // second file: the same notebook, with whatever cells the user added.
    expect(opened).toEqual([false, true, false]);
    stop();
  });
});
