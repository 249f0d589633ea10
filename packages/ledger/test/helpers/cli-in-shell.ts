import { spawnSync } from 'node:child_process';
import { cliScript } from './cli-script.js';

/** Root passes every permission check: the child can run without the capabilities that let it. */
const dropRootOverride =
  process.getuid?.() === 0 ? 'setpriv --bounding-set=-dac_override,-dac_read_search -- ' : '';

/**
 * `pm-ledger <args>` in a child process, its heap limited to `heapMb` (256 by default).
 * With `meetPermissions`, it meets file permissions as any user does: run as root, it
 * drops the capabilities that override them.
 */
export function cliInShell(
  args: readonly string[],
  options: { meetPermissions?: boolean; heapMb?: number } = {},
): { status: number | null; stdout: string; stderr: string } {
  const command = [
    process.execPath,
    `--max-old-space-size=${options.heapMb ?? 256}`,
    cliScript,
    ...args,
  ]
    .map((a) => `'${a}'`)
    .join(' ');
  const prefix = options.meetPermissions ? dropRootOverride : '';
  return spawnSync('sh', ['-c', `exec ${prefix}${command}`], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}
