import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { PAGE_HELPERS } from './page-helpers';

/** The end-to-end harness's arguments (test/e2e/harness.ts), unchanged. */
export const HARNESS_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** A 4 GB JS heap (the 12M-row panel), and `window.gc` so memory is read after a collection. One switch: Chromium keeps only the last --js-flags. */
export const JS_FLAGS = '--js-flags=--max-old-space-size=4096 --expose-gc';
/** Latency runs only: frames are not held to 60 Hz, so latencies are not quantised to 16.7 ms. */
export const UNTHROTTLED_FRAMES = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];

export const VIEWPORT = { width: 1366, height: 900 };

export interface Server {
  readonly origin: string;
  close(): Promise<void>;
}

/** `vite preview` of a build (dist/ by default) on 127.0.0.1, in-process, on a free port (as the e2e harness does). */
export async function startPreview(outDir = 'dist'): Promise<Server> {
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`${outDir}/ is missing: run \`npx vite build\``);
  const server: PreviewServer = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
  const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!origin) throw new Error('preview server has no URL');
  return { origin, close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())) };
}

export interface Browser {
  readonly context: BrowserContext;
  readonly profile: string;
  readonly args: readonly string[];
  /** Requests that tried to leave the page's origin (blocked). */
  readonly outside: string[];
  readonly consoleErrors: string[];
  /** Closes every open tab and opens a fresh one on `path` (a new renderer process, so memory starts clean). */
  freshPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launch(origin: string, extraArgs: readonly string[]): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'tierlens-bench-chromium-'));
  const args = [...HARNESS_ARGS, ...extraArgs];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args,
    viewport: VIEWPORT,
  });
  const outside: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  // Every page starts like a first visit: no autosaved notebook restored from an earlier tab.
  await context.addInitScript({ content: 'try { window.localStorage.clear(); } catch (e) {}' });
  const watch = (page: Page) => {
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  };
  return {
    context,
    profile,
    args,
    outside,
    consoleErrors,
    async freshPage(path) {
      const old = context.pages();
      const page = await context.newPage();
      watch(page);
      for (const p of old) await p.close();
      await page.goto(`${origin}${path}`);
      await waitForHooks(page);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits for `window.tierlensBench`, installs the page-side measuring helpers, and waits until
 * DuckDB-WASM is open (a workspace call that needs the engine has answered), so that load
 * times do not include the engine's start-up.
 */
export async function waitForHooks(page: Page, timeoutMs = 60_000): Promise<void> {
  try {
    await page.waitForFunction(() => typeof (window as unknown as { tierlensBench?: unknown }).tierlensBench === 'object', undefined, { timeout: timeoutMs, polling: 50 });
  } catch {
    throw new Error('window.tierlensBench is not there: the in-page benchmark hooks are missing from this build (rebuild with `npx vite build`?)');
  }
  await page.evaluate(PAGE_HELPERS);
  await page.evaluate(() => (window as unknown as { tierlens: { preview(limit: number): Promise<unknown> } }).tierlens.preview(1).then(() => true));
}
