import type { BrowserContext } from 'playwright-core';
import { median } from './stats';

/**
 * The browser's own GB18030 decoding speed, alone: the GBK file read through a file input on a
 * blank page and decoded with `TextDecoder('gb18030', { fatal: true })` (what ingest does first),
 * `runs` times. MB/s = file size (2^20 bytes) / median decode time. A GBK load cannot be faster
 * than this, before DuckDB has read a single row.
 */
export async function gbkDecodeFloor(context: BrowserContext, file: string, runs = 3): Promise<{ ms: number; mbPerS: number }> {
  const page = await context.newPage();
  try {
    await page.setContent('<input type="file" id="f">');
    await page.setInputFiles('#f', file);
    const r = (await page.evaluate(`(async () => {
      const bytes = new Uint8Array(await document.getElementById('f').files[0].arrayBuffer());
      const times = [];
      for (let i = 0; i < ${runs}; i++) {
        const t0 = performance.now();
        new TextDecoder('gb18030', { fatal: true }).decode(bytes);
        times.push(performance.now() - t0);
      }
      return { times, size: bytes.length };
    })()`)) as { times: number[]; size: number };
    const ms = median(r.times);
    return { ms, mbPerS: r.size / 2 ** 20 / (ms / 1000) };
  } finally {
    await page.close();
  }
}
