interface Subscribers {
  readonly listeners: Set<() => void>;
  /** The one listener on the signal itself, telling every subscriber. */
  readonly fire: () => void;
}

const subscribed = new WeakMap<AbortSignal, Subscribers>();

/**
 * Calls `listener` when `signal` aborts; returns the function that stops listening. However
 * many calls listen to one signal (the run's deadline, a host's signal shared by a batch of
 * calls), the signal itself holds one listener: one each would pass Node's default of 10
 * per EventTarget with the 11th concurrent call and print a MaxListenersExceededWarning, and
 * raising the host's limit (`setMaxListeners`) is not the SDK's to do. The signal's listener
 * is removed when its last subscriber stops listening. For a signal that has not aborted
 * yet (an aborted one never fires again): the caller checks `aborted` first. Shared by the
 * packages whose calls wait on host signals (@pm/budget's limiters, @pm/llm-client's calls).
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
