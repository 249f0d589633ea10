import { isAsciiLetter, isBlank, isDigit, isLowerAsciiLetter } from '../../char-class.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { hasBip39Checksum } from './bip39-checksum.js';
import { BIP39_ENGLISH_WORDS } from './bip39-english-words.js';
import { forEachName, type NameKeys } from './credential-name-search.js';

/** The lengths of a seed phrase in words, longest first. */
const PHRASE_LENGTHS = [24, 21, 18, 15, 12] as const;
/** Fewest words a seed phrase has. */
const MIN_WORDS = Math.min(...PHRASE_LENGTHS);
/** Most words a seed phrase has: words of the list after them are the text's own. */
const MAX_WORDS = Math.max(...PHRASE_LENGTHS);
/** Longest word of the list; a longer run of letters is no word of it. */
const MAX_WORD_LENGTH = 8;
/**
 * How far after its name a seed phrase may start: past `is`, `:`, a quote, `(12 words)`,
 * a blank line.
 */
const MAX_GAP = 40;
/** Most characters between two words: a line break and indentation, `, `, ` 10. `. */
const MAX_SEPARATOR = 8;

let listIndex: ReadonlyMap<string, number> | undefined;

/** Each word of the list and its index, built on first use (most texts name no seed phrase). */
function bip39Index(): ReadonlyMap<string, number> {
  listIndex ??= new Map(BIP39_ENGLISH_WORDS.split(' ').map((word, index) => [word, index]));
  return listIndex;
}

/**
 * Each name, and the keys it is found from (each with how far back from it the name
 * starts). Keys start with a rare letter where they can (an `indexOf` costs ~0.1 ms per MB
 * for a capital, ~0.6 for a common small letter), so `seed` is read as `Seed` and `SEED`
 * only.
 */
const NAMES: ReadonlyArray<readonly [name: string, keys: NameKeys]> = [
  [
    'mnemonic',
    [
      ['mnem', [0]],
      ['Mnem', [0]],
      ['MNEM', [0]],
    ],
  ],
  [
    'seed',
    [
      ['Seed', [0]],
      ['SEED', [0]],
    ],
  ],
  [
    'phrase',
    [
      ['hrase', [1]],
      ['HRASE', [1]],
    ],
  ],
];

/** Words whose `phrase` is a seed phrase: `seed phrase`, `Secret Recovery Phrase` (MetaMask). */
const PHRASE_OWNERS = /(?:seed|recovery|backup|wallet|mnemonic)[ _-]?$/i;

/**
 * The seed phrase of a crypto wallet (BIP-39): 12 to 24 words of its English list, which
 * are the wallet's keys to whoever reads them. Taken after a name saying what they are
 * (`mnemonic`, `Seed` or `SEED` but not `seed` alone, for its cost; `seed phrase`,
 * `recovery phrase`, `backup phrase`, `wallet phrase`) within 40 characters, and only when
 * at least 12 words of the list follow each other there, separated by blanks, line breaks,
 * commas or numbers (`1. abandon 2. ability`); the words taken end where the phrase's
 * checksum says (see `phraseAfter`). A phrase with no name before it is not read: finding
 * one would mean looking up every word of every text.
 */
export const seedPhrase: Detector = {
  id: 'seed-phrase',
  type: 'secret',
  kind: 'private_key',
  priority: 100,
  needles: NAMES.flatMap(([, keys]) => keys.map(([key]) => key)),
  scan(text: string, out: Finding[]): void {
    for (const [name, keys] of NAMES) {
      forEachName(text, keys, (start) => {
        const nameEnd = nameEndAt(text, start, name);
        const phrase = nameEnd === -1 ? null : phraseAfter(text, nameEnd);
        if (phrase === null) return start + 1;
        out.push({
          type: 'secret',
          kind: 'private_key',
          start: phrase.start,
          end: phrase.end,
          detector: 'seed-phrase',
        });
        return phrase.end;
      });
    }
  },
};

/**
 * Where `name` ends when it is written from `start` as a word of its own or of a compound
 * (`WALLET_MNEMONIC`, `walletMnemonic`, `SeedPhrase`), else -1; `phrase` only after a word
 * saying whose (`seed phrase`, `recovery phrase`: not `passphrase`).
 */
function nameEndAt(text: string, start: number, name: string): number {
  const end = start + name.length;
  if (text.slice(start, end).toLowerCase() !== name) return -1;
  const before = text.charCodeAt(start - 1);
  const camel = isLowerAsciiLetter(before) && !isLowerAsciiLetter(text.charCodeAt(start));
  if (isAsciiLetter(before) && !camel) return -1;
  // `Seeding`, `mnemonics table`: the name must not run on into a longer word.
  if (isLowerAsciiLetter(text.charCodeAt(end))) return -1;
  if (name === 'phrase' && !PHRASE_OWNERS.test(text.slice(Math.max(0, start - 9), start))) {
    return -1;
  }
  return end;
}

/**
 * The seed phrase starting within the gap after a name: the first run of at least
 * {@link MIN_WORDS} list words there, cut to the longest phrase length whose BIP-39 checksum
 * holds (list words after a phrase are the text's own: `… Never share it.`), or taken whole,
 * up to {@link MAX_WORDS}, when none does (a phrase with a typo is still a phrase).
 */
function phraseAfter(text: string, from: number): { start: number; end: number } | null {
  const limit = Math.min(text.length, from + MAX_GAP);
  for (let i = from; i < limit; i++) {
    if (!isAsciiLetter(text.charCodeAt(i)) || isAsciiLetter(text.charCodeAt(i - 1))) continue;
    const run = listRun(text, i);
    if (run.indices.length >= MIN_WORDS && !inListOrder(run.indices)) {
      return { start: i, end: phraseEnd(run) };
    }
    i = run.firstEnd;
  }
  return null;
}

/**
 * True when the words come in the list's own order: an excerpt of the list (a copy of it, a
 * dictionary), not a phrase, whose random words are in order once in 479 million (12!).
 */
function inListOrder(indices: readonly number[]): boolean {
  for (let i = 1; i < indices.length; i++) if (indices[i]! <= indices[i - 1]!) return false;
  return true;
}

/** Where the phrase of a run ends: after the longest prefix with a valid checksum, else the run. */
function phraseEnd({ indices, ends }: ListRun): number {
  for (const length of PHRASE_LENGTHS) {
    if (length <= indices.length && hasBip39Checksum(indices.slice(0, length))) {
      return ends[length - 1]!;
    }
  }
  return ends[ends.length - 1]!;
}

/**
 * List words following each other: their indices in the list and where each ends (at most
 * {@link MAX_WORDS}), and where the first word read ends (to go on searching from).
 */
interface ListRun {
  indices: number[];
  ends: number[];
  firstEnd: number;
}

/** The list words following each other from `start`. */
function listRun(text: string, start: number): ListRun {
  const list = bip39Index();
  const run: ListRun = { indices: [], ends: [], firstEnd: start };
  let i = start;
  while (run.indices.length < MAX_WORDS) {
    const wordEnd = letterRunEnd(text, i);
    if (run.indices.length === 0) run.firstEnd = wordEnd;
    const index =
      wordEnd - i > MAX_WORD_LENGTH ? undefined : list.get(text.slice(i, wordEnd).toLowerCase());
    if (index === undefined) break;
    run.indices.push(index);
    run.ends.push(wordEnd);
    const next = separatorEnd(text, wordEnd);
    if (next === -1) break;
    i = next;
  }
  return run;
}

/** The end of the letters from `i`, reading at most one more than a list word can hold. */
function letterRunEnd(text: string, i: number): number {
  const limit = Math.min(text.length, i + MAX_WORD_LENGTH + 1);
  let j = i;
  while (j < limit && isAsciiLetter(text.charCodeAt(j))) j++;
  return j;
}

/**
 * Where the next word starts after the separator at `i` (blanks, line breaks, a comma, a
 * number with `.` or `)` before the word), or -1 when no word follows one.
 */
function separatorEnd(text: string, i: number): number {
  const limit = Math.min(text.length, i + MAX_SEPARATOR + 1);
  let j = i;
  let blank = false;
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (isBlank(c) || c === COMMA) blank = true;
    else if (!(isDigit(c) || ((c === DOT || c === CLOSE_PAREN) && isDigit(text.charCodeAt(j - 1)))))
      break;
    j++;
  }
  return blank && j < text.length && isAsciiLetter(text.charCodeAt(j)) ? j : -1;
}

const COMMA = 0x2c;
const DOT = 0x2e;
const CLOSE_PAREN = 0x29;
