import { findSecretSpans } from './secret-spans.js';

/** Longest string remembered as clean (long texts rarely repeat). */
const MAX_CACHED_LENGTH = 128;
/** Strings remembered before the cache starts over (bounded memory). */
const MAX_ENTRIES = 8192;

/**
 * Answers "does any of these strings hold a secret?" with one `detectSecrets` call over
 * the strings joined by `\n` (a boundary for every detector), skipping short strings
 * already found clean. Records repeat most of their strings (member names, models,
 * stages, enum values), so most of a record is never rescanned.
 */
export class CleanStringCache {
  private clean = new Set<string>();
  private readonly pending: string[] = [];

  /** True when one of `strings` may hold a secret (then scan them one by one). */
  anySecret(strings: readonly string[]): boolean {
    const pending = this.pending;
    pending.length = 0;
    for (let i = 0; i < strings.length; i++) {
      const s = strings[i]!;
      if (!this.clean.has(s)) pending.push(s);
    }
    if (pending.length === 0) return false;
    const found =
      findSecretSpans(pending.length === 1 ? pending[0]! : pending.join('\n')).length > 0;
    if (!found) {
      if (this.clean.size + pending.length > MAX_ENTRIES) this.clean = new Set();
      for (let i = 0; i < pending.length; i++) {
        const s = pending[i]!;
        if (s.length <= MAX_CACHED_LENGTH) this.clean.add(s);
      }
    }
    return found;
  }
}
