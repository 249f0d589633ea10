import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isArtifactRef } from '../src/artifact-store.js';
import { InvalidLedgerArgumentError, parseArtifactRef, readArtifact } from '../src/index.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** The shape a ref has, as the format document states it. */
const REF_SHAPE = /^artifact:\/\/sha256:([0-9a-f]{64})$/;

const hex = createHash('sha256').update('prompt body').digest('hex');
const ref = `artifact://sha256:${hex}`;

/** `ref` with the character at `at` replaced by `by`. */
function withCharAt(at: number, by: string): string {
  return ref.slice(0, at) + by + ref.slice(at + 1);
}

describe('artifact refs', () => {
  it('a ref is "artifact://sha256:" and 64 lowercase hex digits, nothing else', () => {
    expect(parseArtifactRef(ref)).toBe(hex);
    expect(isArtifactRef(ref)).toBe(true);
    const near = [
      ref.toUpperCase(),
      withCharAt(18, 'A'),
      withCharAt(81, 'g'),
      withCharAt(40, '/'),
      withCharAt(40, ':'),
      withCharAt(40, '`'),
      // Code points whose low 7 bits are a hex digit's code.
      withCharAt(40, String.fromCharCode(0x80 + 0x61)),
      withCharAt(40, String.fromCharCode(0x130)),
      withCharAt(40, String.fromCharCode(0xff10)),
      withCharAt(0, 'A'),
      withCharAt(17, '/'),
      `${ref}0`,
      ref.slice(0, -1),
      ` ${ref.slice(1)}`,
      '',
    ];
    for (const text of near) {
      expect(isArtifactRef(text), JSON.stringify(text)).toBe(false);
      expect(parseArtifactRef(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('agrees with the documented pattern on refs with any one character changed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: ref.length - 1 }),
        fc.integer({ min: 0, max: 0xffff }),
        (at, code) => {
          const text = withCharAt(at, String.fromCharCode(code));
          const expected = REF_SHAPE.exec(text)?.[1] ?? null;
          expect(parseArtifactRef(text)).toBe(expected);
          expect(isArtifactRef(text)).toBe(expected !== null);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it.each([null, undefined, 42, { toString: () => ref }])(
    'readArtifact answers %s as a ref with a typed error',
    async (notRef) => {
      const read = readArtifact(tempDir(), notRef as unknown as string);
      await expect(read).rejects.toBeInstanceOf(InvalidLedgerArgumentError);
      await expect(read).rejects.toThrow(/not an artifact ref/);
    },
  );
});
