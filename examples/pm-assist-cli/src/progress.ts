/** A step reporter: `[2/3] Interpreting the goal...` on stderr, so stdout stays results only. */
export type Progress = (label: string) => void;

export function progress(total: number, enabled: boolean): Progress {
  let step = 0;
  return (label) => {
    step++;
    if (enabled) process.stderr.write(`[${step}/${total}] ${label}...\n`);
  };
}
