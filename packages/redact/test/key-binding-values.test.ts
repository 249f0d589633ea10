import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { isKeyBinding } from '../src/detectors/secrets/key-binding.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// `TOGGLE_KEY=Ctrl+Shift+1` was reported as a secret: under `*_KEY` names a key binding's
// letters, digits and `+` passed for a machine-made key. Values are generated.
const rng = createPrng(20261207);
const random = `${rng.chars(BASE62, 14)}4q`;

describe('key bindings under *_KEY names', () => {
  it.each([
    'TOGGLE_KEY=Ctrl+Shift+1',
    'HOTKEY_KEY=Alt+F4',
    'SEARCH_KEY=Cmd+K',
    '"toggleKey": "Ctrl+Shift+F12"',
    'shortcutKey: CommandOrControl+Shift+9',
    "const devToolsKey = 'CmdOrCtrl+Alt+Numpad0';",
    'PANIC_KEY=Ctrl-Alt-Delete',
  ])('leaves %s', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it.each([
    ['after a modifier word', `Ctrl+${random}`],
    ['after a one-letter prefix', `s-${random}`],
  ])('still takes a random key %s', (_, value) => {
    const text = `STRIPE_KEY=${value}`;
    expect(detectSecrets(text).map((f) => text.slice(f.start, f.end))).toEqual([value]);
  });

  it('reads a binding in one pass: linear', () => {
    expectLinearTime((n) => `${'Ctrl+'.repeat(n / 5)}1`, isKeyBinding, 1_000_000);
    expectLinearTime((n) => `TOGGLE_KEY=${'Ctrl+'.repeat(n / 5)}1`, detectSecrets, 1_000_000);
  });
});
