import { spawn } from 'node:child_process';
import { cliScript } from './cli-script.js';

/**
 * `pm-ledger <args>` in a child process, killed if it has not finished after 20 s (a
 * blocking open or read of a FIFO cannot be interrupted in-process). Resolves to its exit
 * status (null when it had to be killed) and stdout.
 */
export function cliInChild(
  args: readonly string[],
): Promise<{ status: number | null; stdout: string }> {
  const child = spawn(process.execPath, [cliScript, ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout });
    });
  });
}
