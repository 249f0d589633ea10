import { BASE62, BASE64, BASE64URL, createPrng } from '../../../../test/support/prng.js';
import type { CorpusCase } from './case.js';

const HEX = '0123456789abcdef';
const SYMBOLS = '!#%&*+-.=?@^_~';

/**
 * Generic credential assignments in the places secrets really get committed (code, env
 * files, compose files, YAML, JSON, TOML, curl, .npmrc, URL queries), with values of the
 * shapes people and generators use: hex, base62/64, passwords with symbols. Balances the
 * false-positive regressions so precision cannot be bought with recall.
 */
export function generateGenericPositives(seed = 41, count = 120): CorpusCase[] {
  const rng = createPrng(seed);
  const password = () =>
    `${rng.chars(BASE62, rng.int(6, 14))}${rng.chars(SYMBOLS, 1)}${rng.chars(BASE62, rng.int(2, 6))}`;
  const values: Array<() => string> = [
    () => rng.chars(HEX, rng.pick([32, 40, 64])),
    () => rng.chars(BASE62, rng.int(20, 40)),
    () => rng.chars(BASE64, rng.int(24, 44)),
    () => rng.chars(BASE64URL, rng.int(22, 43)),
    password,
  ];
  const templates: Array<(v: string) => string> = [
    (v) => `password = "${v}"`,
    (v) => `API_KEY=${v}`,
    (v) => `  "client_secret": "${v}",`,
    (v) => `# production\nDB_HOST=db.internal\nDB_PASSWORD=${v}\nDB_PORT=5432`,
    (v) => `database:\n  host: db.internal\n  password: ${v}\n  pool: 10`,
    (v) => `curl -H 'X-Api-Key: ${v}' https://api.example.com/v2/items`,
    (v) => `const apiKey = '${v}';`,
    (v) => `SECRET_KEY = "${v}"`,
    (v) => `{"auth": {"token": "${v}", "expires_in": 3600}}`,
    (v) => `services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=${v}`,
    (v) => `stringData:\n  api-token: ${v}`,
    (v) => `[service]\napi_key = "${v}"\ntimeout = 30`,
    (v) => `https://api.example.com/v1/export?format=csv&api_key=${v}`,
    (v) => `export AUTH_TOKEN='${v}'`,
    (v) => `  webhookSecret: '${v}',`,
    (v) => `mysql -u app --password=${v} -h db.internal shop`,
  ];
  const cases: CorpusCase[] = [];
  for (let i = 0; i < count; i++) {
    const value = rng.pick(values)();
    const t = i % templates.length;
    cases.push({
      text: templates[t]!(value),
      labels: [{ type: 'secret', kind: 'generic', value }],
      origin: `generated: generic assignment template #${t} (seed ${seed})`,
    });
  }
  // Shapes named in the precision fix's brief: a hand-typed password, a GitHub token under
  // a generic name (the specific kind wins), passwords with a word and a digit.
  const ghs = `ghs_${rng.chars(BASE62, 36)}`;
  cases.push(
    {
      text: 'password = "s3cr3t-Pa55!"',
      labels: [{ type: 'secret', kind: 'generic', value: 's3cr3t-Pa55!' }],
      origin: `generated: hand-typed password (seed ${seed})`,
    },
    {
      text: `  token: "${ghs}"`,
      labels: [{ type: 'secret', kind: 'github', value: ghs }],
      origin: `generated: GitHub token under a generic key (seed ${seed})`,
    },
    {
      text: "DB_PASSWORD: 'Winter2025'",
      labels: [{ type: 'secret', kind: 'generic', value: 'Winter2025' }],
      origin: `generated: word-and-digits password (seed ${seed})`,
    },
    {
      text: 'spring.datasource.password=Tr0ub4dor&3',
      labels: [{ type: 'secret', kind: 'generic', value: 'Tr0ub4dor&3' }],
      origin: `generated: Java properties password (seed ${seed})`,
    },
  );
  return cases;
}
