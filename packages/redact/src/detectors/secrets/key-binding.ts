/**
 * Modifier keys as key bindings and accelerators name them (VS Code, Electron, browser
 * extensions, games), lower-case: `Ctrl+Shift+1`, `CmdOrCtrl+K`, `Alt+F4`. Emacs' one-letter
 * `C-`, `M-`, `s-` are left out: `s-` starts random keys too.
 */
const MODIFIERS: ReadonlySet<string> = new Set([
  'ctrl',
  'control',
  'shift',
  'alt',
  'altgr',
  'option',
  'opt',
  'cmd',
  'command',
  'meta',
  'super',
  'win',
  'windows',
  'mod',
  'hyper',
  'cmdorctrl',
  'commandorcontrol',
]);

/**
 * The key after the modifiers: one character (`1`, `K`, `/`), a function key (`F4`,
 * `F12`), or a key's name of letters with at most one digit last (`PageDown`, `Enter`,
 * `Numpad0`, `Digit1`): never a random string. Bounded, no nested repetition: linear.
 */
const KEY = /^(?:[^\s+]|F\d{1,2}|[A-Za-z]{2,20}\d?)$/;

/**
 * Whether `value` is a key binding: one or more modifiers then a key, joined by `+` (or
 * all by `-`, as some editors write them): `Ctrl+Shift+1`, `Alt+F4`,
 * `CommandOrControl+Shift+F12`, `Ctrl-Alt-Delete`; the key one character, a function key or
 * a key's name. Under a `*_KEY` name (`TOGGLE_KEY`, `toggleKey`) such a value mixes
 * letters, digits and `+` as a machine-made key does. One pass over the value: linear.
 */
export function isKeyBinding(value: string): boolean {
  const separator = value.includes('+') ? '+' : '-';
  let from = 0;
  let modifiers = 0;
  for (;;) {
    const end = value.indexOf(separator, from);
    if (end < 0) break;
    if (!MODIFIERS.has(value.slice(from, end).toLowerCase())) return false;
    modifiers++;
    from = end + 1;
  }
  return modifiers > 0 && KEY.test(value.slice(from));
}
