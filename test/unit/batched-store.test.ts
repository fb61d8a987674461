import { describe, expect, test, vi } from 'vitest';
import { batchedSubscribe } from '../../src/ui/batched-store';

/** A store that notifies its listeners synchronously on every change, like the scheduler. */
function store() {
  const listeners = new Set<() => void>();
  return {
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: () => listeners.forEach((l) => l()),
    size: () => listeners.size,
  };
}
/** Long enough for any queued message to be delivered (message and timer queues are not ordered). */
const later = () => new Promise((r) => setTimeout(r, 30));

describe('batchedSubscribe: one notification per task', () => {
  test('changes made in one task (a slider move answered in microtasks) notify once', async () => {
    const s = store();
    let calls = 0;
    batchedSubscribe(s.subscribe)(() => calls++);
    s.emit();
    await Promise.resolve();
    s.emit();
    queueMicrotask(() => s.emit());
    expect(calls).toBe(0);
    await vi.waitFor(() => expect(calls).toBe(1));
    await later();
    expect(calls).toBe(1);
  });

  test('a change in a later task (an engine answer) notifies again', async () => {
    const s = store();
    let calls = 0;
    batchedSubscribe(s.subscribe)(() => calls++);
    s.emit();
    await vi.waitFor(() => expect(calls).toBe(1));
    s.emit();
    await vi.waitFor(() => expect(calls).toBe(2));
    await later();
    expect(calls).toBe(2);
  });

  test('unsubscribing stops pending and later notifications and releases the store', async () => {
    const s = store();
    let calls = 0;
    const off = batchedSubscribe(s.subscribe)(() => calls++);
    s.emit();
    off();
    await later();
    s.emit();
    await later();
    expect(calls).toBe(0);
    expect(s.size()).toBe(0);
  });
});
