/** Flags that take a password as their next argument, each only on its own commands' lines. */
export interface PasswordFlags {
  /** The flags, each found after a blank (`-p`, `-storepass`). */
  readonly flags: readonly string[];
  /** Commands whose line the flag must be on (a command and its subcommand: `docker login`). */
  readonly commands: readonly string[];
}

/**
 * Short and single-dash flags that mean a password only to some commands, read on a command
 * line (`command-password-flag.ts`) and in an argv array (`argv-reader.ts`): `-p` is a port
 * to `docker run` and `ssh`, a parent directory to `mkdir`; `-a` is "all" to most tools.
 */
export const PASSWORD_FLAG_GROUPS: readonly PasswordFlags[] = [
  {
    flags: ['-p'],
    commands: [
      'docker login',
      'podman login',
      'mongo',
      'mongosh',
      'mongodump',
      'mongorestore',
      'mongoexport',
      'mongoimport',
    ],
  },
  { flags: ['-a'], commands: ['redis-cli'] },
  {
    flags: [
      '-storepass',
      '-keypass',
      '-srcstorepass',
      '-deststorepass',
      '-srckeypass',
      '-destkeypass',
    ],
    commands: ['keytool', 'jarsigner'],
  },
  // PuTTY's command-line tools (`plink -pw <pw> user@host`) and its fork KiTTY (`kitty.exe`,
  // `kitty_portable.exe`); `-pwfile <file>` is another flag.
  { flags: ['-pw'], commands: ['plink', 'pscp', 'psftp', 'kitty', 'kitty_portable'] },
];
