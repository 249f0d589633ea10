/**
 * Whether a command name at an offset is invoked there, not named as another command's
 * argument (`cat htpasswd -b …` reads a file called htpasswd, with cat's own `-b`). Read
 * back over the words before it on its command, a bounded distance: constant work per name.
 */

/** Commands that run the command after them (with their own options and arguments between). */
const LAUNCHERS: ReadonlySet<string> = new Set([
  'sudo',
  'doas',
  'su',
  'exec',
  'env',
  'time',
  'nohup',
  'nice',
  'ionice',
  'command',
  'builtin',
  'xargs',
  'RUN',
  'docker',
  'podman',
  'nerdctl',
  'kubectl',
  'oc',
  'ssh',
  'sh',
  'bash',
  'zsh',
  'ash',
  'dash',
]);

/**
 * Commands that take a file name as an argument: a launcher's command line holding one of
 * them before the name (`sudo cat htpasswd -b`) names a file, not the command.
 */
const FILE_TOOLS: ReadonlySet<string> = new Set([
  'cat',
  'bat',
  'less',
  'more',
  'head',
  'tail',
  'vi',
  'vim',
  'nvim',
  'nano',
  'emacs',
  'code',
  'ls',
  'cp',
  'mv',
  'rm',
  'ln',
  'chmod',
  'chown',
  'chgrp',
  'stat',
  'file',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'wc',
  'touch',
  'diff',
  'cmp',
  'sort',
  'uniq',
  'cut',
  'awk',
  'sed',
  'tee',
  'echo',
  'printf',
  'find',
  'base64',
  'xxd',
  'od',
  'strings',
  'tar',
  'zip',
  'scp',
  'rsync',
  'install',
]);

/** Farthest read back from the name to its command's start (`docker run` with its flags). */
const MAX_BACK = 512;
/** Most words read back before the name. */
const MAX_WORDS = 24;

/** Characters that start a command: a line end, `;`, `|`, `&`, `(`, `` ` `` or a quote. */
function isCommandStart(c: number): boolean {
  return (
    c === 10 ||
    c === 13 ||
    c === 59 ||
    c === 124 ||
    c === 38 ||
    c === 40 ||
    c === 96 ||
    c === 34 ||
    c === 39
  );
}

/** Lead words of a line that assigns a variable (`export`, `ENV`, `set`, `@set`, `local`). */
const PREFIX_LEADS: ReadonlySet<string> = new Set([
  'export',
  'ENV',
  'local',
  'set',
  'Set',
  'SET',
  '@set',
  '@Set',
  '@SET',
]);

/**
 * A word that stands before a command without being one: a prompt (`$`, `#`, `>`), a list
 * item's `-` or `*`, a YAML key (`command:`), an environment assignment (`HOME=/x`, and
 * `HT_CMD=` holding the command as its value), an env file's `export` or `ENV`, cmd's `set`
 * and `@set`, a shell function's `local`.
 */
function isPrefixWord(word: string): boolean {
  if (word === '$' || word === '#' || word === '>' || word === '-' || word === '*') return true;
  // An env file's line leads (`export HT_CMD=htpasswd -b …`, Dockerfile's `ENV`, cmd's `set`
  // and `@set`) and a shell function's `local` (`local cmd=htpasswd -b …`).
  if (PREFIX_LEADS.has(word)) return true;
  if (word.endsWith(':')) return true;
  const eq = word.indexOf('=');
  return eq > 0 && /^[A-Za-z_]\w*$/.test(word.slice(0, eq));
}

/** A word's command name: its last path segment (`/usr/bin/sudo` is `sudo`). */
function commandName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/**
 * The words before `at` on its command, first to last: read back to a character that
 * starts a command, or the text's start. Undefined when that is more than
 * {@link MAX_BACK} characters or {@link MAX_WORDS} words back.
 */
function wordsBefore(text: string, at: number): string[] | undefined {
  const limit = at - MAX_BACK;
  const words: string[] = [];
  let i = at - 1;
  for (;;) {
    while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
    if (i < 0 || isCommandStart(text.charCodeAt(i))) return words.reverse();
    const end = i + 1;
    while (i >= 0) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || isCommandStart(c)) break;
      i--;
    }
    if (i < limit || words.length === MAX_WORDS) return undefined;
    words.push(text.slice(i + 1, end));
  }
}

/**
 * Whether the command name at `at` is invoked: it starts its command (after a line start,
 * `;`, `|`, `&`, `(`, a backtick or a quote, and prompts, list marks, YAML keys and
 * environment assignments), or the command it stands in is started by a launcher
 * (`sudo`, `docker run … <image>`, `kubectl exec … --`, `ssh host`, `RUN`) with no file
 * tool (`cat`, `ls`, `vim`, …) between. False when the command's start is more than
 * {@link MAX_BACK} characters or {@link MAX_WORDS} words back.
 */
export function isInvokedAt(text: string, at: number): boolean {
  const words = wordsBefore(text, at);
  if (words === undefined) return false;
  let i = 0;
  while (i < words.length && isPrefixWord(words[i]!)) i++;
  if (i === words.length) return true;
  if (!LAUNCHERS.has(commandName(words[i]!))) return false;
  for (i++; i < words.length; i++) {
    if (FILE_TOOLS.has(commandName(words[i]!))) return false;
  }
  return true;
}
