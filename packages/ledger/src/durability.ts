import { fdatasyncSync } from 'node:fs';
import { describeValue } from './describe-value.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';

/**
 * How hard `append` works to survive a power loss (a process crash loses nothing that
 * `append` returned in any mode: every record is one `write(2)` straight to the kernel).
 *
 * - `strict`: every record is on disk before `append` returns (the file is opened with
 *   O_DSYNC, so each write(2) returns once durable; fdatasync per record where the
 *   platform lacks it). Survives power loss record by record; costs one disk flush per
 *   record (~2.5k-6k records/s on the SSDs measured).
 * - `batch` (default): group commit. fdatasync once `maxRecords` records are unsynced or
 *   `maxDelayMs` after the first unsynced one, and at `flush()`/`close()`. A power loss
 *   can lose at most that window; `append(r, { sync: true })` makes one record (and all
 *   before it) durable at once, which is what the pipeline does for a request record.
 * - `none`: fdatasync (artifacts too) only at `flush()`/`close()`. For tests and
 *   throwaway runs.
 */
export type DurabilityMode = 'strict' | 'batch' | 'none';

/** `batch` with its group-commit window tuned. */
export interface BatchDurability {
  /** Always `batch`. */
  mode: 'batch';
  /** Sync once this many records are unsynced (default 512). */
  maxRecords?: number;
  /** Sync at most this many ms after the first unsynced record (default 100). */
  maxDelayMs?: number;
}

/** A durability mode, or `batch` with its window. */
export type DurabilityOption = DurabilityMode | BatchDurability;

/** The defaults of `batch`: a small window for power loss, ~free per record. */
export const DEFAULT_BATCH_RECORDS = 512;
/** See {@link DEFAULT_BATCH_RECORDS}. */
export const DEFAULT_BATCH_DELAY_MS = 100;

/**
 * The sync policy of one open ledger file. `afterWrite` runs once per record: a counter
 * check, and for `batch` at most one timer armed per window (no allocation per record).
 */
export class SyncPolicy {
  /** The mode in force. */
  readonly mode: DurabilityMode;
  private readonly maxRecords: number;
  private readonly maxDelayMs: number;
  private readonly syncFile: (fd: number) => void;
  private readonly beforeSync: () => void;
  private readonly writesAreDurable: boolean;
  private unsynced = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly onTimer = () => {
    this.timer = undefined;
    try {
      if (this.unsynced > 0) this.syncNow();
    } catch {
      // Reported through onError (the ledger closes); throwing from a timer would crash the host.
    }
  };

  /**
   * @param fd the open ledger file.
   * @param option the durability asked for.
   * @param onError called when a sync fails (the ledger then stops taking records).
   * @param hooks `syncFile`: the flush itself (tests count flushes); `beforeSync`: runs
   *   before each flush (makes pending artifacts durable); `writesAreDurable`: the file
   *   was opened with O_DSYNC, so in `strict` each write is durable when it returns and
   *   needs no flush of its own.
   */
  constructor(
    private readonly fd: number,
    option: DurabilityOption | undefined,
    private readonly onError: (error: unknown) => void,
    hooks: {
      syncFile?: (fd: number) => void;
      beforeSync?: () => void;
      writesAreDurable?: boolean;
    } = {},
  ) {
    const resolved = resolveDurability(option);
    this.mode = resolved.mode;
    this.maxRecords = resolved.maxRecords;
    this.maxDelayMs = resolved.maxDelayMs;
    this.syncFile = hooks.syncFile ?? fdatasyncSync;
    this.beforeSync = hooks.beforeSync ?? (() => {});
    this.writesAreDurable = hooks.writesAreDurable === true;
  }

  /** Called after each record is written; `force` makes it durable now whatever the mode. */
  afterWrite(force: boolean): void {
    if (this.writesAreDurable) return;
    this.unsynced++;
    if (force || this.mode === 'strict') {
      this.syncNow();
      return;
    }
    if (this.mode === 'none') return;
    if (this.unsynced >= this.maxRecords) {
      this.syncNow();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(this.onTimer, this.maxDelayMs);
      // The window must not keep the host process alive.
      this.timer.unref();
    }
  }

  /** Makes every written record durable now (and, through `beforeSync`, every artifact). */
  syncNow(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    try {
      // Artifacts first: a durable record must never name a non-durable artifact. Also
      // when no record is unsynced: `flush()` right after `putArtifact` must cover it.
      this.beforeSync();
      if (this.unsynced === 0) return;
      // fdatasync also flushes the file size, which is all an append changes.
      this.syncFile(this.fd);
      this.unsynced = 0;
    } catch (error) {
      this.onError(error);
      throw error;
    }
  }

  /** Stops the timer without syncing (the file is being closed after a final `syncNow`). */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * Validates a durability option and fills in `batch`'s defaults, as `openLedger` does: for
 * a host that checks its configuration at start-up, before any run is opened.
 *
 * @throws InvalidLedgerArgumentError for anything but the forms of {@link DurabilityOption}.
 */
export function resolveDurability(option: DurabilityOption | undefined): {
  mode: DurabilityMode;
  maxRecords: number;
  maxDelayMs: number;
} {
  // null, a number…: refused here, before `.mode` is read from it.
  if (option !== undefined && typeof option !== 'string' && !isObject(option)) {
    throw new InvalidLedgerArgumentError(
      `durability must be 'strict', 'batch', 'none' or { mode: 'batch', maxRecords?, maxDelayMs? } (or left out for 'batch'); got ${option === null ? 'null' : typeof option}.`,
    );
  }
  const o: BatchDurability | { mode: DurabilityMode } =
    option === undefined
      ? { mode: 'batch' }
      : typeof option === 'string'
        ? { mode: option }
        : option;
  if (o.mode !== 'strict' && o.mode !== 'batch' && o.mode !== 'none') {
    throw new InvalidLedgerArgumentError(
      `Unknown durability ${shownMode(o.mode)}: use 'strict', 'batch' or 'none'.`,
    );
  }
  const maxRecords =
    'maxRecords' in o && o.maxRecords !== undefined ? o.maxRecords : DEFAULT_BATCH_RECORDS;
  const maxDelayMs =
    'maxDelayMs' in o && o.maxDelayMs !== undefined ? o.maxDelayMs : DEFAULT_BATCH_DELAY_MS;
  if (!Number.isInteger(maxRecords) || maxRecords < 1) {
    throw new InvalidLedgerArgumentError('durability.maxRecords must be an integer >= 1.');
  }
  if (!Number.isFinite(maxDelayMs) || maxDelayMs < 0) {
    throw new InvalidLedgerArgumentError('durability.maxDelayMs must be a number of ms >= 0.');
  }
  return { mode: o.mode, maxRecords, maxDelayMs };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * A misspelt mode (`"fast"`, `"Strict"`) as given; anything else only by its type and
 * length: a value in the wrong option may be a key, and messages reach logs.
 */
function shownMode(mode: unknown): string {
  if (typeof mode !== 'string') return `(${describeValue(mode)})`;
  return /^[A-Za-z_-]{1,16}$/.test(mode)
    ? JSON.stringify(mode)
    : `(a string of ${mode.length} characters)`;
}
