import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Prose for the throughput bench: the README.md files under node_modules (third-party only),
 * in path order,
 * up to `bytes`. Real, varied English (and some code), not one paragraph repeated (which
 * would flatter engines with a merge cache).
 */
export function proseCorpus(root: string, bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  const walk = (dir: string, depth: number) => {
    if (size >= bytes || depth > 3) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      if (size >= bytes) return;
      const path = join(dir, name);
      if (name.toLowerCase() === 'readme.md') {
        const text = readFileSync(path, 'utf8');
        parts.push(text);
        size += Buffer.byteLength(text);
      } else if (!name.startsWith('.') && name !== '@pm') {
        // @pm/* are this repo's own packages, edited while the bench runs: not reproducible.
        try {
          if (statSync(path).isDirectory()) walk(path, depth + 1);
        } catch {}
      }
    }
  };
  walk(join(root, 'node_modules'), 0);
  const text = parts.join('\n\n');
  return text.slice(0, bytes);
}

/** `n` pseudo-random lowercase letters (one giant BPE piece). */
export function randomLetters(n: number, seed = 1): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += String.fromCharCode(97 + (x % 26));
  }
  return s;
}

/** `n` characters of `=` runs (what a malicious "separator line" looks like). */
export function equalsRuns(n: number): string {
  return '='.repeat(n);
}

/**
 * About `n` characters of random-letter words of `word` letters: the worst case that stays
 * on the exact path (no run reaches 256), so every piece is merged for real.
 */
export function randomWords(n: number, word: number, seed = 1000): string {
  const words: string[] = [];
  let size = 0;
  let s = seed;
  while (size < n) {
    words.push(randomLetters(word, s++));
    size += word + 1;
  }
  return words.join(' ').slice(0, n);
}
