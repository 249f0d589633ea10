import { PmError } from '@pm/envelope-schemas';

// `PM_LLM_OFFLINE` values that leave remote calls on. Any other non-empty value switches
// them off: a kill switch must fail closed, so `on`, `enable` or a typo of `1` in an
// incident still stops egress instead of being silently ignored.
const REMOTE_ALLOWED = new Set(['', '0', 'false', 'no', 'off']);

/**
 * Whether remote calls are switched off: `createLLMClient({ enabled: false })`, or
 * `PM_LLM_OFFLINE` set to anything but empty, `0`, `false`, `no` or `off` (any case), e.g.
 * `1`, `true`, `yes`, `on`, or a value not recognised (fail closed). Switched off, a remote
 * provider is replaced by the offline one and every call says so (`offline: true`), so hosts
 * keep working with no egress at all; a provider that sends nothing (replay, a test double) stays. An `enabled` that is not a boolean is `INVALID_ARGUMENT`: `'false'` or `0`
 * would otherwise read as "on".
 */
export function remoteCallsDisabled(
  enabled: unknown,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (enabled !== undefined && typeof enabled !== 'boolean') {
    throw new PmError(
      'INVALID_ARGUMENT',
      `createLLMClient({ enabled }) must be true or false (false sends every call to the offline provider); got ${enabled === null ? 'null' : `a ${typeof enabled}`}. Pass a boolean, converting a string setting yourself.`,
      { details: { field: 'enabled' } },
    );
  }
  if (enabled === false) return true;
  const flag = env.PM_LLM_OFFLINE;
  if (flag === undefined) return false;
  return !REMOTE_ALLOWED.has(String(flag).trim().toLowerCase());
}
