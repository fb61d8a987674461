import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { Workspace } from './app/workspace';
import { openBrowserEngine } from './engine/wasm-browser';
import './ui/app.css';

const workspace = new Workspace(openBrowserEngine);
// Exposed for end-to-end tests and the browser console; holds no data of its own.
(window as unknown as { tierlens?: Workspace }).tierlens = workspace;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App workspace={workspace} />
  </StrictMode>,
);
