import type { LedgerRecordV1 } from '@pm/envelope-schemas';
import { CleanStringCache, holdsSecret } from './clean-string-cache.js';
import { gatherStrings } from './scrub-secrets.js';

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
  private suspects: { record: LedgerRecordV1; line: number }[] = [];

  /** @param onSuspect scans one record of a batch in which something was found. */
  constructor(private readonly onSuspect: (record: LedgerRecordV1, line: number) => void) {}

  /** Queues the strings of a record (read at `line`) that were not seen clean before. */
  add(record: LedgerRecordV1, line: number): void {
    const strings = this.strings;
    strings.length = 0;
    strings.push(record.run_id);
    if (record.stage !== null) strings.push(record.stage);
    gatherStrings(record.data, strings);
    if (record.scrubbed !== undefined) gatherStrings(record.scrubbed, strings);
    const before = this.unseen.length;
    this.cache.collectUnseen(strings, this.unseen);
    if (this.unseen.length === before) return;
    for (let i = before; i < this.unseen.length; i++) this.unseenChars += this.unseen[i]!.length;
    this.suspects.push({ record, line });
    if (this.unseenChars >= BATCH_CHARS) this.flush();
  }

  /** Scans what is queued. Call once more after the last record. */
  flush(): void {
    if (this.suspects.length === 0) return;
    if (holdsSecret(this.unseen)) {
      for (const { record, line } of this.suspects) this.onSuspect(record, line);
    } else {
      this.cache.markClean(this.unseen);
    }
    this.unseen.length = 0;
    this.unseenChars = 0;
    this.suspects = [];
  }
}
