/**
 * The command line is wrong: an unknown command or option, an option of another command,
 * a missing or malformed value. `runCli` turns it into exit 2 and never lets it out, so it
 * is not a `PmError` (whose codes name what the library throws to hosts).
 */
export class UsageError extends Error {
  readonly code = 'USAGE';
}
