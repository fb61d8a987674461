import type { BrowserContext } from 'playwright-core';
import { median } from './stats';

export interface FreshMemoryCost {
  /** ms per MB (2^20 bytes) to write a new array's memory the first time. */
  readonly firstTouchMsPerMb: number;
  /** ms per MB to write the same memory again: the work itself, without getting the memory. */
  readonly retouchMsPerMb: number;
}

/**
 * What new memory costs in this browser, whatever TierLens does with it: on a blank page, a new
 * 64 MB array is filled twice, `runs` times. Every byte a load turns into a new buffer (each
 * decoded Parquet batch's IPC copy, each query result) pays the first figure once, on the thread
 * that touches it; work on memory already in use pays only the second.
 */
export async function freshMemoryCost(context: BrowserContext, runs = 5): Promise<FreshMemoryCost> {
  const page = await context.newPage();
  try {
    await page.setContent('<p>memory</p>');
    const r = (await page.evaluate(`(() => {
      const MB = 64;
      const first = [];
      const again = [];
      for (let i = 0; i < ${runs}; i++) {
        let t0 = performance.now();
        const a = new Uint8Array(MB * 1048576);
        a.fill(i + 1);
        first.push((performance.now() - t0) / MB);
        t0 = performance.now();
        a.fill(i + 2);
        again.push((performance.now() - t0) / MB);
      }
      return { first, again };
    })()`)) as { first: number[]; again: number[] };
    return { firstTouchMsPerMb: median(r.first), retouchMsPerMb: median(r.again) };
  } finally {
    await page.close();
  }
}
