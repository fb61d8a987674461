import type { Engine } from '../engine/types';
import type { InputFile } from '../ingest/load';
import type { Locale } from '../i18n/format';
import { emptyNotebook } from '../notebook/types';
import { encodeValue, SAMPLE_NAME, type FirstViewSnapshot } from './first-view';
import { NotebookController } from './notebook-controller';
import { Workspace } from './workspace';
import { firstViewColumns } from './first-columns';

/** Where `npm run snapshot` reads the sample and writes its snapshot (paths from the repository root). */
export const SNAPSHOT_FILES = { sample: `data-samples/${SAMPLE_NAME}`, snapshot: 'src/app/first-view.snapshot.json' } as const;

/**
 * Computes the first-view snapshot of a sample: loads it into a fresh workspace, opens the
 * default notebook as the page does (NotebookController.openWithData) and runs every cell. Used by
 * `npm run snapshot` and by the test that holds the shipped snapshot to the live results.
 */
export async function computeFirstView(engine: Promise<Engine>, sample: InputFile, locale: Locale = 'zh-CN'): Promise<FirstViewSnapshot> {
  const workspace = new Workspace(engine);
  // The columns read at load as the page reads them (Session): the default scheme's and the branch.
  workspace.readFirstWith((columns) => firstViewColumns(undefined, columns));
  const failures = await workspace.addFiles([sample], { sample: true });
  const dataset = workspace.getState().dataset;
  if (failures.length > 0 || !dataset) throw new Error(`${sample.name}: ${failures.map((f) => f.message).join('; ') || 'no data'}`);
  const controller = new NotebookController(workspace, emptyNotebook());
  controller.recordKeys();
  controller.openWithData(dataset, locale);
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
