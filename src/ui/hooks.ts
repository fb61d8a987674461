import { useEffect, useState, useSyncExternalStore } from 'react';
import { failed, loading, ready, type Resolvable } from '../app/resolvable';
import type { Workspace, WorkspaceState } from '../app/workspace';

export function useWorkspaceState(workspace: Workspace): WorkspaceState {
  return useSyncExternalStore(workspace.subscribe, workspace.getState);
}

/**
 * Asks the workspace a question whenever `deps` change and keeps the answer as a Resolvable.
 * An answer that arrives after a newer question was asked is dropped.
 */
export function useAsk<T>(ask: () => Promise<T>, deps: readonly unknown[], enabled = true): Resolvable<T> {
  const [value, setValue] = useState<Resolvable<T>>(loading());
  useEffect(() => {
    // Not asked while nobody looks: the engine is one queue, and an unseen answer would delay
    // the ones on screen (a 12M-row preview costs seconds).
    if (!enabled) return;
    let current = true;
    setValue(loading());
    ask().then(
      (v) => current && setValue(ready(v)),
      (e: unknown) => current && setValue(failed(e)),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, enabled]);
  return value;
}

/** `flag`, but turning true only once it has stayed true for `ms` (turns false at once). */
export function useDelayedFlag(flag: boolean, ms: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(timer);
  }, [flag, ms]);
  return flag && shown;
}
