import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));

/** What an example printed and how it exited. */
export interface ExampleOutcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an example's `src/main.ts` as a real child process, the way `npm start` does, with
 * `@pm/*` resolved to source through the example's tsconfig. Asynchronous on purpose: a
 * loopback server in the test's own process must be able to answer it (a synchronous spawn
 * would block the event loop and deadlock). `OPENAI_API_KEY` and `PM_LLM_OFFLINE` are not
 * inherited, so each test states what it runs with.
 */
export function runExample(
  exampleDir: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<ExampleOutcome> {
  const { OPENAI_API_KEY: _key, PM_LLM_OFFLINE: _offline, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, join(exampleDir, 'src/main.ts'), ...args],
      {
        cwd: options.cwd,
        env: { ...inherited, TSX_TSCONFIG_PATH: join(exampleDir, 'tsconfig.json'), ...options.env },
        timeout: options.timeoutMs ?? 60_000,
      },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}
