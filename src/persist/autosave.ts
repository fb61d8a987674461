/**
 * Autosave of the notebook to browser storage (localStorage), crash-safe.
 *
 * Layout under `key` (default `tierlens.autosave`):
 *   `${key}.slot.a`, `${key}.slot.b`  two slots, each `tierlens-autosave fnv1a32:<hex8>\n<notebook JSON>`
 *   `${key}.current`                  the pointer `<a|b>:<hex8>` — the committed slot and its checksum
 *
 * `save` writes the slot the pointer does *not* name, then moves the pointer. If the tab dies,
 * storage fills up or anything throws between the two writes, the pointer still names the
 * previous, untouched slot: the last committed save survives whole. Each slot also carries its
 * own checksum, so `load` can verify the fallback slot when the current one is damaged.
 *
 * Neither `save` nor `load` throws: problems (quota, disabled storage, corrupt or too-new
 * content) are returned for the UI to show.
 */
import { parseNotebookFile, serializeNotebook, type NotebookDoc } from './notebook-file';
import { said, saidOf, say, type Said } from '../i18n/said';

export type AutosaveStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
export type SlotName = 'a' | 'b';

export type AutosaveSaveResult =
  | { ok: true; slot: SlotName; checksum: string; chars: number }
  | {
      ok: false;
      /** `quota`: storage is full; `storage`: storage refused otherwise (disabled, private mode…); `invalid-document`: the doc cannot be saved. */
      problem: 'quota' | 'storage' | 'invalid-document';
      /** English (logs); the page says `said` in its language. */
      message: string;
      said: Said;
    };

export type AutosaveLoadResult =
  | {
      doc: NotebookDoc;
      /**
       * Set when the committed save was not usable: `other-slot` — the pointer's slot was damaged,
       * the save before it was restored; `no-pointer` — the pointer was missing or damaged, the
       * newest intact slot was restored.
       */
      recoveredFrom?: 'other-slot' | 'no-pointer';
      /** What was wrong, when `recoveredFrom` is set (English; `said` for the page). */
      problem?: string;
      said?: Said;
    }
  | {
      doc: undefined;
      /** Absent when nothing was ever saved; otherwise why nothing could be restored. */
      problem?: string;
      said?: Said;
    };

export interface Autosave {
  save(doc: NotebookDoc): AutosaveSaveResult;
  load(): AutosaveLoadResult;
  /** Removes the pointer and both slots (never throws). */
  clear(): void;
  readonly keys: { readonly current: string; readonly a: string; readonly b: string };
}

const SLOT_HEADER = 'tierlens-autosave fnv1a32:';
const SLOT_RE = /^tierlens-autosave fnv1a32:([0-9a-f]{8})\n/;
const POINTER_RE = /^([ab]):([0-9a-f]{8})$/;

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`; 8 lower-case hex digits. */
export function fnv1a32(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Browsers name a full storage differently (Chrome/Safari: QuotaExceededError/22, old Firefox: 1014). */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** A load that restored nothing, or something other than the latest save, and why. */
const problem = (doc: NotebookDoc | undefined, why: Said, recoveredFrom?: 'other-slot' | 'no-pointer'): AutosaveLoadResult =>
  doc === undefined ? { doc, problem: say('en', why), said: why } : { doc, ...(recoveredFrom ? { recoveredFrom } : {}), problem: say('en', why), said: why };
const other = (slot: SlotName): SlotName => (slot === 'a' ? 'b' : 'a');

type SlotRead =
  | { kind: 'missing' }
  | { kind: 'corrupt'; reason: Said }
  | { kind: 'too-new'; reason: Said }
  | { kind: 'ok'; doc: NotebookDoc; checksum: string };

export function createAutosave(storage: AutosaveStorage, key = 'tierlens.autosave'): Autosave {
  const keys = { current: `${key}.current`, a: `${key}.slot.a`, b: `${key}.slot.b` } as const;

  const readPointer = (): { slot: SlotName; checksum: string } | undefined => {
    const m = POINTER_RE.exec(storage.getItem(keys.current) ?? '');
    return m ? { slot: m[1] as SlotName, checksum: m[2]! } : undefined;
  };

  /** Reads and fully verifies a slot; `expected` is the pointer's checksum when it names this slot. */
  const readSlot = (slot: SlotName, expected?: string): SlotRead => {
    const stored = storage.getItem(keys[slot]);
    if (stored === null) return { kind: 'missing' };
    const m = SLOT_RE.exec(stored);
    if (!m) return { kind: 'corrupt', reason: said('asNoHeader') };
    const body = stored.slice(m[0].length);
    const checksum = fnv1a32(body);
    if (checksum !== m[1]) return { kind: 'corrupt', reason: said('asBadChecksum') };
    if (expected !== undefined && checksum !== expected) return { kind: 'corrupt', reason: said('asOverwritten') };
    const parsed = parseNotebookFile(body);
    if (parsed.ok) return { kind: 'ok', doc: parsed.doc, checksum };
    if (parsed.code === 'too-new') return { kind: 'too-new', reason: parsed.said };
    return { kind: 'corrupt', reason: said('asNotNotebook', { error: parsed.said }) };
  };

  /** The slot to overwrite: never the committed one, and never the only intact one. */
  const chooseTarget = (): SlotName => {
    const pointer = readPointer();
    if (pointer) return other(pointer.slot);
    const a = readSlot('a');
    const b = readSlot('b');
    if (a.kind !== 'ok') return 'a';
    if (b.kind !== 'ok') return 'b';
    return Date.parse(a.doc.savedAt) <= Date.parse(b.doc.savedAt) ? 'a' : 'b';
  };

  const failure = (e: unknown, what: 'asNothingSaved' | 'asPreviousKept'): AutosaveSaveResult => {
    // The browser's own words about storage go in as they are.
    const why = said(isQuotaError(e) ? 'asStorageFull' : 'asStorageRefused', { what: said(what), detail: message(e) });
    return { ok: false, problem: isQuotaError(e) ? 'quota' : 'storage', message: say('en', why), said: why };
  };

  const save = (doc: NotebookDoc): AutosaveSaveResult => {
    let text: string;
    try {
      text = serializeNotebook(doc);
    } catch (e) {
      return { ok: false, problem: 'invalid-document', message: message(e), said: saidOf(e) };
    }
    const checksum = fnv1a32(text);
    const stored = `${SLOT_HEADER}${checksum}\n${text}`;
    let target: SlotName;
    try {
      target = chooseTarget();
    } catch (e) {
      return failure(e, 'asNothingSaved');
    }
    try {
      storage.setItem(keys[target], stored);
    } catch (e) {
      if (!isQuotaError(e)) return failure(e, 'asPreviousKept');
      // The target slot is stale (never the committed save): free it and try once more.
      try {
        storage.removeItem(keys[target]);
        storage.setItem(keys[target], stored);
      } catch (e2) {
        return failure(e2, 'asPreviousKept');
      }
    }
    try {
      storage.setItem(keys.current, `${target}:${checksum}`);
    } catch (e) {
      return failure(e, 'asPreviousKept');
    }
    return { ok: true, slot: target, checksum, chars: stored.length };
  };

  const load = (): AutosaveLoadResult => {
    try {
      const pointer = readPointer();
      if (pointer) {
        const current = readSlot(pointer.slot, pointer.checksum);
        if (current.kind === 'ok') return { doc: current.doc };
        // A newer TierLens wrote it: restoring an older save instead would quietly lose that work.
        if (current.kind === 'too-new') return problem(undefined, current.reason);
        const currentProblem = current.kind === 'missing' ? said('asMissing') : current.reason;
        const previous = readSlot(other(pointer.slot));
        if (previous.kind === 'ok') {
          return problem(previous.doc, said('asRestoredPrevious', { problem: currentProblem, savedAt: previous.doc.savedAt }), 'other-slot');
        }
        const previousProblem = previous.kind === 'missing' ? said('asNoEarlier') : said('asEarlierBad', { problem: previous.reason });
        return problem(undefined, said('asBothBad', { problem: currentProblem, previous: previousProblem }));
      }
      const pointerText = storage.getItem(keys.current);
      const a = readSlot('a');
      const b = readSlot('b');
      if (pointerText === null && a.kind === 'missing' && b.kind === 'missing') return { doc: undefined };
      const intact = [a, b].filter((s): s is SlotRead & { kind: 'ok' } => s.kind === 'ok');
      intact.sort((x, y) => Date.parse(y.doc.savedAt) - Date.parse(x.doc.savedAt));
      const pointerProblem = said(pointerText === null ? 'asPointerMissing' : 'asPointerDamaged');
      const newest = intact[0];
      if (newest) return problem(newest.doc, said('asRestoredNewest', { pointer: pointerProblem, savedAt: newest.doc.savedAt }), 'no-pointer');
      const tooNew = [a, b].find((s) => s.kind === 'too-new');
      if (tooNew && tooNew.kind === 'too-new') return problem(undefined, tooNew.reason);
      return problem(undefined, said('asNoSlotIntact', { pointer: pointerProblem }));
    } catch (e) {
      return problem(undefined, said('asCannotRead', { detail: message(e) }));
    }
  };

  const clear = (): void => {
    for (const k of [keys.current, keys.a, keys.b]) {
      try {
        storage.removeItem(k);
      } catch {
        // Storage unavailable: nothing to clear.
      }
    }
  };

  return { save, load, clear, keys };
}

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Runs a pending call now (e.g. on `pagehide`); no-op when nothing is pending. */
  flush(): void;
  /** Drops a pending call. */
  cancel(): void;
  pending(): boolean;
}

/**
 * Trailing-edge debounce: `fn` runs `ms` after the last call, with the last call's arguments.
 * `maxWait` bounds the delay under continuous calls (typing should still autosave now and then).
 */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number, options: { maxWait?: number } = {}): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastArgs: A | undefined;
  let firstCallAt: number | undefined;

  const run = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    firstCallAt = undefined;
    const args = lastArgs;
    lastArgs = undefined;
    if (args) fn(...args);
  };

  const debounced = ((...args: A) => {
    lastArgs = args;
    const now = Date.now();
    firstCallAt ??= now;
    if (timer !== undefined) clearTimeout(timer);
    const wait = options.maxWait === undefined ? ms : Math.max(0, Math.min(ms, firstCallAt + options.maxWait - now));
    timer = setTimeout(run, wait);
  }) as Debounced<A>;
  debounced.flush = () => {
    if (lastArgs) run();
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    lastArgs = undefined;
    firstCallAt = undefined;
  };
  debounced.pending = () => lastArgs !== undefined;
  return debounced;
}
