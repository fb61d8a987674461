import { compileScheme } from '../schemes/compile';
import { chooseScheme } from '../schemes/fit';
import { presetById } from '../schemes/presets';
import type { Scheme } from '../schemes/types';
import { VIEWS } from '../views/registry';
import { NotebookController } from './notebook-controller';

/**
 * The dataset columns the default notebook reads first, for data whose columns are `columns`:
 * the fields of the scheme it opens with (chosen as `openWithData` chooses, from `current`) and
 * the fields views need or group by (the branch). A lazily read Parquet file reads these at load,
 * in the same pass as its id and period, rather than one more pass for each as views name them.
 */
export function firstViewColumns(current: Scheme | undefined, columns: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  try {
    const { fit } = chooseScheme(current ?? presetById(NotebookController.DEFAULT_PRESET), columns);
    if (fit.runnable) for (const f of compileScheme(fit.scheme, { table: 'dataset', columns }).fields) out.add(f);
  } catch {
    // A scheme that does not compile over these columns reads nothing ahead; views ask later.
  }
  for (const view of Object.values(VIEWS)) {
    const field = view.needs?.field?.name;
    if (field !== undefined && columns.has(field)) out.add(field);
  }
  const grouped = VIEWS.segments.options.field;
  if (typeof grouped === 'string' && columns.has(grouped)) out.add(grouped);
  return out;
}
