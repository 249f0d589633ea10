import type { LedgerRecordV1 } from '@pm/envelope-schemas';
import { type ArtifactRefSink, isArtifactRef } from './artifact-store.js';
import { CleanStringCache, holdsSecret } from './clean-string-cache.js';
import { LayoutMap } from './layout-map.js';

/** Characters of unseen strings gathered before one scan covers them all. */
const BATCH_CHARS = 8 * 1024;

/**
 * The secret scan of a verification: the new strings of many records are scanned
 * together, one `detectSecrets` call per batch instead of one per record (most records
 * hold a new id or two and nothing else new). Only when a batch turns up something are
 * its records scanned one by one, through `onSuspect`, to say which record holds what.
 * Holds at most one batch of records.
 */
export class BatchSecretScan {
  private readonly cache = new CleanStringCache();
  private readonly strings: string[] = [];
  private readonly unseen: string[] = [];
  private unseenChars = 0;
  private readonly cleanLayouts = new LayoutMap<true>();
  private unseenLayouts: string[][] = [];
  private suspects: { record: LedgerRecordV1; line: number }[] = [];

  /** @param onSuspect scans one record of a batch in which something was found. */
  constructor(private readonly onSuspect: (record: LedgerRecordV1, line: number) => void) {}

  /**
   * Queues the strings of a record (read at `line`) that were not seen clean before.
   * `onRef` gets each artifact ref in its `data` (the walk verification would otherwise
   * make a second time to collect them).
   */
  add(record: LedgerRecordV1, line: number, onRef: ArtifactRefSink | null = null): void {
    const strings = this.strings;
    strings.length = 0;
    strings.push(record.run_id);
    if (record.stage !== null) strings.push(record.stage);
    this.gather(record.data, strings, onRef);
    if (record.scrubbed !== undefined) this.gather(record.scrubbed, strings, null);
    const before = this.unseen.length;
    this.cache.collectUnseen(strings, this.unseen);
    if (this.unseen.length === before) return;
    for (let i = before; i < this.unseen.length; i++) this.unseenChars += this.unseen[i]!.length;
    this.suspects.push({ record, line });
    if (this.unseenChars >= BATCH_CHARS) this.flush();
  }

  /**
   * Gathers the strings of a parsed value, leaving out member names of layouts already
   * scanned clean and artifact refs (the schema fixes them to `artifact://sha256:<hex>`,
   * which no detector matches: a test holds that).
   */
  private gather(value: unknown, out: string[], onRef: ArtifactRefSink | null): void {
    if (typeof value === 'string') {
      if (!isArtifactRef(value)) out.push(value);
      else if (onRef !== null) onRef(value);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.gather(value[i], out, onRef);
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      if (keys.length > 0 && this.cleanLayouts.get(keys) === undefined) {
        for (let i = 0; i < keys.length; i++) out.push(keys[i]!);
        this.unseenLayouts.push(keys);
      }
      for (let i = 0; i < keys.length; i++) {
        this.gather((value as Record<string, unknown>)[keys[i]!], out, onRef);
      }
    }
  }

  /** Scans what is queued. Call once more after the last record. */
  flush(): void {
    if (this.suspects.length === 0) return;
    if (holdsSecret(this.unseen)) {
      for (const { record, line } of this.suspects) this.onSuspect(record, line);
    } else {
      this.cache.markClean(this.unseen);
      for (const keys of this.unseenLayouts) this.cleanLayouts.set(keys, true);
    }
    this.unseenLayouts = [];
    this.unseen.length = 0;
    this.unseenChars = 0;
    this.suspects = [];
  }
}
