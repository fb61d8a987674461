/**
 * Coalesces a store's change notifications into one per task. During a slider move the
 * scheduler reports every state change as it happens (each view pending, then each view ready,
 * all within a few microtasks); rendering each would commit React and re-set the charts several
 * times per move. Batched, a move that the fast path answers in microtasks becomes one commit
 * in which every changed chart updates once. Work that waits for the engine (a worker round
 * trip) still shows its pending state, a task later.
 */
export function batchedSubscribe(subscribe: (listener: () => void) => () => void): (listener: () => void) => () => void {
  return (listener) => {
    let queued = false;
    let live = true;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      queued = false;
      if (live) listener();
    };
    const unsubscribe = subscribe(() => {
      if (queued) return;
      queued = true;
      channel.port2.postMessage(null);
    });
    return () => {
      live = false;
      unsubscribe();
      channel.port1.close();
    };
  };
}
