import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createAutosave, debounce, fnv1a32, isQuotaError, type AutosaveStorage } from '../../src/persist/autosave';
import { makeNotebookDoc, serializeNotebook, type NotebookDoc } from '../../src/persist/notebook-file';

/**
 * localStorage stand-in. Counts usage in characters (keys + values); `strictQuota` mimics a
 * browser that checks the quota before releasing the value being replaced. Every successful
 * write is recorded as a snapshot, so a test can "kill the tab" right after any write.
 */
class MemoryStorage implements AutosaveStorage {
  map = new Map<string, string>();
  snapshots: Map<string, string>[] = [];
  quota = Number.POSITIVE_INFINITY;
  strictQuota = false;
  /** Return an error to make that setItem throw. */
  failSet: ((key: string, value: string) => Error | undefined) | undefined;
  failGet: Error | undefined;

  static from(snapshot: Map<string, string>): MemoryStorage {
    const s = new MemoryStorage();
    s.map = new Map(snapshot);
    return s;
  }
  getItem(key: string): string | null {
    if (this.failGet) throw this.failGet;
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    const err = this.failSet?.(key, value);
    if (err) throw err;
    const old = this.map.get(key);
    const released = old !== undefined && !this.strictQuota ? key.length + old.length : 0;
    if (this.used() - released + key.length + value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.map.set(key, value);
    this.snapshots.push(new Map(this.map));
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  used(): number {
    let n = 0;
    for (const [k, v] of this.map) n += k.length + v.length;
    return n;
  }
}

const doc = (title: string, minute = 0, padding = ''): NotebookDoc =>
  makeNotebookDoc({ notebook: { title, cells: [{ id: 'c1', kind: 'note', text: `说明${padding}` }] }, files: [{ name: '客户.xlsx', size: 1000 }] }, new Date(Date.UTC(2025, 0, 31, 9, minute)));

const K = 'tierlens.autosave';

describe('fnv1a32', () => {
  test('matches the published FNV-1a test vectors', () => {
    expect(fnv1a32('')).toBe('811c9dc5');
    expect(fnv1a32('a')).toBe('e40c292c');
    expect(fnv1a32('foobar')).toBe('bf9cf968');
    expect(fnv1a32('客户')).not.toBe(fnv1a32('客戶'));
  });
});

describe('createAutosave', () => {
  test('nothing saved yet: no doc, no problem', () => {
    expect(createAutosave(new MemoryStorage()).load()).toEqual({ doc: undefined });
  });

  test('saves and loads, alternating slots, pointer = slot + checksum', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    expect(auto.keys).toEqual({ current: `${K}.current`, a: `${K}.slot.a`, b: `${K}.slot.b` });
    const r1 = auto.save(doc('一'));
    expect(r1).toMatchObject({ ok: true, slot: 'a' });
    expect(auto.load()).toEqual({ doc: doc('一') });
    expect(auto.save(doc('二', 1))).toMatchObject({ ok: true, slot: 'b' });
    expect(auto.save(doc('三', 2))).toMatchObject({ ok: true, slot: 'a' });
    expect(auto.load()).toEqual({ doc: doc('三', 2) });
    const text = serializeNotebook(doc('三', 2));
    expect(storage.getItem(`${K}.current`)).toBe(`a:${fnv1a32(text)}`);
    expect(storage.getItem(`${K}.slot.a`)).toBe(`tierlens-autosave fnv1a32:${fnv1a32(text)}\n${text}`);
    // A second instance (new page load) sees the same thing.
    expect(createAutosave(storage).load().doc).toEqual(doc('三', 2));
  });

  test('tab dies between the slot write and the pointer write: the last committed save survives', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    auto.save(doc('committed'));
    const before = storage.snapshots.length;
    auto.save(doc('in flight', 1));
    const afterSlotWrite = storage.snapshots[before]!; // the slot is written, the pointer is not
    const revived = MemoryStorage.from(afterSlotWrite);
    expect(revived.getItem(`${K}.slot.b`)).toContain('in flight');
    const again = createAutosave(revived);
    expect(again.load()).toEqual({ doc: doc('committed') });
    // Saving afterwards reuses the uncommitted slot and never touches the committed one.
    expect(again.save(doc('next', 2))).toMatchObject({ ok: true, slot: 'b' });
    expect(again.load()).toEqual({ doc: doc('next', 2) });
  });

  test('pointer write throws: reported, previous save kept', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    auto.save(doc('committed'));
    storage.failSet = (key) => (key.endsWith('.current') ? new Error('disk I/O error') : undefined);
    const r = auto.save(doc('lost', 1));
    expect(r).toMatchObject({ ok: false, problem: 'storage' });
    expect(!r.ok && r.message).toMatch(/previous autosave is kept.*disk I\/O error/);
    storage.failSet = undefined;
    expect(auto.load()).toEqual({ doc: doc('committed') });
  });

  test('the very first save dies before the pointer: the intact slot is still offered', () => {
    const storage = new MemoryStorage();
    createAutosave(storage).save(doc('first'));
    const revived = MemoryStorage.from(storage.snapshots[0]!);
    const r = createAutosave(revived).load();
    expect(r).toMatchObject({ doc: doc('first'), recoveredFrom: 'no-pointer' });
    expect(r.problem).toMatch(/pointer is missing/);
  });

  test('corrupt current slot: falls back to the other slot and says so', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    auto.save(doc('older'));
    auto.save(doc('newer', 1));
    const slotB = storage.map.get(`${K}.slot.b`)!;
    storage.map.set(`${K}.slot.b`, slotB.slice(0, slotB.length - 20)); // cut short
    const r = auto.load();
    expect(r).toMatchObject({ doc: doc('older'), recoveredFrom: 'other-slot' });
    expect(r.problem).toMatch(/fails its checksum.*restored the autosave before it/);

    // Still valid JSON but altered: the checksum catches it.
    storage.map.set(`${K}.slot.b`, slotB.replace('newer', 'NEWER'));
    expect(auto.load()).toMatchObject({ doc: doc('older'), recoveredFrom: 'other-slot' });
    // Header stripped entirely.
    storage.map.set(`${K}.slot.b`, serializeNotebook(doc('newer', 1)));
    expect(auto.load()).toMatchObject({ doc: doc('older'), recoveredFrom: 'other-slot', problem: expect.stringMatching(/no checksum header/) });
    // Current slot replaced by another writer (self-consistent, but not what the pointer committed).
    const stranger = serializeNotebook(doc('stranger', 5));
    storage.map.set(`${K}.slot.b`, `tierlens-autosave fnv1a32:${fnv1a32(stranger)}\n${stranger}`);
    expect(auto.load()).toMatchObject({ doc: doc('older'), recoveredFrom: 'other-slot', problem: expect.stringMatching(/committed checksum/) });
  });

  test('both slots corrupt: no doc, a problem', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    auto.save(doc('a'));
    auto.save(doc('b', 1));
    storage.map.set(`${K}.slot.a`, 'garbage');
    storage.map.set(`${K}.slot.b`, 'tierlens-autosave fnv1a32:00000000\n{}');
    const r = auto.load();
    expect(r.doc).toBeUndefined();
    expect(r.problem).toMatch(/latest autosave fails its checksum .*, and the earlier autosave has no checksum header/);
  });

  test('damaged pointer: restores the newest intact slot', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    auto.save(doc('old'));
    auto.save(doc('new', 7));
    storage.map.set(`${K}.current`, 'b:zz');
    const r = auto.load();
    expect(r).toMatchObject({ doc: doc('new', 7), recoveredFrom: 'no-pointer', problem: expect.stringMatching(/pointer is damaged/) });
    // With no trustworthy pointer, the next save overwrites the older slot.
    expect(auto.save(doc('newest', 9))).toMatchObject({ ok: true, slot: 'a' });
    expect(auto.load()).toEqual({ doc: doc('newest', 9) });
  });

  test('a slot written by a newer TierLens is reported, not silently replaced by an older save', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    auto.save(doc('ours'));
    const newer = JSON.stringify({ format: 'tierlens-notebook', version: 2, savedAt: '2026-01-01T00:00:00Z', app: 'TierLens', pages: [] });
    storage.map.set(`${K}.slot.b`, `tierlens-autosave fnv1a32:${fnv1a32(newer)}\n${newer}`);
    storage.map.set(`${K}.current`, `b:${fnv1a32(newer)}`);
    // `said` carries the same message for the page, in its language.
    expect(auto.load()).toEqual({ doc: undefined, problem: 'this file was saved by a newer TierLens (version 2); this app reads version 1', said: expect.objectContaining({ code: 'nfTooNew' }) });
  });

  test('quota exceeded: reported, never thrown, previous save kept', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    expect(auto.save(doc('small'))).toMatchObject({ ok: true });
    storage.quota = storage.used() * 1.5;
    const r = auto.save(doc('big', 1, '很长'.repeat(5000)));
    expect(r).toMatchObject({ ok: false, problem: 'quota' });
    expect(!r.ok && r.message).toMatch(/storage is full/);
    expect(auto.load()).toEqual({ doc: doc('small') });
  });

  test('quota: a browser that counts the replaced value gets room by dropping the stale slot first', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    auto.save(doc('v1'));
    auto.save(doc('v2', 1));
    storage.strictQuota = true;
    storage.quota = storage.used() + 50; // room for a pointer, not for a second copy of a slot
    expect(auto.save(doc('v3', 2))).toMatchObject({ ok: true, slot: 'a' });
    expect(auto.load()).toEqual({ doc: doc('v3', 2) });
  });

  test('storage that throws on every access (disabled, sandboxed): results, not exceptions', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    storage.failGet = new DOMException('The operation is insecure.', 'SecurityError');
    expect(auto.load()).toEqual({ doc: undefined, problem: expect.stringMatching(/cannot read browser storage.*insecure/), said: expect.objectContaining({ code: 'asCannotRead' }) });
    expect(auto.save(doc('x'))).toMatchObject({ ok: false, problem: 'storage' });
  });

  test('an unsavable doc is reported and storage is left alone', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage);
    auto.save(doc('good'));
    const bad = { ...doc('bad'), notebook: { cells: [], when: new Date() } };
    expect(auto.save(bad)).toMatchObject({ ok: false, problem: 'invalid-document', message: expect.stringMatching(/notebook\.when/) });
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: i, aum: i }));
    expect(auto.save({ ...doc('data'), view: { rows } })).toMatchObject({ ok: false, problem: 'invalid-document', message: expect.stringMatching(/data rows/) });
    expect(auto.load()).toEqual({ doc: doc('good') });
  });

  test('custom key and clear()', () => {
    const storage = new MemoryStorage();
    const auto = createAutosave(storage, 'bank-x');
    auto.save(doc('x'));
    expect([...storage.map.keys()].sort()).toEqual(['bank-x.current', 'bank-x.slot.a']);
    auto.clear();
    expect(storage.map.size).toBe(0);
    expect(auto.load()).toEqual({ doc: undefined });
  });

  test('isQuotaError recognises the browsers’ spellings', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ code: 22 })).toBe(true);
    expect(isQuotaError(new Error('x'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('runs once, after the quiet period, with the last arguments', () => {
    const fn = vi.fn<(n: number) => void>();
    const d = debounce(fn, 1000);
    d(1);
    vi.advanceTimersByTime(500);
    d(2);
    vi.advanceTimersByTime(999);
    expect(fn).not.toHaveBeenCalled();
    expect(d.pending()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenLastCalledWith(2);
    expect(d.pending()).toBe(false);
  });

  test('flush runs a pending call now; cancel drops it', () => {
    const fn = vi.fn<(s: string) => void>();
    const d = debounce(fn, 1000);
    d.flush();
    expect(fn).not.toHaveBeenCalled();
    d('a');
    d.flush();
    expect(fn).toHaveBeenCalledWith('a');
    d('b');
    d.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  test('maxWait bounds the delay under continuous calls', () => {
    const fn = vi.fn<(n: number) => void>();
    const d = debounce(fn, 1000, { maxWait: 3000 });
    for (let i = 0; i < 10; i++) {
      d(i);
      vi.advanceTimersByTime(500);
    }
    // 10 calls over 5 s: without maxWait nothing would have run yet. With it, the call made at
    // 2.5 s runs at the 3 s deadline; calls 6..9 start a new window (due at 5.5 s).
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith(5);
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(fn).toHaveBeenLastCalledWith(9);
  });
});
