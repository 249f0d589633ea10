import type { Finding } from '../../finding.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * Whether a command (`curl`, `mysql`) starts the command line an offset is on: flags such
 * as `-b` and `-p` mean cookies and passwords only to their own command (`git checkout
 * -b`, `mkdir -p` are something else).
 */

/**
 * A password argument of a command (`mysql -p…`, `sshpass -p …`): quoted whole (group 2,
 * without its quotes) or a bare word (group 3), to a blank, a quote or what ends a command.
 * Bounded repetition; each alternative starts with a different character.
 */
export const PASSWORD_ARGUMENT = '(["\'])([^"\'\\s]{1,256})\\1|([^\\s"\'`;|&)]{1,256})';

const ARGUMENT = new RegExp(PASSWORD_ARGUMENT, 'y');

/**
 * Reports the password argument starting at `from` (quoted, without its quotes, or a bare
 * word) as a `generic` secret of `detector` when it is shaped like one (`isSecretValue`,
 * with `lenient` as its `inUrlQuery`); returns where the argument ends (`from` when there
 * is none).
 */
export function reportPasswordArgument(
  text: string,
  from: number,
  detector: string,
  lenient: boolean,
  out: Finding[],
): number {
  ARGUMENT.lastIndex = from;
  const m = ARGUMENT.exec(text);
  if (m === null) return from;
  const quoted = m[2] !== undefined;
  const value = quoted ? m[2]! : m[3]!;
  const start = from + (quoted ? 1 : 0);
  if (isSecretValue(value, !quoted, lenient)) {
    out.push({ type: 'secret', kind: 'generic', start, end: start + value.length, detector });
  }
  return ARGUMENT.lastIndex;
}

/** Characters after which a command word may start: a blank, a line end, `;|&(` or a quote. */
function startsCommand(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 59 || // ;
    c === 124 || // |
    c === 38 || // &
    c === 40 || // (
    c === 96 || // `
    c === 39 || // '
    c === 34 // "
  );
}

/** Longest tail a command name may carry (`mysqldump`, `mariadb-dump`, from `mysql`, `mariadb`). */
const MAX_TAIL = 16;

/** Longest directory path read before a command name (`/usr/local/bin/`, `C:\\tools\\`). */
const MAX_PATH = 256;

/**
 * Whether `c` may be part of a directory path before a command name: letters, digits and
 * `._-~+@$:` beside the separators `/` and `\` (`/usr/bin/`, `./`, `~/bin/`, `$HOME/bin/`,
 * `C:\tools\`). Not `=` or a quote: `--config=/etc/htpasswd` names a file.
 */
function isPathChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 47 || // /
    c === 92 || // \
    c === 46 || // .
    c === 95 || // _
    c === 45 || // -
    c === 126 || // ~
    c === 43 || // +
    c === 64 || // @
    c === 36 || // $
    c === 58 // :
  );
}

/**
 * Start of the command word whose name is at `at`: `at` itself when a command may start
 * there, or the start of a directory path written before the name (`/usr/bin/htpasswd`,
 * `./sshpass`, `C:\tools\mysql.exe`) when that path starts where a command may; -1 when
 * neither does. A URL (`https://host/mysql`) is no path. The path is read back at most
 * {@link MAX_PATH} characters: constant work per name.
 */
export function commandWordStart(text: string, at: number): number {
  if (at === 0 || startsCommand(text.charCodeAt(at - 1))) return at;
  const separator = text.charCodeAt(at - 1);
  if (separator !== 47 && separator !== 92) return -1;
  const limit = Math.max(0, at - MAX_PATH);
  let start = at - 1;
  while (start > limit && isPathChar(text.charCodeAt(start - 1))) start--;
  if (start > 0 && !startsCommand(text.charCodeAt(start - 1))) return -1;
  return text.slice(start, at).includes('://') ? -1 : start;
}

/**
 * Whether `name` at `at` is a command word: it starts a command, alone or after a
 * directory path (`commandWordStart`), and after it come lower-case letters or `-`
 * (`mysqldump`, `mariadb-dump`; none when `exact`), an optional `.exe`, and a blank.
 */
export function isCommandWord(text: string, at: number, name: string, exact: boolean): boolean {
  if (commandWordStart(text, at) < 0) return false;
  let end = at + name.length;
  if (!exact) {
    const limit = end + MAX_TAIL;
    while (end < limit) {
      const c = text.charCodeAt(end);
      if (!((c >= 97 && c <= 122) || c === 45)) break;
      end++;
    }
  }
  if (text.startsWith('.exe', end)) end += 4;
  const after = text.charCodeAt(end);
  return after === 32 || after === 9;
}

/** Whether the line break at `at` is escaped, joining the next line to the command (`\` + newline). */
function isContinued(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  return before === 92 || (before === 13 && text.charCodeAt(at - 2) === 92);
}

/**
 * What ends a shell command besides a line break: `;`, `|` (and `||`), `&&`. Quotes are not
 * followed, so one of these inside a quoted argument before the flag ends the command
 * early: a miss in that rare case, where following the command past them took `git log
 * -pName` after `mysql … &&` for a password.
 */
const COMMAND_SEPARATOR = /;|\||&&/g;

/**
 * Answers, for increasing offsets into `text`, whether one of the commands `names` starts
 * the command the offset is in (lines joined by a trailing `\` are one; `;`, `|`, `&&`
 * end a command, and so does the tool of a command with a subcommand written again:
 * `docker` after `docker login`). `exact`: the names are whole words (`curl`), not stems (`mysql` for
 * `mysqldump`). The last command word and the last end of a command are followed forward
 * (`indexOf`, a global regex), so all the questions about one text cost one pass over it,
 * however many flags it holds.
 */
export function commandTracker(
  text: string,
  names: readonly string[],
  exact: boolean,
): (at: number) => boolean {
  let command = -1;
  const next = names.map((name) => text.indexOf(name));
  // The tool of a command with a subcommand (`docker` of `docker login`): written again,
  // it starts another command (`docker run -p 5432:5432` later on the line is no login).
  const tools = [...new Set(names.filter((name) => name.includes(' ')).map(toolOf))];
  const nextTool = tools.map((tool) => text.indexOf(tool));
  let commandEnd = -1;
  let nextBreak = text.indexOf('\n');
  const separators = new RegExp(COMMAND_SEPARATOR);
  let nextSeparator = separators.exec(text);
  return (at) => {
    for (let k = 0; k < names.length; k++) {
      const name = names[k]!;
      let i = next[k]!;
      while (i >= 0 && i < at) {
        if (i > command && isCommandWord(text, i, name, exact)) command = i;
        i = text.indexOf(name, i + name.length);
      }
      next[k] = i;
    }
    for (let k = 0; k < tools.length; k++) {
      const tool = tools[k]!;
      let i = nextTool[k]!;
      while (i >= 0 && i < at) {
        if (i > command && isCommandWord(text, i, tool, true) && !startsName(text, i, names)) {
          commandEnd = Math.max(commandEnd, i);
        }
        i = text.indexOf(tool, i + tool.length);
      }
      nextTool[k] = i;
    }
    while (nextBreak >= 0 && nextBreak < at) {
      if (!isContinued(text, nextBreak)) commandEnd = Math.max(commandEnd, nextBreak);
      nextBreak = text.indexOf('\n', nextBreak + 1);
    }
    while (nextSeparator !== null && nextSeparator.index < at) {
      commandEnd = Math.max(commandEnd, nextSeparator.index);
      nextSeparator = separators.exec(text);
    }
    return command > commandEnd;
  };
}

/** The tool that starts a command name: `docker` of `docker login`. */
function toolOf(name: string): string {
  return name.slice(0, name.indexOf(' '));
}

/** Whether one of `names` is written at `at`. */
function startsName(text: string, at: number, names: readonly string[]): boolean {
  return names.some((name) => text.startsWith(name, at));
}

/**
 * {@link commandTracker} for a check called with a text and an offset (a detector's
 * `validate`): the tracker of the last text is kept while offsets grow, so one scan of a
 * text still costs one pass over it; a new text, or a smaller offset, starts a new one.
 */
export function commandCheck(
  names: readonly string[],
  exact: boolean,
): (text: string, at: number) => boolean {
  let tracked: string | undefined;
  let tracker: (at: number) => boolean = () => false;
  let last = -1;
  return (text, at) => {
    if (text !== tracked || at < last) {
      tracked = text;
      tracker = commandTracker(text, names, exact);
    }
    last = at;
    return tracker(at);
  };
}
