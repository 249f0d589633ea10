import type { LLMProvider } from '../../src/index.js';

/**
 * A remote provider whose every attempt throws what `fail()` returns; `calls()` counts the
 * attempts made.
 */
export function failingProvider(fail: () => Error): LLMProvider & { calls(): number } {
  let calls = 0;
  return {
    name: 'p',
    remote: true,
    origins: ['https://p.invalid'],
    describe: () => ({ name: 'p', remote: true, endpoints: [], credentialSource: 'none' }),
    call: async () => {
      calls++;
      throw fail();
    },
    calls: () => calls,
  };
}
