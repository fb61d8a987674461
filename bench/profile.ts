/**
 * `npx tsx bench/profile.ts <what>`: a CPU profile of one benchmark phase in the real browser, to
 * see where the time goes before changing anything. Builds the app unminified (names readable)
 * into bench/.data/dist-profile, records a V8 CPU profile over the phase with the DevTools
 * protocol, and prints the functions with the most self time and the most total time.
 *
 *   what = one-period | two-period | quadrant   (30 slider moves on the 1M-customer Parquet)
 *        | load-parquet | load-panel | load-csv | load-gbk   (one load, then the default notebook)
 *        | first-view                            (page load with the bundled sample)
 *
 * Options: --no-build (reuse the last profile build), --moves N, --save FILE.cpuprofile
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { JS_FLAGS, UNTHROTTLED_FRAMES, launch, startPreview } from './lib/browser';
import { ensureData } from './lib/data';
import { firstView, measureLoad, sliderRun, useScenario, type Scenario } from './lib/scenarios';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'bench/.data/dist-profile';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function label(n: ProfileNode): string {
  const f = n.callFrame;
  const file = f.url ? f.url.replace(/^.*\/(assets\/)?/, '') : '';
  return `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim();
}

/** Self and total ms per function (summed over call sites; recursion counted once per sample). */
export function summarizeProfile(p: Profile, top = 40): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    let id: number | undefined = p.samples[i]!;
    const leaf = label(byId.get(id)!);
    self.set(leaf, (self.get(leaf) ?? 0) + dt);
    const seen = new Set<string>();
    while (id !== undefined) {
      const l = label(byId.get(id)!);
      if (!seen.has(l)) {
        seen.add(l);
        total.set(l, (total.get(l) ?? 0) + dt);
      }
      id = parent.get(id);
    }
  }
  const span = (p.endTime - p.startTime) / 1000;
  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${v.toFixed(1).padStart(9)} ms  ${k}`)
      .join('\n');
  return `profile span ${span.toFixed(0)} ms\n\n== self ==\n${fmt(self)}\n\n== total ==\n${fmt(total)}`;
}

async function withProfile(page: Page, work: () => Promise<void>): Promise<Profile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await work();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.detach();
  return profile;
}

async function main() {
  const argv = process.argv.slice(2);
  const what = argv.find((a) => !a.startsWith('--')) ?? 'one-period';
  const moves = Number(argv[argv.indexOf('--moves') + 1]) || 30;
  const save = argv.includes('--save') ? argv[argv.indexOf('--save') + 1] : undefined;
  process.chdir(REPO);
  if (!argv.includes('--no-build')) {
    const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--minify', 'false', '--outDir', OUT, '--emptyOutDir'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  const files = await ensureData('.bench-data', 1_000_000, 12, (l) => console.log(l));
  const server = await startPreview(OUT);
  const browser = await launch(server.origin, [JS_FLAGS, ...UNTHROTTLED_FRAMES]);
  try {
    let profile: Profile;
    if (what === 'first-view') {
      const page = await browser.freshPage('/?nosample');
      profile = await withProfile(page, async () => {
        await page.goto(`${server.origin}/`);
        console.log(`first view ${(await firstView(page)).toFixed(0)} ms`);
      });
    } else if (what.startsWith('load-')) {
      const file = { 'load-parquet': files.parquet, 'load-panel': files.panel12, 'load-csv': files.csv, 'load-gbk': files.gbkCsv }[what];
      if (!file) throw new Error(`unknown ${what}`);
      const page = await browser.freshPage('/?nosample');
      profile = await withProfile(page, async () => {
        const t = await measureLoad(page, file);
        console.log(`load ${t.ms.toFixed(0)} ms (ingest ${t.ingestMs.toFixed(0)} ms)`);
      });
    } else {
      const page = await browser.freshPage('/?nosample');
      await measureLoad(page, what === 'two-period' ? files.panel12 : files.parquet);
      await useScenario(page, what as Scenario);
      profile = await withProfile(page, async () => {
        const run = await sliderRun(page, moves, 3, 5000);
        const sorted = [...run.latencies].sort((a, b) => a - b);
        console.log(`${what}: p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1)} ms`);
      });
    }
    if (save) writeFileSync(save, JSON.stringify(profile));
    console.log(summarizeProfile(profile));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
