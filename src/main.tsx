import { Workspace } from './app/workspace';
import { fetchSample } from './app/sample';
import { decodeEarly, openBrowserEngine } from './engine/wasm-browser';

// The engine (a 34 MB wasm to compile) and the bundled sample start downloading before the
// user interface's code is even parsed: they are what the first view waits for.
const workspace = new Workspace(openBrowserEngine);
// Exposed for end-to-end tests and the browser console; holds no data of its own.
(window as unknown as { tierlens?: Workspace }).tierlens = workspace;
// `?nosample` opens an empty page (benchmarks load their own files).
const sample = new URLSearchParams(window.location.search).has('nosample') ? undefined : fetchSample();
sample?.then((file) => decodeEarly(file.bytes)).catch(() => undefined); // reported by the App when it takes the sample

void import('./ui/start').then((ui) => ui.start(workspace, sample));
