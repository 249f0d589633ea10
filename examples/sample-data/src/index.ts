export { EVENT_LOG_PATH, EVENT_LOG_ROLES, readEventLog } from './event-log.js';
export { readCsv } from './read-csv.js';
