/**
 * htpasswd's arguments read one argv element at a time, as `htpasswd-password.ts` reads
 * them on a command line: flags first (`-b`, `-c`, `-n`, `-D`, bundled as `-Bbn`, and
 * `-C <cost>`, `-r <rounds>` with their argument), then `[file] user password`. With `-b`
 * (batch) the password is the last argument, given in clear: the third, or the second
 * with `-n` (no file); with `-D` (delete) none is given.
 */
export class HtpasswdArguments {
  private batch = false;
  private noFile = false;
  private deletes = false;
  private count = 0;
  /** Whether the next element is a flag's own argument (`-C 12`). */
  private flagArgument = false;

  /**
   * Reads the next element after the command (undefined for one that is not a string, an
   * argument still) and tells whether it is the password.
   */
  isPassword(element: string | undefined): boolean {
    if (this.flagArgument) {
      this.flagArgument = false;
      return false;
    }
    if (element !== undefined && this.count === 0 && element.charCodeAt(0) === 45 /* - */) {
      const flags = element.slice(1);
      this.batch ||= flags.includes('b');
      this.noFile ||= flags.includes('n');
      this.deletes ||= flags.includes('D');
      const last = flags.charCodeAt(flags.length - 1);
      this.flagArgument = last === 67 /* C */ || last === 114; /* r */
      return false;
    }
    this.count++;
    return this.batch && !this.deletes && this.count === (this.noFile ? 2 : 3);
  }
}
