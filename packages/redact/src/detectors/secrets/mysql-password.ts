import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { commandTracker, PASSWORD_ARGUMENT } from './command-line.js';
import { isSecretValue } from './secret-value-shape.js';

/** Stems of the MySQL and MariaDB clients (`mysql`, `mysqldump`, `mysqladmin`, `mariadb-dump`). */
const CLIENTS = ['mysql', 'mariadb'];

/** The password glued to `-p` (`PASSWORD_ARGUMENT`: quoted, group 2, or bare, group 3). */
const GLUED_VALUE = new RegExp(`-p(?:${PASSWORD_ARGUMENT})`, 'y');

/**
 * `mysql -uroot -p<password> …`: the MySQL and MariaDB clients take the password glued to
 * `-p` (a blank after it asks for one at a prompt). Taken when the command line starts
 * with one of the clients and the value is shaped like a secret (`isSecretValue`), so
 * `mkdir -p`, `docker -p8080:80` and `mysql -pPASSWORD` stay.
 */
export const mysqlPassword: Detector = {
  id: 'mysql-password',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  // For the short-text gate: `-p` comes after a blank in every match. `-p` alone opened
  // the gate on names such as `o1-preview` (0.26 -> 0.6 us per detectSecrets call), and
  // no literal at all ran the scan on every id (+0.03 us). No prefilter of the clients'
  // names: `includes('mysql')` and `includes('mariadb')` start with common lower-case
  // letters (~0.8 ms on 1 MB, against ~0.05 for the scan's own `indexOf('-p')`).
  anchors: [' -p', '\t-p'],
  scan(text: string, out: Finding[]): void {
    let inClient: ((at: number) => boolean) | undefined;
    let at = text.indexOf('-p');
    while (at >= 0) {
      let next = at + 2;
      // After a blank (a client's name must come first on the line anyway).
      const before = text.charCodeAt(at - 1);
      if (before === 32 || before === 9) {
        GLUED_VALUE.lastIndex = at;
        const m = GLUED_VALUE.exec(text);
        if (m !== null) {
          const quoted = m[2] !== undefined;
          const value = quoted ? m[2]! : m[3]!;
          const start = at + (quoted ? 3 : 2);
          if (isSecretValue(value, !quoted, false)) {
            inClient ??= commandTracker(text, CLIENTS, false);
            if (inClient(at)) {
              out.push({
                type: 'secret',
                kind: 'generic',
                start,
                end: start + value.length,
                detector: 'mysql-password',
              });
            }
          }
          next = GLUED_VALUE.lastIndex;
        }
      }
      at = text.indexOf('-p', next);
    }
  },
};
