import { fileURLToPath } from 'node:url';
import { readCsv } from './read-csv.js';

/** Path of the bundled event log: 4,603 events of a synthetic invoice process, 800 cases. */
export const EVENT_LOG_PATH = fileURLToPath(new URL('../data/event-log.csv', import.meta.url));

/** The event log's columns, as `buildDisclosure` and `describeEventLog` need them. */
export const EVENT_LOG_ROLES = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
} as const;

/** Streams the bundled event log, one row object per event. */
export function readEventLog(): AsyncGenerator<Record<string, string>> {
  return readCsv(EVENT_LOG_PATH);
}
