import { describe, expect, it } from 'vitest';
import { buildDisclosure, createRedactor, type DisclosureLevel } from '../src/index.js';

const email = `bob${'@'}example.com`;

describe('unknown profile names and levels', () => {
  it('a profile named like an Object.prototype member is unknown, not a TypeError', () => {
    for (const profile of ['toString', '__proto__', 'constructor']) {
      expect(() => createRedactor({ profile: profile as 'strict' })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('Unknown redaction profile'),
        }),
      );
    }
  });

  it('an unknown profile is quoted only when shaped like a name, as unknown options are', () => {
    expect(() => createRedactor({ profile: 'homebrw' as 'homebrew' })).toThrow(/"homebrw"/);
    try {
      createRedactor({ profile: email as 'strict' });
      expect.unreachable();
    } catch (e) {
      expect(
        String((e as Error).message) + JSON.stringify((e as { details?: unknown }).details),
      ).not.toContain('bob');
      expect((e as Error).message).toContain(`of ${email.length} characters`);
    }
  });

  it('a bad disclosure level is named by its type, never echoed (nor its toString run)', () => {
    const level = {
      toString() {
        throw new Error('must not be called');
      },
    } as unknown as DisclosureLevel;
    expect(() => buildDisclosure([], { level, profile: 'homebrew' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('got object'),
      }),
    );
    try {
      buildDisclosure([], { level: email as unknown as DisclosureLevel, profile: 'homebrew' });
      expect.unreachable();
    } catch (e) {
      expect(
        String((e as Error).message) + JSON.stringify((e as { details?: unknown }).details),
      ).not.toContain('bob');
    }
    expect(() => buildDisclosure([], { level: 7 as DisclosureLevel, profile: 'homebrew' })).toThrow(
      /got 7/,
    );
  });
});
