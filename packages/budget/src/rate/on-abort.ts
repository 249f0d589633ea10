interface Subscribers {
  readonly listeners: Set<() => void>;
  /** The one listener on the signal itself, telling every subscriber. */
  readonly fire: () => void;
}

const subscribed = new WeakMap<AbortSignal, Subscribers>();

/**
 * Calls `listener` when `signal` aborts; returns the function that stops listening (call it
 * when the wait ends, or the subscription outlives the call). However many calls wait on one
 * signal (a run deadline, a host's signal shared by a batch, a limiter's own stop signal),
 * the signal holds one listener: one per call would pass Node's default of 10 per
 * EventTarget at the 11th waiting call and print a MaxListenersExceededWarning, and raising
 * the host's limit (`setMaxListeners`) is not ours to do. The signal's listener goes when
 * its last subscriber does. Only for a signal not aborted yet (an aborted one never fires
 * again): the caller checks `aborted` first.
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let subscribers = subscribed.get(signal);
  if (subscribers === undefined) {
    const listeners = new Set<() => void>();
    const fire = () => {
      subscribed.delete(signal);
      for (const each of listeners) each();
    };
    subscribers = { listeners, fire };
    subscribed.set(signal, subscribers);
    signal.addEventListener('abort', fire, { once: true });
  }
  const { listeners, fire } = subscribers;
  // A function per subscription: the same listener given twice is two subscriptions.
  const subscription = () => listener();
  listeners.add(subscription);
  return () => {
    if (!listeners.delete(subscription) || listeners.size > 0) return;
    if (subscribed.get(signal) === subscribers) subscribed.delete(signal);
    signal.removeEventListener('abort', fire);
  };
}
