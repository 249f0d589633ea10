/**
 * RFC 3339 timestamps for records, formatted once per millisecond rather than once per
 * record: many appends share a millisecond at full speed, and `toISOString` allocates.
 */
export class IsoClock {
  private lastMs = -1;
  private lastText = '';

  /** The current time as `YYYY-MM-DDTHH:mm:ss.sssZ`. */
  now(): string {
    const ms = Date.now();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastText = new Date(ms).toISOString();
    }
    return this.lastText;
  }
}
