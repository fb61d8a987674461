import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Workspace } from '../app/workspace';
import type { FirstViewSnapshot } from '../app/first-view';
import type { InputFile } from '../ingest/load';
import { App } from './App';
import './app.css';

/** Mounts the user interface (its code loads while the sample and its precomputed views download). */
export function start(workspace: Workspace, sample: Promise<InputFile> | undefined, firstView?: Promise<FirstViewSnapshot | undefined>): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App workspace={workspace} sample={sample} firstView={firstView} />
    </StrictMode>,
  );
}
