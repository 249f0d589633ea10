import { endsWithCredentialName } from '../../credential-names.js';
import { isCurlCredential } from './basic-auth.js';
import { HtpasswdArguments } from './htpasswd-argv.js';
import { PASSWORD_FLAG_GROUPS } from './password-flag-groups.js';

/**
 * What a flag asks of the argument after it: `credential` after a long flag named like a
 * credential (`--password`, `--api-key`), `user` after curl's `-u`/`--user` (`user:pass`),
 * `password` after sshpass's `-p`, `redis-cli -a`, `docker login -p`, … (nothing but a
 * password goes there).
 */
export type ArgvExpectation = 'credential' | 'user' | 'password';

/** A secret in one argv element: its offsets within the element and the kind reported. */
export interface ArgvSecret {
  readonly start: number;
  readonly end: number;
  readonly kind: 'generic' | 'basic_auth';
}

/**
 * Whether `value`, the whole argument after a flag (`expect`) or the part of an element
 * glued to one (`-p…` of the MySQL clients and sshpass, `-u…` of curl), is a secret.
 */
export type ArgvJudge = (value: string, expect: ArgvExpectation) => boolean;

/** Longest flag name read: real ones are a few words. */
const MAX_NAME = 64;
/** A long flag's name: a letter, then letters, digits, `-` or `_` (no `=`: `--password=…` is an assignment). */
const LONG_FLAG_NAME = new RegExp(`^[A-Za-z][\\w-]{0,${MAX_NAME - 1}}$`);

/** Stems of the MySQL and MariaDB clients, whose `-p` takes the password glued (`mysqldump`, `mariadb-dump`). */
const MYSQL_CLIENTS = /^(?:mysql|mariadb)[a-z-]{0,16}$/;

/**
 * Single-dash flags whose next argument is a password on one command only (`redis-cli -a`,
 * keytool's `-storepass`, `docker login -p`: elsewhere `-a` is "all", `-p` a port), keyed
 * by the command, or by the command and its subcommand. Built from the table the command-line
 * reading uses, so the two cannot drift.
 */
const COMMAND_PASSWORD_FLAGS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const byCommand = new Map<string, Set<string>>();
  for (const { flags, commands } of PASSWORD_FLAG_GROUPS) {
    for (const command of commands) {
      const known = byCommand.get(command) ?? new Set();
      for (const flag of flags) known.add(flag);
      byCommand.set(command, known);
    }
  }
  return byCommand;
})();

/**
 * A command's name as the first argv element gives it: the last path segment, lower-case,
 * without `.exe` (`/usr/bin/sshpass`, `C:\\Tools\\curl.exe`).
 */
export function commandName(word: string): string {
  const slash = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
  const name = word.slice(slash + 1).toLowerCase();
  return name.endsWith('.exe') ? name.slice(0, -4) : name;
}

/**
 * Reads the elements of one argv array in order (`["mysql", "--password", "…"]`,
 * `['curl', '-u', 'user:<password>']`) and tells which hold a secret, as a shell command line's
 * flags are read (`flag-value.ts`, `basic-auth.ts`, `mysql-password.ts`,
 * `sshpass-password.ts`): the argument after a long flag named like a credential
 * (`--password`, `--token`, `--api-key`; not `--password-file`, `--token-type`), after
 * `-u`/`--user` (a `user:pass`), and, when the command is known, after sshpass's `-p` or
 * glued to it, glued to the MySQL clients' `-p`, glued to curl's `-u`, after `redis-cli`'s
 * `-a`, keytool's and jarsigner's `-storepass`/`-keypass`, the MongoDB tools' `-p` and
 * `docker login`'s (`podman login`'s) `-p`, and htpasswd's password by its position
 * (`htpasswd -b file user <password>`, `-nb user <password>`). An argument
 * that starts with `-` is the next flag. The text scan (`argv-array.ts`) and `redactValue`
 * (a real array) share it, each with its own judge of the value.
 */
export class ArgvReader {
  private command: string | undefined;
  /** The first element after the command that is no flag (`login` of `docker login`). */
  private subcommand: string | undefined;
  private expect: ArgvExpectation | null = null;
  private first = true;
  /** htpasswd's arguments, read by position rather than by flag (`-b f user <password>`). */
  private htpasswd: HtpasswdArguments | undefined;

  /** @param command The command when it stands outside the array (`spawn('sshpass', […])`). */
  constructor(
    private readonly judge: ArgvJudge,
    command?: string,
  ) {
    if (command !== undefined) {
      this.setCommand(command);
      this.first = false;
    }
  }

  private setCommand(word: string): void {
    this.command = commandName(word);
    if (this.command === 'htpasswd') this.htpasswd = new HtpasswdArguments();
  }

  /**
   * Reads the next element (undefined for one that is not a string: a variable, a number)
   * and returns the secret it holds, if any.
   */
  next(element: string | undefined): ArgvSecret | undefined {
    const expect = this.expect;
    this.expect = null;
    if (this.htpasswd !== undefined) return this.nextOfHtpasswd(element);
    if (element === undefined) {
      this.first = false;
      return undefined;
    }
    const isFlag = element.charCodeAt(0) === 45; /* - */
    if (this.first) {
      this.first = false;
      // A list of arguments alone (`args: ['--password', …]`) starts with a flag.
      if (!isFlag) {
        this.setCommand(element);
        return undefined;
      }
    }
    if (expect !== null && !isFlag) {
      if (!this.judge(element, expect)) return undefined;
      return { start: 0, end: element.length, kind: expect === 'user' ? 'basic_auth' : 'generic' };
    }
    if (isFlag) return this.readFlag(element);
    this.subcommand ??= element;
    return undefined;
  }

  /** An element after htpasswd: its password by position (`htpasswd -b file user <password>`). */
  private nextOfHtpasswd(element: string | undefined): ArgvSecret | undefined {
    const htpasswd = this.htpasswd!;
    if (!htpasswd.isPassword(element) || element === undefined) return undefined;
    return this.judge(element, 'password')
      ? { start: 0, end: element.length, kind: 'generic' }
      : undefined;
  }

  /** Notes what a flag asks of the next element; returns a secret glued to it. */
  private readFlag(flag: string): ArgvSecret | undefined {
    if (flag.charCodeAt(1) === 45 /* - */) {
      const name = flag.slice(2);
      if (name === 'user') this.expect = 'user';
      else if (LONG_FLAG_NAME.test(name) && endsWithCredentialName(name))
        this.expect = 'credential';
      return undefined;
    }
    const command = this.command ?? '';
    if (
      COMMAND_PASSWORD_FLAGS.get(command)?.has(flag) === true ||
      COMMAND_PASSWORD_FLAGS.get(`${command} ${this.subcommand}`)?.has(flag) === true
    ) {
      this.expect = 'password';
      return undefined;
    }
    const letter = flag.charCodeAt(1);
    if (letter === 117 /* u */) {
      if (flag.length === 2) this.expect = 'user';
      else if (command === 'curl') return this.glued(flag, 'user');
    } else if (letter === 112 /* p */) {
      if (command === 'sshpass') {
        if (flag.length === 2) this.expect = 'password';
        else return this.glued(flag, 'password');
      } else if (flag.length > 2 && MYSQL_CLIENTS.test(command)) {
        return this.glued(flag, 'credential');
      }
    }
    return undefined;
  }

  private glued(flag: string, expect: ArgvExpectation): ArgvSecret | undefined {
    if (!this.judge(flag.slice(2), expect)) return undefined;
    return { start: 2, end: flag.length, kind: expect === 'user' ? 'basic_auth' : 'generic' };
  }
}

/** {@link isCurlCredential} for a `user` expectation; `other` for the rest. */
export function judgeBy(other: (value: string, expect: ArgvExpectation) => boolean): ArgvJudge {
  return (value, expect) => (expect === 'user' ? isCurlCredential(value) : other(value, expect));
}
