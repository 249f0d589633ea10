import { readFileSync } from 'node:fs';

/**
 * When process `pid` started, as `/proc/<pid>/stat` field 22 says (clock ticks since
 * boot, as text), or undefined where there is no `/proc` (macOS, Windows) or the process
 * is gone. Together with the pid it names one process: a pid reused by a later process
 * has another start time. Only comparable with a reading made in the same boot and time
 * namespace (the kernel shifts the value by the reader's boot-time offset).
 */
export function processStart(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2 is the command name in parentheses and may hold spaces and ")": the fields
  // after it start after the last ")". Field 3 (the state) is the first of them.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = rest[22 - 3];
  return start !== undefined && /^\d+$/.test(start) ? start : undefined;
}
