import { Workspace } from './app/workspace';
import { fetchFirstView, fetchSample } from './app/sample';
import { afterFirstChart } from './app/first-chart';
import { openBrowserEngine } from './engine/wasm-browser';

// `?nosample` opens an empty page (benchmarks load their own files).
const sample = new URLSearchParams(window.location.search).has('nosample') ? undefined : fetchSample();
// The sample's notebook, precomputed (app/first-view.ts): drawn before the engine is up.
const firstView = sample ? fetchFirstView() : undefined;
// With a precomputed first view, starting the engine (a 34 MB wasm) and decoding the sample wait
// until it is drawn (at most 1.5 s after it arrived): on two cores they would otherwise take
// the CPU from the page's own code, and the first view came half a second later.
const firstViewDrawn = (firstView ?? Promise.resolve(undefined)).then((snapshot) => (snapshot ? afterFirstChart(1500) : undefined));
const workspace = new Workspace(() => firstViewDrawn.then(openBrowserEngine));
// Exposed for end-to-end tests and the browser console; holds no data of its own.
(window as unknown as { tierlens?: Workspace }).tierlens = workspace;

void import('./ui/start').then((ui) => ui.start(workspace, sample, firstView));
