import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { runEnd } from '../long-value.js';
import { regexDetector } from '../regex-detector.js';
import { isPlaceholder } from './placeholder.js';

/**
 * URI schemes of databases, caches, brokers and directories: a password in their URI is
 * a `connection_string` secret. Any other scheme (http, ftp, ...) is `url_credentials`.
 */
const DSN_SCHEMES = new Set([
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'mssql',
  'sqlserver',
  'oracle',
  'couchdb',
  'cockroachdb',
  'clickhouse',
  'cassandra',
  'neo4j',
  'neo4j+s',
  'bolt',
  'memcached',
  'kafka',
  'nats',
  'mqtt',
  'mqtts',
  'ldap',
  'ldaps',
  'smtp',
  'smtps',
  'snowflake',
  'db2',
  'sqlite',
  'influxdb',
  'elasticsearch',
  'jdbc',
]);

/** The URI scheme ending at `colon` (the `:` of `://`), lower-cased; `jdbc:mysql` gives `mysql`. */
export function schemeBefore(text: string, colon: number): string {
  let i = colon;
  const limit = Math.max(0, colon - 32);
  while (i > limit) {
    const c = text.charCodeAt(i - 1);
    const ok =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 43 ||
      c === 46 ||
      c === 45;
    if (!ok) break;
    i--;
  }
  return text.slice(i, colon).toLowerCase();
}

/** True when the URI scheme before `colon` names a database or broker. */
export function isDsnScheme(text: string, colon: number): boolean {
  return DSN_SCHEMES.has(schemeBefore(text, colon));
}

/**
 * `scheme://user:password@host` userinfo. Group 1 is `user:password`, group 2 the user,
 * group 3 the password; `/` is excluded from both so `http://host:8080/path@x` is not
 * read as credentials. As in the WHATWG URL parser, the user ends at the first `:` and
 * the LAST `@` of the authority ends the userinfo, so an unencoded `@` in a user (an
 * e-mail address) or a password (`p@ss@db.example`) stays in it: the password's greedy
 * run backtracks to that `@` (linear: no lookahead inside the repetition).
 */
export const USERINFO_PATTERN =
  /:\/\/(([^\s:/?#"'<>]{0,256}):([^\s/?#"'<>]{1,256}))@(?=[A-Za-z0-9[])/;

/** The authority after `://`: the class of the pattern's password (user, password, host). */
const AUTHORITY = /[^\s/?#"'<>]*/y;
/** The pattern's bound on the user and on the password. */
const USERINFO_BOUND = 256;

/**
 * Last `@` in `[from, to)` that a host follows (as the pattern's lookahead asks), or -1.
 * Read backwards from `to` and never before `from`: `lastIndexOf` has no lower bound, and
 * with no `@` in the range it would read on to the start of the text, once per `://`
 * (quadratic). The range is an authority, which the caller has just read: linear.
 */
function lastUserinfoEnd(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    if (text.charCodeAt(i) !== 64) continue;
    const c = text.charCodeAt(i + 1);
    const host = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 91;
    if (host) return i;
  }
  return -1;
}

/** The userinfo after `://` at `at`, read as the WHATWG parser reads it, whatever its length. */
export interface Userinfo {
  /** Offset of the user's first character. */
  start: number;
  /** Offset of the `:` between user and password. */
  colon: number;
  /** Offset of the `@` that ends the userinfo. */
  end: number;
}

/**
 * Userinfo too long for {@link USERINFO_PATTERN}'s bounds (a user or password over 256
 * characters): undefined when it fits them (the pattern judges those) or there is none.
 * One run over the authority, whose class has no `/`, so runs of different anchors
 * do not share characters: linear.
 */
export function longUserinfo(text: string, at: number): Userinfo | undefined {
  const start = at + 3;
  const to = runEnd(AUTHORITY, text, start);
  if (to - start <= USERINFO_BOUND + 1) return undefined;
  const colon = text.indexOf(':', start);
  if (colon < 0 || colon >= to) return undefined;
  const end = lastUserinfoEnd(text, colon + 2, to);
  if (end < 0) return undefined;
  if (colon - start <= USERINFO_BOUND && end - colon - 1 <= USERINFO_BOUND) return undefined;
  return { start, colon, end };
}

/**
 * True when the `@` at `atSign` is the last of its authority, as the parser reads it. The
 * pattern looks for it within its bound only: a later one means the password runs on
 * past the bound, and the match would leave its tail in clear.
 */
export function endsUserinfo(text: string, atSign: number): boolean {
  const to = runEnd(AUTHORITY, text, atSign + 1);
  return lastUserinfoEnd(text, atSign + 1, to) < 0;
}

/** Passwords in database/broker URIs: `postgres://app:<password>@db:5432/shop`. */
export const connectionStringUri: Detector = anchoredDetector({
  id: 'connection-string-uri',
  type: 'secret',
  kind: 'connection_string',
  priority: 95,
  anchors: ['://'],
  pattern: USERINFO_PATTERN,
  groups: [3],
  overflow: (text, at) => {
    const u = longUserinfo(text, at);
    return u === undefined ? undefined : [u.colon + 1, u.end];
  },
  validate: (value, text, start, end) => {
    const colon = text.lastIndexOf('://', start);
    return isDsnScheme(text, colon) && endsUserinfo(text, end) && !isPlaceholder(value);
  },
});

/**
 * Passwords in key=value connection strings (ADO.NET, ODBC, JDBC properties):
 * `Server=db;User Id=app;Password=<password>;`, and Azure's `;AccountKey=…` and
 * `;SharedAccessKey=…`. The `;` before the key tells them from
 * a plain `password=` assignment, which the generic detector takes.
 */
export const connectionStringKeyValue: Detector = regexDetector({
  id: 'connection-string-kv',
  type: 'secret',
  kind: 'connection_string',
  priority: 95,
  needles: [';'],
  pattern:
    /;[ \t]{0,4}(?:password|pwd|accountkey|sharedaccesskey)[ \t]{0,2}=[ \t]{0,2}(?:\{([^}\r\n]{1,256})\}|([^;"'\r\n]{1,256}))/i,
  groups: [1, 2],
  // A bare value past the pattern's 256 characters runs on to its `;`, quote or line end.
  extend: { group: 2, run: /[^;"'\r\n]*/y },
  validate: (value) => !isPlaceholder(value.trim()),
});
