import { vi } from 'vitest';

/** The timers a test watched being started, and whether each was cleared. */
export interface WatchedTimers {
  started: NodeJS.Timeout[];
  /** True when every timer started so far was cleared. */
  allCleared(): boolean;
}

/**
 * Watches the `setTimeout` timers started from now on whose delay `which` accepts, through
 * spies the caller restores (`vi.restoreAllMocks()`, e.g. in `afterEach`). For tests of
 * what keeps a process alive: counting every live timer of the process instead fails
 * whenever another test's timer ends meanwhile.
 */
export function watchTimers(
  which: (ms: number | undefined) => boolean = () => true,
): WatchedTimers {
  const started: NodeJS.Timeout[] = [];
  const cleared = new Set<unknown>();
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
    const timer = realSetTimeout(fn, ms);
    if (which(ms)) started.push(timer);
    return timer;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((timer) => {
    cleared.add(timer);
    realClearTimeout(timer);
  }) as typeof clearTimeout);
  return { started, allCleared: () => started.every((timer) => cleared.has(timer)) };
}
