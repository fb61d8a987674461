import retailPanelUrl from '../../data-samples/retail_panel_24m.parquet?url';
import firstViewUrl from './first-view.snapshot.json?url';
import type { InputFile } from '../ingest/load';
import { asFirstViewSnapshot, SAMPLE_NAME, type FirstViewSnapshot } from './first-view';

/** The bundled retail sample the app opens with, served from the app's own assets. */
export const SAMPLE = { name: SAMPLE_NAME, url: retailPanelUrl } as const;

export async function fetchSample(): Promise<InputFile> {
  const response = await fetch(SAMPLE.url);
  if (!response.ok) throw new Error(`${SAMPLE.name}: HTTP ${response.status}`);
  return { name: SAMPLE.name, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/**
 * The sample's precomputed default notebook (first-view.ts); undefined when it cannot be read or
 * was computed from another file, and the page then simply waits for the engine.
 */
export async function fetchFirstView(): Promise<FirstViewSnapshot | undefined> {
  try {
    const response = await fetch(firstViewUrl);
    const snapshot = response.ok ? asFirstViewSnapshot(await response.json()) : undefined;
    return snapshot?.sample.name === SAMPLE.name ? snapshot : undefined;
  } catch {
    return undefined;
  }
}
