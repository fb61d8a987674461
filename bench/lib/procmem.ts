import { readdirSync, readFileSync } from 'node:fs';

/**
 * Memory of the Chromium renderer processes, read from /proc (not `performance.memory`, which
 * sees only the JS heap of one isolate and none of the wasm memory of DuckDB's worker).
 *
 * The browser process is found by the unique `--user-data-dir=` playwright gives it; renderers
 * are its descendants (via the zygote) started with `--type=renderer`.
 */
interface Proc {
  readonly pid: number;
  readonly ppid: number;
  /** The command line as one string: Chromium rewrites its process title, so NUL separators may be gone. */
  readonly cmd: string;
  readonly rssKb: number;
}

function hasArg(p: Proc, arg: string): boolean {
  return p.cmd.split(/[\s\0]+/).includes(arg);
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return { pid, ppid, cmd, rssKb: rss ? Number(rss[1]) : 0 };
  } catch {
    return undefined; // exited while we looked
  }
}

function allProcs(): Proc[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readProc(Number(d)))
    .filter((p): p is Proc => p !== undefined);
}

export interface RendererMemory {
  /** Sum of VmRSS over the renderer processes of this browser (WebUI renderers excluded), MiB. */
  readonly totalMb: number;
  /** The largest single renderer, MiB: the tab under test (the others are Chromium's spare or blank renderers). */
  readonly maxMb: number;
  readonly renderers: number;
}

export function rendererMemory(userDataDir: string): RendererMemory {
  const procs = allProcs();
  const browser = procs.find((p) => hasArg(p, `--user-data-dir=${userDataDir}`) && !/--type=/.test(p.cmd));
  if (!browser) throw new Error(`no Chromium browser process with --user-data-dir=${userDataDir}`);
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const descendants: Proc[] = [];
  const stack = [browser.pid];
  while (stack.length > 0) {
    for (const c of children.get(stack.pop()!) ?? []) {
      descendants.push(c);
      stack.push(c.pid);
    }
  }
  // Headless Chromium keeps a renderer for its own browser UI (--top-chrome-webui): not the page's.
  const renderers = descendants.filter((p) => hasArg(p, '--type=renderer') && !hasArg(p, '--top-chrome-webui') && !hasArg(p, '--extension-process'));
  const mb = renderers.map((r) => r.rssKb / 1024);
  return { totalMb: mb.reduce((s, x) => s + x, 0), maxMb: mb.length ? Math.max(...mb) : 0, renderers: renderers.length };
}

/** Samples the renderers' total RSS every `everyMs` until stopped; returns the peak, MiB. */
export function peakSampler(userDataDir: string, everyMs = 250): { stop(): number } {
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, rendererMemory(userDataDir).totalMb);
    } catch {
      // the browser is between processes: skip this sample
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]); // utime + stime
  } catch {
    return undefined;
  }
}

function systemBusyTicks(): number {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = f.map(Number);
  // user nice system idle iowait irq softirq steal
  return n[0]! + n[1]! + n[2]! + n[5]! + n[6]! + n[7]!;
}

function ourTree(): Set<number> {
  const procs = allProcs();
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const ours = new Set<number>([process.pid]);
  const stack = [process.pid];
  while (stack.length > 0) for (const c of children.get(stack.pop()!) ?? []) if (!ours.has(c)) (ours.add(c), stack.push(c));
  return ours;
}

/**
 * How much CPU other work took while the benchmark ran: system busy time minus the time of this
 * process and its descendants (Chromium, the sample generator), sampled every `everyMs`.
 * Averages in cores (1.0 = one core fully busy).
 */
export function cpuMonitor(everyMs = 500): { stop(): { otherCores: number; oursCores: number } } {
  const hz = 100; // USER_HZ on Linux
  const t0 = Date.now();
  let lastSystem = systemBusyTicks();
  let last = new Map<number, number>();
  for (const pid of ourTree()) last.set(pid, cpuTicks(pid) ?? 0);
  let system = 0;
  let ours = 0;
  const sample = () => {
    const sys = systemBusyTicks();
    const now = new Map<number, number>();
    for (const pid of ourTree()) {
      const t = cpuTicks(pid);
      if (t === undefined) continue;
      now.set(pid, t);
      ours += t - (last.get(pid) ?? 0);
    }
    system += sys - lastSystem;
    lastSystem = sys;
    last = now;
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (Date.now() - t0) / 1000;
      return { otherCores: Math.max(0, system - ours) / hz / seconds, oursCores: ours / hz / seconds };
    },
  };
}
