import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasBip39Checksum } from '../src/detectors/secrets/bip39-checksum.js';
import { BIP39_ENGLISH_WORDS } from '../src/detectors/secrets/bip39-english-words.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { expectOnlySecret, spans } from './helpers/spans.js';

// A wallet's seed phrase (BIP-39) passed in clear under every name. The phrases are the
// specification's published test vectors (trezor/python-mnemonic vectors.json), which
// hold no funds.
const LIST = BIP39_ENGLISH_WORDS.split(' ');
const LEGAL = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const LETTER = 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above';
const ABANDON_18 = `${'abandon '.repeat(17)}agent`;
const ZOO_24 = `${'zoo '.repeat(23)}vote`;

describe('the BIP-39 word list', () => {
  it('is the specification’s english.txt (its published SHA-256)', () => {
    expect(LIST).toHaveLength(2048);
    const file = `${LIST.join('\n')}\n`;
    expect(createHash('sha256').update(file).digest('hex')).toBe(
      '2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda',
    );
  });

  it('checks the checksum of the published vectors, and refuses a changed last word', () => {
    const indices = (phrase: string) => phrase.split(' ').map((word) => LIST.indexOf(word));
    for (const phrase of [LEGAL, LETTER, ABANDON_18, ZOO_24]) {
      expect(hasBip39Checksum(indices(phrase))).toBe(true);
    }
    expect(hasBip39Checksum(indices(LEGAL.replace(/yellow$/, 'year')))).toBe(false);
  });
});

describe('seed phrases', () => {
  it.each([
    ['a labelled line', `seed phrase: ${LEGAL}`, LEGAL],
    ['an env file', `MNEMONIC=${LETTER}`, LETTER],
    ['a quoted setting', `mnemonic = "${ZOO_24}"`, ZOO_24],
    ['JSON', `{"mnemonic": "${ABANDON_18}"}`, ABANDON_18],
    ['a sentence', `my seed phrase is ${LEGAL} if you need it`, LEGAL],
    ['a constant', `SEED_PHRASE=${LETTER}`, LETTER],
    ['camelCase', `const walletMnemonic = '${LEGAL}';`, LEGAL],
    ['a capital Seed', `Seed: ${LETTER}`, LETTER],
    ['MetaMask’s name, the phrase below it', `Secret Recovery Phrase:\n\n${LETTER}\n`, LETTER],
    ['a backup phrase', `Backup phrase - ${LEGAL}`, LEGAL],
    ['capitalised', `SEED: ${LEGAL.toUpperCase()}`, LEGAL.toUpperCase()],
  ])('%s', (_, text, phrase) => {
    expectOnlySecret(text, phrase);
    expect(createRedactor().redactText(text).text).not.toContain(phrase);
  });

  it('ends where the checksum holds, not at the list words of the sentence after it', () => {
    // `never`, `share`, `all` and `you` are list words too.
    expectOnlySecret(`Recovery phrase: ${LEGAL} never share all you`, LEGAL);
  });

  it('takes the whole run when no length has a valid checksum (a phrase with a slip)', () => {
    const slipped = LEGAL.replace(/yellow$/, 'year');
    expectOnlySecret(`seed phrase: ${slipped}`, slipped);
  });

  it('takes a numbered or comma-separated phrase', () => {
    const numbered = LEGAL.split(' ')
      .map((word, i) => `${i + 1}. ${word}`)
      .join('\n');
    const found = spans(`Your recovery phrase:\n${numbered}\n`);
    expect(found).toHaveLength(1);
    for (const word of LEGAL.split(' ')) expect(found[0]).toContain(word);
    expectOnlySecret(`Seed words: ${LEGAL.split(' ').join(', ')}`, LEGAL.split(' ').join(', '));
  });

  it.each([
    // No name before it: finding one would mean looking every word up.
    LEGAL,
    `need ${LEGAL}`,
    // `phrase` of a passphrase, and a name running on into a longer word.
    `passphrase: ${LEGAL}`,
    `Seeding ${LEGAL}`,
    // Fewer than 12 words.
    `seed phrase: ${LEGAL.split(' ').slice(0, 11).join(' ')}`,
    // The name, then more than 40 characters before the words.
    `seed phrase: ${'x'.repeat(40)} ${LEGAL}`,
    // An excerpt of the list in its own order: a copy of the list, not a phrase.
    `SEED\n${LIST.slice(LIST.indexOf('seed') + 1, LIST.indexOf('seed') + 30).join('\n')}`,
    'random seed 42 was used for the test',
    'the seed of the plant grows in the ground all year and you can see the one tree',
    'mnemonic: a word that helps you remember',
  ])('leaves %j', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('scans in linear time', () => {
    expectLinearTime((n) => `seed ${'abandon '.repeat(n / 8)}`, detectSecrets, 1_000_000);
    expectLinearTime((n) => 'seed: '.repeat(n / 6), detectSecrets, 1_000_000);
    expectLinearTime((n) => `${'seed abandon '.repeat(n / 26)}`, detectSecrets, 1_000_000);
  });
});
