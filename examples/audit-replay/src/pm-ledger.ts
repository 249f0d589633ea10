import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// In your own project this is `npx pm-ledger`; in this repository it runs the CLI's
// TypeScript source, so the example never depends on a stale build.
const ledgerPackage = dirname(fileURLToPath(import.meta.resolve('@pm/ledger/package.json')));
const cli = join(ledgerPackage, 'src/cli.ts');
const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

/** What one `pm-ledger` invocation printed and how it exited. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `pm-ledger <args>` as a child process (asynchronously: a server here may be running). */
export function pmLedger(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), cli, ...args],
      { env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({
          exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}
