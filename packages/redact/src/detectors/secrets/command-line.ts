import { isAsciiAlphanumeric } from '../../char-class.js';
import type { Finding } from '../../finding.js';
import {
  followsLineLead,
  isEnvFileAssignment,
  isFirstOnLine,
  VARIABLE_LEADS,
} from './env-file-line.js';
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

/** Longest env name read back before a `=` (`SSHPASS_CMD=`). */
const MAX_ENV_NAME = 64;

/**
 * A script's own variable's name, starting in lower case (`cmd`, `mysql_cmd`, `redisCmd`),
 * as shell scripts and batch files name their own.
 */
const VARIABLE_NAME = /^[a-z_][A-Za-z0-9_]*$/;

/**
 * Whether the `=` at `eq` ends an env file's name (`SSHPASS_CMD=sshpass -p …`,
 * `export MYSQL_CMD=mysql -p…`, `set CMD=…`, `@set CMD=…`) or a script variable's name
 * starting in lower case (`cmd=…`, `redisCmd=…`) that stands first on its line, alone or
 * after `local`, `export` or cmd's `set` (`local cmd=sshpass -p …`): there the value is a
 * command given to a program, not a flag's value (`--config=/etc/htpasswd`) nor an option
 * on a command line (`docker run -e DB=mysql -p3306:3306`: the name is not first on its
 * line). No other lead word is taken (`const cmd=…` is code). Read back a bounded distance.
 */
function endsEnvName(text: string, eq: number): boolean {
  const limit = Math.max(0, eq - MAX_ENV_NAME);
  let k = eq;
  while (k > limit) {
    const c = text.charCodeAt(k - 1);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95)) {
      break;
    }
    k--;
  }
  if (k === eq) return false;
  const name = text.slice(k, eq);
  if (isEnvFileAssignment(text, k, name)) return true;
  return (
    VARIABLE_NAME.test(name) && (isFirstOnLine(text, k) || followsLineLead(text, k, VARIABLE_LEADS))
  );
}

/** Longest YAML key read back before a `:` (`command:`). */
const MAX_YAML_KEY = 64;

/**
 * Whether the `:` at `colon` ends a YAML key that stands first on its line, after
 * indentation and at most a list item's `- ` (`command:redis-cli -a …`, `  - run:sshpass
 * …`): a value glued to its key, as hand-written configs have it. A key not first on its
 * line is prose or a value (`see note:…`, `image: cache:…`). Read back a bounded distance.
 */
function endsYamlKey(text: string, colon: number): boolean {
  const limit = Math.max(0, colon - MAX_YAML_KEY);
  let k = colon;
  while (k > limit) {
    const c = text.charCodeAt(k - 1);
    if (
      !(
        (c >= 65 && c <= 90) ||
        (c >= 97 && c <= 122) ||
        (c >= 48 && c <= 57) ||
        c === 95 ||
        c === 45
      )
    ) {
      break;
    }
    k--;
  }
  if (k === colon) return false;
  if (isFirstOnLine(text, k)) return true;
  return (
    text.charCodeAt(k - 1) === 32 && text.charCodeAt(k - 2) === 45 && isFirstOnLine(text, k - 2)
  );
}

/**
 * Whether a command may start at `at`: the text's start, after a character that starts one
 * (`startsCommand`), right after an env file's `NAME=` (`endsEnvName`) or right after a
 * YAML key's `:` with no blank (`endsYamlKey`).
 */
function mayStartAt(text: string, at: number): boolean {
  if (at === 0) return true;
  const c = text.charCodeAt(at - 1);
  return (
    startsCommand(c) ||
    (c === 61 /* = */ && endsEnvName(text, at - 1)) ||
    (c === 58 /* : */ && endsYamlKey(text, at - 1))
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
    isAsciiAlphanumeric(c) ||
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

/** Whether `c` is a quote that may wrap a command word: `"` or `'`. */
function isQuote(c: number): boolean {
  return c === 34 || c === 39;
}

/**
 * Whether a quoted path (its content from `from` to `to`) starts as a path does: `/`, `~`,
 * `.`, `$`, `%` (`%ProgramFiles%`), `\\` or a drive (`C:\`, `C:/`). Only such a path may hold
 * blanks (`"C:\Program Files\…"`): a quoted sentence ending in a path does not start so.
 */
function startsLikePath(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  const c = text.charCodeAt(from);
  if (c === 47 || c === 126 || c === 46 || c === 36 || c === 37 || c === 92) return true;
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  const slash = text.charCodeAt(from + 2);
  return letter && text.charCodeAt(from + 1) === 58 /* : */ && (slash === 92 || slash === 47);
}

/**
 * Offset of the quote opening a quoted path that ends right before the name at `at`
 * (`"C:\Program Files\Apache24\bin\htpasswd.exe"`, `'/opt/my tools/mysql'`): read back
 * over path characters, blanks and parentheses (`Program Files (x86)`) to a quote, at most
 * {@link MAX_PATH} characters, the path starting as one does and the quote where a command
 * may start. -1 when there is none.
 */
function quotedPathStart(text: string, at: number): number {
  const limit = Math.max(0, at - MAX_PATH);
  let k = at - 1;
  while (k > limit) {
    const c = text.charCodeAt(k - 1);
    if (!(isPathChar(c) || c === 32 || c === 40 || c === 41)) break;
    k--;
  }
  const quote = k - 1;
  if (quote < 0 || !isQuote(text.charCodeAt(quote)) || !startsLikePath(text, k, at)) return -1;
  if (!mayStartAt(text, quote)) return -1;
  return quote;
}

/**
 * Start of the command word whose name is at `at`: `at` itself when a command may start
 * there, or the start of a directory path written before the name (`/usr/bin/htpasswd`,
 * `./sshpass`, `C:\tools\mysql.exe`) when that path starts where a command may, or the
 * quote opening a quoted path with blanks (`"C:\Program Files\…\htpasswd.exe"`); -1 when
 * none does. A URL (`https://host/mysql`) is no path. The path is read back at most
 * {@link MAX_PATH} characters: constant work per name.
 */
export function commandWordStart(text: string, at: number): number {
  if (mayStartAt(text, at)) return at;
  const separator = text.charCodeAt(at - 1);
  if (separator !== 47 && separator !== 92) return -1;
  const limit = Math.max(0, at - MAX_PATH);
  let start = at - 1;
  while (start > limit && isPathChar(text.charCodeAt(start - 1))) start--;
  const stop = start > 0 ? text.charCodeAt(start - 1) : -1;
  // A blank there may be inside a quoted path (`"C:\Program Files\…`): its quote starts the word.
  if (stop === 32 || stop === 40 || stop === 41 || !mayStartAt(text, start)) {
    const quote = quotedPathStart(text, at);
    if (quote >= 0) start = quote;
    else if (!mayStartAt(text, start)) return -1;
  }
  return text.slice(start, at).includes('://') ? -1 : start;
}

/** Where a command word starts (its opening quote, when quoted) and ends (after its closing quote). */
export interface CommandWord {
  readonly start: number;
  readonly end: number;
}

/**
 * The command word whose name `name` is at `at`, or undefined when it is none: the word
 * starts a command, alone or after a directory path (`commandWordStart`), and after the
 * name come lower-case letters or `-` (`mysqldump`, `mariadb-dump`; none when `exact`), an
 * optional `.exe`, the quote closing a quoted word (`"/usr/bin/mysql"`,
 * `"C:\Program Files\…\htpasswd.exe"`: the one right before the word opens it), and a blank.
 */
export function commandWordAt(
  text: string,
  at: number,
  name: string,
  exact: boolean,
): CommandWord | undefined {
  let start = commandWordStart(text, at);
  if (start < 0) return undefined;
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
  // Quoted: the word opens with a quote (its start, or right before it) that closes here.
  const open = isQuote(text.charCodeAt(start)) ? start : start - 1;
  if (
    open >= 0 &&
    isQuote(text.charCodeAt(open)) &&
    text.charCodeAt(end) === text.charCodeAt(open)
  ) {
    start = open;
    end++;
  }
  const after = text.charCodeAt(end);
  return after === 32 || after === 9 ? { start, end } : undefined;
}

/** End of the command word whose name is at `at` (`commandWordAt`), or -1 when it is none. */
export function commandWordEnd(text: string, at: number, name: string, exact: boolean): number {
  return commandWordAt(text, at, name, exact)?.end ?? -1;
}

/**
 * Whether `name` at `at` is a command word (`commandWordEnd`): it starts a command, alone,
 * after a directory path or quoted, and a blank follows.
 */
export function isCommandWord(text: string, at: number, name: string, exact: boolean): boolean {
  return commandWordEnd(text, at, name, exact) >= 0;
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
  // A name with a subcommand (`docker login`) is found by its tool: quoted or by its path,
  // the tool's word is not followed by one blank and the subcommand (`"…\docker.exe" login`).
  const searched = names.map((name) => (name.includes(' ') ? toolOf(name) : name));
  const next = searched.map((name) => text.indexOf(name));
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
      const word = searched[k]!;
      let i = next[k]!;
      while (i >= 0 && i < at) {
        if (i > command && isNamedCommand(text, i, name, exact)) command = i;
        i = text.indexOf(word, i + word.length);
      }
      next[k] = i;
    }
    for (let k = 0; k < tools.length; k++) {
      const tool = tools[k]!;
      let i = nextTool[k]!;
      while (i >= 0 && i < at) {
        if (
          i > command &&
          isCommandWord(text, i, tool, true) &&
          !names.some((name) => isNamedCommand(text, i, name, exact))
        ) {
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

/** Most blanks read between a tool and its subcommand (`docker   login`). */
const MAX_SUBCOMMAND_GAP = 16;

/**
 * Whether the command `name` is written at `at` and starts a command there: its command word (`isCommandWord`), or for a
 * name with a subcommand (`docker login`) the tool's command word, quoted or by its path
 * too, then blanks and the subcommand as a word.
 */
function isNamedCommand(text: string, at: number, name: string, exact: boolean): boolean {
  const space = name.indexOf(' ');
  if (!text.startsWith(space < 0 ? name : name.slice(0, space), at)) return false;
  if (space < 0) return isCommandWord(text, at, name, exact);
  const end = commandWordEnd(text, at, name.slice(0, space), true);
  if (end < 0) return false;
  let i = end;
  const limit = end + MAX_SUBCOMMAND_GAP;
  while (i < limit && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const subcommand = name.slice(space + 1);
  const after = text.charCodeAt(i + subcommand.length);
  return text.startsWith(subcommand, i) && (after === 32 || after === 9);
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
