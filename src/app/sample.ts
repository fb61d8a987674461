import retailPanelUrl from '../../data-samples/retail_panel_24m.parquet?url';
import type { InputFile } from '../ingest/load';

/** The bundled retail sample the app opens with, served from the app's own assets. */
export const SAMPLE = { name: 'retail_panel_24m.parquet', url: retailPanelUrl } as const;

export async function fetchSample(): Promise<InputFile> {
  const response = await fetch(SAMPLE.url);
  if (!response.ok) throw new Error(`${SAMPLE.name}: HTTP ${response.status}`);
  return { name: SAMPLE.name, bytes: new Uint8Array(await response.arrayBuffer()) };
}
