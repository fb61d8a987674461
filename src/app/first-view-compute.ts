import type { Engine } from '../engine/types';
import type { InputFile } from '../ingest/load';
import type { Locale } from '../i18n/format';
import { emptyNotebook } from '../notebook/types';
import { encodeValue, type FirstViewSnapshot } from './first-view';
import { NotebookController } from './notebook-controller';
import { Workspace } from './workspace';

/**
 * Computes the first-view snapshot of a sample: loads it into a fresh workspace, opens the
 * default notebook exactly as the page does (App.tsx) and runs every cell. Used by
 * `npm run snapshot` and by the test that holds the shipped snapshot to the live results.
 */
export async function computeFirstView(engine: Promise<Engine>, sample: InputFile, locale: Locale = 'zh-CN'): Promise<FirstViewSnapshot> {
  const workspace = new Workspace(engine);
  const failures = await workspace.addFiles([sample]);
  const dataset = workspace.getState().dataset;
  if (failures.length > 0 || !dataset) throw new Error(`${sample.name}: ${failures.map((f) => f.message).join('; ') || 'no data'}`);
  const controller = new NotebookController(workspace, emptyNotebook());
  controller.recordKeys();
  controller.load(NotebookController.defaultFor('retail-aum', dataset, locale));
  controller.dataChanged(dataset);
  await controller.scheduler.whenIdle();
  const views = controller.computedViews();
  controller.dispose();
  await (await engine).close();
  return {
    format: 'tierlens-first-view',
    version: 1,
    sample: { name: sample.name, bytes: sample.bytes.byteLength },
    dataset: encodeValue(dataset) as FirstViewSnapshot['dataset'],
    views: Object.fromEntries(Object.entries(views).map(([k, v]) => [k, encodeValue(v)])),
  };
}
