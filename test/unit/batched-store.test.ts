import { describe, expect, test, vi } from 'vitest';
import { batchedSubscribe } from '../../src/ui/batched-store';

/**
 * A store that notifies its listeners synchronously on every change, like the scheduler, with
 * one batched subscriber counting its notifications.
 */
function batchedStore() {
  const listeners = new Set<() => void>();
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  const seen = { calls: 0 };
  const unsubscribe = batchedSubscribe(subscribe)(() => seen.calls++);
  return { emit: () => listeners.forEach((l) => l()), listeners, seen, unsubscribe };
}
/** Long enough for any queued message to be delivered (message and timer queues are not ordered). */
const later = () => new Promise((r) => setTimeout(r, 30));

describe('batchedSubscribe: one notification per task', () => {
  test('changes made in one task (a slider move answered in microtasks) notify once', async () => {
    const s = batchedStore();
    s.emit();
    await Promise.resolve();
    s.emit();
    queueMicrotask(() => s.emit());
    expect(s.seen.calls).toBe(0);
    await vi.waitFor(() => expect(s.seen.calls).toBe(1));
    await later();
    expect(s.seen.calls).toBe(1);
  });

  test('a change in a later task (an engine answer) notifies again', async () => {
    const s = batchedStore();
    for (const n of [1, 2]) {
      s.emit();
      await vi.waitFor(() => expect(s.seen.calls).toBe(n));
    }
    await later();
    expect(s.seen.calls).toBe(2);
  });

  test('unsubscribing stops pending and later notifications and releases the store', async () => {
    const s = batchedStore();
    s.emit();
    s.unsubscribe();
    await later();
    s.emit();
    await later();
    expect(s.seen.calls).toBe(0);
    expect(s.listeners.size).toBe(0);
  });
});
