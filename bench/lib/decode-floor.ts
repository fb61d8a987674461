import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { transformWithOxc } from 'vite';
import { median } from './stats';

export interface DecodeSpeed {
  readonly ms: number;
  readonly mbPerS: number;
}

/** The app's own GBK → UTF-8 pass (src/ingest/gbk-utf8.ts, a module without imports), as page script. */
async function transcoderScript(): Promise<string> {
  const file = fileURLToPath(new URL('../../src/ingest/gbk-utf8.ts', import.meta.url));
  const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file);
  return `${code}\nwindow.__gbkToUtf8 = gbkToUtf8;`;
}

/**
 * How fast GBK text becomes UTF-8 in this browser, alone: the GBK file read through a file input
 * on a blank page, then `runs` times each (MB/s = file size in 2^20 bytes / median ms):
 * - `app`: the app's one-pass transcoder, the first thing a GBK load does (no load is faster);
 * - `textDecoder`: `TextDecoder('gb18030', { fatal: true })` alone, for comparison (a string, not
 *   yet UTF-8 bytes; what ingest did before the transcoder).
 */
export async function gbkDecodeFloor(context: BrowserContext, file: string, runs = 3): Promise<{ app: DecodeSpeed; textDecoder: DecodeSpeed }> {
  const page = await context.newPage();
  try {
    await page.setContent('<input type="file" id="f">');
    await page.addScriptTag({ content: await transcoderScript(), type: 'module' });
    await page.waitForFunction('typeof window.__gbkToUtf8 === "function"');
    await page.setInputFiles('#f', file);
    const r = (await page.evaluate(`(async () => {
      const bytes = new Uint8Array(await document.getElementById('f').files[0].arrayBuffer());
      const time = (f) => {
        const times = [];
        for (let i = 0; i < ${runs}; i++) {
          const t0 = performance.now();
          if (f() === undefined) throw new Error('the bench GBK file is not plain GBK');
          times.push(performance.now() - t0);
        }
        return times;
      };
      return {
        app: time(() => window.__gbkToUtf8(bytes)),
        textDecoder: time(() => new TextDecoder('gb18030', { fatal: true }).decode(bytes)),
        size: bytes.length,
      };
    })()`)) as { app: number[]; textDecoder: number[]; size: number };
    const speed = (times: number[]): DecodeSpeed => {
      const ms = median(times);
      return { ms, mbPerS: r.size / 2 ** 20 / (ms / 1000) };
    };
    return { app: speed(r.app), textDecoder: speed(r.textDecoder) };
  } finally {
    await page.close();
  }
}
