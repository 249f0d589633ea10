import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

// Short flags with the value glued on, as curl and the MySQL clients accept them, were
// missed: `curl -ualice:…` and `mysql -uroot -p…` passed in clear.
const rng = createPrng(20261206);
const password = `${rng.chars(BASE62, 10)}9x`;

/** The one finding's text. */
function onlySpan(text: string): string {
  const found = detectSecrets(text);
  expect(found).toHaveLength(1);
  return text.slice(found[0]!.start, found[0]!.end);
}

describe('glued short flags', () => {
  it.each([
    [`curl -ualice:${password} https://api.example.org/v1`, `alice:${password}`],
    [`curl -u:${password} https://api.example.org/v1`, `:${password}`],
    [`mysql -uroot -p${password} -h db.internal app`, password],
    [`mysqldump -uroot -p${password} app > app.sql`, password],
    [`mariadb -u app -p'${password}!' shop`, `${password}!`],
    [`mariadb-dump --user=app -p"${password}" shop`, password],
    [`docker exec db mysql -uroot -p${password} -e 'select 1'`, password],
    [`mysql -h db.internal \\\n  -uroot -p${password} app`, password],
    [`cd /srv; mysql -uroot -p${password} app`, password],
    [`echo go | curl -ualice:${password} https://api.example.org/v1`, `alice:${password}`],
  ])('%s', (text, expected) => {
    expect(onlySpan(text)).toBe(expected);
    expect(createRedactor().redactText(text).text).not.toContain(password);
  });

  it.each([
    'mysql -uroot -p app',
    'mysql -uroot -pPASSWORD app',
    'mysql -uroot -p$MYSQL_PASSWORD app',
    `mkdir -p${password}`,
    `ssh -p2222 host && echo -p${password}`,
    'docker run -p8080:80 -u1000:1000 nginx',
    'git push -uorigin main',
    `mysql -uroot app\nrsync -p${password} a b`,
    'python -u script.py',
    // `-u` glued to a value only means curl's credentials on a curl command line.
    'ffmpeg -i in.mp4 -utc_time:2024 out.mp4',
    'docker exec -uwww-data:www-data app ls',
    'python -u:main.py',
    // `;`, `|` and `&&` end the client's command: the flag belongs to the next one.
    'mysql -uroot -p shop < dump.sql && docker run -p127.0.0.1:5432:5432 postgres',
    'mysql --skip-ssl && git log -pSomeFunctionName2024',
    `mysql -uroot app; rsync -p${password} a b`,
    `mysql -uroot app | tool -p${password}`,
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});
