import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * A password set in SQL with `IDENTIFIED BY` (MySQL, MariaDB, Oracle: `CREATE USER 'app'@'%'
 * IDENTIFIED BY '…'`, `ALTER USER app IDENTIFIED WITH caching_sha2_password BY '…'`,
 * Oracle's bare `IDENTIFIED BY …`), as query logs and migration scripts hold them. The
 * value is a string literal (`''` is a quote inside it), a quoted identifier or a bare
 * word, not a bind variable (`:pw`, `?`, `@pw`, `&pw`), and must be shaped like a secret
 * as an assignment's is. Bounded: linear.
 */
export const sqlIdentifiedBy: Detector = anchoredDetector({
  id: 'sql-password',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: ['identified'],
  anchorsIgnoreCase: true,
  notAfter: /[A-Za-z0-9_]/,
  pattern:
    /identified(?:[ \t\r\n]{1,8}with[ \t\r\n]{1,8}['"`]?[\w-]{1,64}['"`]?)?[ \t\r\n]{1,8}by[ \t\r\n]{1,8}(?:'((?:[^'\r\n]|''){1,256})'|"([^"\r\n]{1,256})"|([^\s;'"`,):?@&$][^\s;'"`,)]{0,255}))/i,
  groups: [1, 2, 3],
  validate: (value) => isSecretValue(value, true, false),
});

/**
 * A password given to PostgreSQL's `CREATE ROLE`/`ALTER USER … [WITH] [ENCRYPTED] PASSWORD
 * '…'`, or to MySQL's `PASSWORD('…')` function: `password`, blanks or an opening
 * parenthesis, then a string literal. A quoted word after "password" in prose is taken
 * too when it is shaped like a secret (`isSecretValue`), as it is there a password more
 * often than not. Bounded: linear.
 */
export const sqlPasswordLiteral: Detector = anchoredDetector({
  id: 'sql-password',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: ['password'],
  anchorsIgnoreCase: true,
  notAfter: /[A-Za-z0-9_]/,
  pattern: /password(?:[ \t]{1,4}|[ \t]{0,4}\([ \t]{0,4})'((?:[^'\r\n\\]|''){1,256})'/i,
  groups: [1],
  validate: (value) => isSecretValue(value, false, false),
});
