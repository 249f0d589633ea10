import { PmError } from '@pm/envelope-schemas';

// `PM_LLM_OFFLINE` values that leave remote calls on. Any other non-empty value switches
// them off: a kill switch must fail closed, so `on`, `enable` or a typo of `1` in an
// incident still stops egress instead of being silently ignored.
const REMOTE_ALLOWED = new Set(['', '0', 'false', 'no', 'off']);

type Env = Readonly<Record<string, string | undefined>>;

/** Whether `env`'s `PM_LLM_OFFLINE` switches remote calls off (anything not listed above). */
function switchedOff(env: Env): boolean {
  const flag = env.PM_LLM_OFFLINE;
  if (flag === undefined) return false;
  return !REMOTE_ALLOWED.has(String(flag).trim().toLowerCase());
}

/**
 * Whether remote calls are switched off: `createLLMClient({ enabled: false })`, or
 * `PM_LLM_OFFLINE` set to anything but empty, `0`, `false`, `no` or `off` (any case), e.g.
 * `1`, `true`, `yes`, `on`, or a value not recognised (fail closed), in the process
 * environment or in the host's `env` option. Switched off, a remote provider is replaced by
 * the offline one and every call says so (`offline: true`), so hosts keep working with no
 * egress at all; a provider that sends nothing (replay, a test double) stays. An `enabled`
 * that is not a boolean is `INVALID_ARGUMENT`: `'false'` or `0` would otherwise read as "on".
 *
 * Every source can only switch remote calls off, never back on (decision 0037): the
 * operator's `PM_LLM_OFFLINE=1` in `processEnv` is an incident control, and a host's `env`
 * (often `{}`, or a copy made before the operator set it) or `enabled: true` must not
 * undo it. `processEnv` is `process.env`; a parameter so tests need not change it.
 */
export function remoteCallsDisabled(
  enabled: unknown,
  hostEnv: Env | undefined,
  processEnv: Env = process.env,
): boolean {
  if (enabled !== undefined && typeof enabled !== 'boolean') {
    throw new PmError(
      'INVALID_ARGUMENT',
      `createLLMClient({ enabled }) must be true or false (false sends every call to the offline provider); got ${enabled === null ? 'null' : `a ${typeof enabled}`}. Pass a boolean, converting a string setting yourself.`,
      { details: { field: 'enabled' } },
    );
  }
  if (enabled === false) return true;
  return switchedOff(processEnv) || (hostEnv !== undefined && switchedOff(hostEnv));
}
