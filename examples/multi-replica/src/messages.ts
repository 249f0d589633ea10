/** What the coordinator tells each worker (as its one argument, JSON). */
export interface WorkerConfig {
  workerId: number;
  redisUrl: string;
  /** Unique per run, so runs never share counters. */
  prefix: string;
  /** The loopback OpenAI-compatible server standing in for the provider. */
  baseURL: string;
  model: string;
  dayCapUsd: number;
  requestsPerMinute: number;
  /** Output ceilings of the worker's calls, in order. */
  outputCeilings: number[];
  ledgerDir: string;
}

/** An alert as a worker saw it through `onEvent`. */
export interface AlertSeen {
  level: string;
  scope: string;
  metric: string;
  spent: number;
  limit: number;
}

/** Worker to coordinator, over the IPC channel `fork` opens. */
export type WorkerMessage =
  | { type: 'ready'; workerId: number }
  | { type: 'alert'; workerId: number; alert: AlertSeen }
  | {
      type: 'done';
      workerId: number;
      completed: number;
      refused: number;
      spentUsd: number;
      ledgerDir: string;
    }
  | { type: 'failed'; workerId: number; message: string };

/** Coordinator to worker: start calling (all workers start together). */
export type CoordinatorMessage = { type: 'go' };
