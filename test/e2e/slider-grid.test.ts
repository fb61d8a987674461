import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openWithSample, SHOTS, settled, tierCounts, type Harness } from './harness';


/** VIP customers of December 2025 with the VIP bound at `vip` (private banking at 500万), by plain SQL. */
async function vipCount(vip: number): Promise<number> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.runAndReadAll(`
    SELECT count(*)::INTEGER FROM 'data-samples/retail_panel_24m.parquet'
    WHERE snapshot_date = DATE '2025-12-31' AND aum >= ${vip} AND aum < 5000000`);
  const n = Number(r.getRowsJS()[0]![0]);
  c.closeSync();
  return n;
}

/** A round amount as the field shows it: whole 万 (51万), a tenth of 万 below 10万, or 0. */
const ROUND = /^(\d+(\.\d)?万|0)$/;

describe('the VIP slider moves on round numbers (Chromium, bundled sample)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openWithSample();
  });
  afterAll(async () => h?.close());

  const slider = () => h.page.getByRole('slider', { name: '贵宾' });
  const field = () => h.page.getByRole('textbox', { name: '贵宾 数值' });
  const hint = () => h.page.locator('[data-cell="scheme"] .knob-stop');
  const typeVip = async (text: string) => {
    await field().fill(text);
    await field().press('Enter');
    await settled(h);
  };

  test('arrow keys: → → ← ← from 50万 shows 51万, 52万, 51万 and 50万 again', async () => {
    await slider().scrollIntoViewIfNeeded();
    expect(await field().inputValue()).toBe('50万');
    const start = await tierCounts(h.page);
    await slider().focus();
    const seen: string[] = [];
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowLeft']) {
      await h.page.keyboard.press(key);
      await settled(h);
      seen.push(await field().inputValue());
      // The slider reads out the same formatted value.
      expect(await slider().getAttribute('aria-valuetext')).toBe(seen.at(-1));
    }
    expect(seen).toEqual(['51万', '52万', '51万', '50万']);
    expect(await tierCounts(h.page)).toEqual(start);
    // Page Up/Down: ten grid steps.
    await h.page.keyboard.press('PageUp');
    await expect.poll(() => field().inputValue()).toBe('60万');
    await h.page.keyboard.press('PageDown');
    await expect.poll(() => field().inputValue()).toBe('50万');
    await settled(h);
    expect(await hint().count()).toBe(0);
  });

  test('a typed off-grid value stays exact; the first arrow snaps to the grid point that way', async () => {
    await typeVip('301234');
    expect(await field().inputValue()).toBe('30.12万');
    await expect.poll(() => tierCounts(h.page), { timeout: 20_000 }).toMatchObject({ vip: await vipCount(301_234) });
    // Leaving the field without editing keeps the exact value (its text is cut to 30.12万).
    await field().focus();
    await slider().focus();
    await settled(h);
    expect((await tierCounts(h.page)).vip).toBe(await vipCount(301_234));
    await h.page.keyboard.press('ArrowLeft');
    await expect.poll(() => field().inputValue()).toBe('30万');
    await h.page.keyboard.press('ArrowRight');
    await expect.poll(() => field().inputValue()).toBe('31万');
    await settled(h);
    expect((await tierCounts(h.page)).vip).toBe(await vipCount(310_000));
  });

  test('the bound stops one grid step short of its neighbours, with a hint saying why', async () => {
    await slider().focus();
    await h.page.keyboard.press('Home');
    await expect.poll(() => field().inputValue()).toBe('11万'); // 财富 (affluent) is at 10万
    await expect.poll(() => hint().textContent()).toContain('不能越过「财富」（10万）');
    await h.page.keyboard.press('ArrowLeft');
    expect(await field().inputValue()).toBe('11万');
    await h.page.keyboard.press('ArrowRight');
    await expect.poll(() => field().inputValue()).toBe('12万');
    expect(await hint().count()).toBe(0);
    // Typed past private banking (500万): clamped, and the hint names it.
    await typeVip('600万');
    expect(await field().inputValue()).toBe('490万');
    expect(await hint().textContent()).toBe('不能越过「私人银行」（500万）：相邻门槛不能交叉，已停在 490万');
    const counts = await tierCounts(h.page);
    expect(counts.vip).toBe(await vipCount(4_900_000));
    await h.page.locator('[data-cell="scheme"] .knobs').screenshot({ path: `${SHOTS}/16-knob-stop.png` });
    await typeVip('50万');
    expect(await hint().count()).toBe(0);
  });

  test('dragging by mouse lands on round numbers only', async () => {
    const s = slider();
    await s.scrollIntoViewIfNeeded();
    const box = (await s.boundingBox())!;
    const [min, max, now] = await s.evaluate((e: HTMLInputElement) => [Number(e.min), Number(e.max), Number(e.value)]);
    const y = box.y + box.height / 2;
    const x0 = box.x + (box.width * (now - min)) / (max - min);
    await h.page.mouse.move(x0, y);
    await h.page.mouse.down();
    const seen = new Set<string>();
    for (const dx of [3, 7, 12, 18, 25, 31, 22, 9, -4, -13, -20, -28]) {
      await h.page.mouse.move(x0 + dx, y);
      seen.add((await s.getAttribute('aria-valuetext'))!);
    }
    await h.page.mouse.up();
    await settled(h);
    const shown = await field().inputValue();
    expect([...seen].filter((v) => !ROUND.test(v))).toEqual([]);
    expect(seen.size).toBeGreaterThan(4);
    expect(shown).toMatch(ROUND);
    const value = Number(shown.replace('万', '')) * 10_000;
    expect((await tierCounts(h.page)).vip).toBe(await vipCount(value));
  });

  test('in English the hint comes from the catalog too, and 1.5M typed is exact', async () => {
    await h.page.locator('header button.lang').click();
    await expect.poll(() => h.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await settled(h);
    const en = h.page.getByRole('textbox', { name: 'VIP value' });
    await en.fill('1.5M');
    await en.press('Enter');
    await settled(h);
    expect(await en.inputValue()).toBe('1.5M');
    expect((await tierCounts(h.page)).vip).toBe(await vipCount(1_500_000));
    await en.fill('5M');
    await en.press('Enter');
    await settled(h);
    expect(await en.inputValue()).toBe('4.9M');
    expect(await hint().textContent()).toBe('Cannot pass Private banking (5M): neighbouring thresholds may not cross, so it stops at 4.9M');
  });

  test('nothing failed in the console', () => {
    expect(h.outside).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
