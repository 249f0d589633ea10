import type { EventLogRoles } from './describe-event-log.js';
import { invalidArgument } from './invalid-argument.js';

/** Each role, with what its column holds (for the message). */
const ROLES: ReadonlyArray<readonly [keyof EventLogRoles, string]> = [
  ['caseId', 'the case id'],
  ['activity', 'the activity name'],
  ['timestamp', 'the event time'],
];

const EXAMPLE = "{ caseId: 'case_id', activity: 'activity', timestamp: 'ts' }";

/**
 * Throws `INVALID_ARGUMENT` unless `roles` is an object naming the three event-log columns
 * with strings. `argument` names it in the message (`roles`, or `options` where the roles
 * are the options). `roles: null` and a missing role used to end in a TypeError or in
 * every row counted as missing its case id; the column names themselves are never echoed.
 */
export function checkRoles(
  roles: unknown,
  fn: string,
  argument: string,
): asserts roles is EventLogRoles {
  if (typeof roles !== 'object' || roles === null || Array.isArray(roles)) {
    throw invalidArgument(
      fn,
      argument,
      'an object naming the columns { caseId, activity, timestamp }',
      roles,
      `pass e.g. ${EXAMPLE}.`,
    );
  }
  for (const [role, holds] of ROLES) {
    const column = (roles as Record<string, unknown>)[role];
    if (typeof column !== 'string') {
      throw invalidArgument(
        fn,
        `${argument}.${role}`,
        'a column name (a string)',
        column,
        `name the column holding ${holds}, as in ${EXAMPLE}.`,
      );
    }
  }
}
