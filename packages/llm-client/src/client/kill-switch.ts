/**
 * Whether remote calls are switched off: `createLLMClient({ enabled: false })` or
 * `PM_LLM_OFFLINE=1` (also `true`/`yes`). Switched off, every call goes to the offline
 * provider and says so (`offline: true`), so hosts keep working with no egress at all.
 */
export function remoteCallsDisabled(
  enabled: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (enabled === false) return true;
  const flag = env.PM_LLM_OFFLINE?.trim().toLowerCase();
  return flag === '1' || flag === 'true' || flag === 'yes';
}
