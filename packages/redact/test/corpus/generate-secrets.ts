import {
  BASE32,
  BASE62,
  BASE64,
  BASE64URL,
  createPrng,
  type Prng,
} from '../../../../test/support/prng.js';
import type { CorpusCase } from './case.js';

const HEX = '0123456789abcdef';

/** Synthetic keys of every kind: formats as documented by each provider, random bodies. */
function makeSecret(rng: Prng): { kind: string; value: string; name: string } {
  switch (rng.int(0, 18)) {
    case 0:
      return {
        kind: 'openai',
        value: `sk-${rng.chars(BASE62, 20)}T3BlbkFJ${rng.chars(BASE62, 20)}`,
        name: 'OPENAI_API_KEY',
      };
    case 1:
      return {
        kind: 'openai',
        value: `sk-proj-${rng.chars(BASE64URL, rng.int(100, 156))}`,
        name: 'OPENAI_API_KEY',
      };
    case 2:
      return {
        kind: 'anthropic',
        value: `sk-ant-api03-${rng.chars(BASE64URL, 93)}AA`,
        name: 'ANTHROPIC_API_KEY',
      };
    case 3:
      return {
        kind: 'aws',
        value: `${rng.pick(['AKIA', 'ASIA'])}${rng.chars(BASE32, 16)}`,
        name: 'aws_access_key_id',
      };
    case 4:
      return { kind: 'aws', value: rng.chars(BASE64, 40), name: 'aws_secret_access_key' };
    case 5:
      return {
        kind: 'github',
        value: `${rng.pick(['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${rng.chars(BASE62, 36)}`,
        name: 'GITHUB_TOKEN',
      };
    case 6:
      return {
        kind: 'github',
        value: `github_pat_${rng.chars(BASE62, 22)}_${rng.chars(BASE62, 59)}`,
        name: 'GH_PAT',
      };
    case 7:
      return {
        kind: 'slack',
        value: `${rng.pick(['xoxb', 'xoxp'])}-${rng.digits(12)}-${rng.digits(13)}-${rng.chars(BASE62, 24)}`,
        name: 'SLACK_TOKEN',
      };
    case 8:
      return {
        kind: 'stripe',
        value: `${rng.pick(['sk', 'rk'])}_${rng.pick(['live', 'test'])}_${rng.chars(BASE62, rng.int(24, 99))}`,
        name: 'STRIPE_SECRET_KEY',
      };
    case 9:
      return { kind: 'google', value: `AIza${rng.chars(BASE64URL, 35)}`, name: 'GOOGLE_API_KEY' };
    case 10:
      return {
        kind: 'google',
        value: `GOCSPX-${rng.chars(BASE64URL, 28)}`,
        name: 'GOOGLE_CLIENT_SECRET',
      };
    case 11: {
      const header = Buffer.from(
        JSON.stringify({ alg: rng.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' }),
      ).toString('base64url');
      const payload = Buffer.from(
        JSON.stringify({ sub: rng.digits(8), iat: 1700000000 + rng.int(0, 9999999) }),
      ).toString('base64url');
      return {
        kind: 'jwt',
        value: `${header}.${payload}.${rng.chars(BASE64URL, 43)}`,
        name: 'ID_TOKEN',
      };
    }
    case 12:
      return {
        kind: 'generic',
        value: `${rng.chars(BASE62, rng.int(10, 24))}${rng.pick(['!', '#', '9', '_'])}`,
        name: rng.pick([
          'DB_PASSWORD',
          'password',
          'client_secret',
          'api_key',
          'auth_token',
          'SMTP_PASS',
          'secretKey',
        ]),
      };
    case 13:
      return {
        kind: 'generic',
        value: rng.chars(HEX, 32),
        name: rng.pick(['API_SECRET', 'webhook_secret', 'apiKey', 'access_token']),
      };
    case 14:
      return {
        kind: 'stripe',
        value: `whsec_${rng.chars(BASE62, 32)}`,
        name: 'STRIPE_WEBHOOK_SECRET',
      };
    case 15:
      return {
        kind: 'slack',
        value: `xapp-1-A${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}-${rng.digits(13)}-${rng.chars(HEX, 64)}`,
        name: 'SLACK_APP_TOKEN',
      };
    case 16:
      return {
        kind: 'google',
        value: `ya29.${rng.chars(BASE64URL, rng.int(60, 160))}`,
        name: 'ACCESS_TOKEN',
      };
    default:
      // Prefixed tokens of providers outside the named kinds: reported as `generic`.
      return rng.pick([
        () => ({
          kind: 'generic',
          value: `glpat-${rng.chars(BASE64URL, 20)}`,
          name: 'GITLAB_TOKEN',
        }),
        () => ({ kind: 'generic', value: `npm_${rng.chars(BASE62, 36)}`, name: 'NPM_TOKEN' }),
        () => ({
          kind: 'generic',
          value: `SG.${rng.chars(BASE64URL, 22)}.${rng.chars(BASE64URL, 43)}`,
          name: 'SENDGRID_API_KEY',
        }),
        () => ({
          kind: 'generic',
          value: `hf_${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`,
          name: 'HF_TOKEN',
        }),
        () => ({ kind: 'generic', value: `shpat_${rng.chars(HEX, 32)}`, name: 'SHOPIFY_TOKEN' }),
        () => ({ kind: 'generic', value: `dop_v1_${rng.chars(HEX, 64)}`, name: 'DO_TOKEN' }),
      ])();
  }
}

/** The same secret in the contexts the issue lists: code, config, env files, JSON, YAML, curl. */
function inContext(rng: Prng, name: string, value: string): string {
  switch (rng.int(0, 8)) {
    case 0:
      return `export ${name.toUpperCase()}=${value}`;
    case 1:
      return `${name.toUpperCase()}="${value}"`;
    case 2:
      return `{"${name}": "${value}", "region": "eu-west-1"}`;
    case 3:
      return `config:\n  ${name}: ${value}\n  timeout: 30`;
    case 4:
      return `const ${name.replace(/[^A-Za-z]/g, '')} = '${value}';`;
    case 5:
      return `${name} = "${value}"`;
    case 6:
      return `I accidentally pasted ${value} into the chat, please rotate it.`;
    case 7:
      return `[default]\n${name} = ${value}\n`;
    default:
      return `client = Client(${name.toLowerCase()}="${value}")`;
  }
}

/** Generated secret cases of every kind, with placeholders and look-alikes as near-misses. */
export function generateSecretCases(seed = 11, count = 900): CorpusCase[] {
  const rng = createPrng(seed);
  const cases: CorpusCase[] = [];
  const add = (text: string, labels: CorpusCase['labels'], what: string) =>
    cases.push({ text, labels, origin: `generated: ${what} (seed ${seed})` });

  for (let i = 0; i < count; i++) {
    const s = makeSecret(rng);
    // AWS secret keys have no prefix: they are only recognisable next to their name.
    const text =
      s.kind === 'aws' && !s.value.startsWith('A')
        ? rng.pick([
            `aws_secret_access_key = ${s.value}`,
            `"SecretAccessKey": "${s.value}"`,
            `AWS_SECRET_ACCESS_KEY=${s.value}`,
          ])
        : s.kind === 'generic'
          ? rng.pick([
              `${s.name}=${s.value}`,
              `"${s.name}": "${s.value}"`,
              `${s.name}: "${s.value}"`,
              `${s.name} = '${s.value}'`,
              `curl -H "X-Api-Key: ${s.value}" https://api.example.com/v1`,
              `https://api.example.com/v1/items?access_token=${s.value}&page=2`,
              `mysql --password=${s.value} -h db`,
            ])
          : inContext(rng, s.name, s.value);
    add(text, [{ type: 'secret', kind: s.kind, value: s.value }], `${s.kind} key in context`);
  }

  for (let i = 0; i < count / 6; i++) {
    // Header-borne credentials and connection strings.
    const token = rng.chars(BASE64URL, rng.int(24, 64));
    add(
      `curl -H "Authorization: Bearer ${token}" https://api.example.com`,
      [{ type: 'secret', kind: 'bearer', value: token }],
      'bearer token in curl',
    );
    add(
      `Authorization: Bearer ${token}\nAccept: */*`,
      [{ type: 'secret', kind: 'bearer', value: token }],
      'bearer token header',
    );
    const basic = Buffer.from(
      `${rng.pick(['svc', 'admin', 'ci-bot'])}:${rng.chars(BASE62, rng.int(10, 24))}`,
    ).toString('base64');
    add(
      `Authorization: Basic ${basic}`,
      [{ type: 'secret', kind: 'basic_auth', value: basic }],
      'basic auth header',
    );
    const cu = `${rng.pick(['admin', 'deploy'])}:${rng.chars(BASE62, 14)}`;
    add(
      `curl -u ${cu} https://ci.example.com/api/json`,
      [{ type: 'secret', kind: 'basic_auth', value: cu }],
      'curl -u user:password',
    );
    const pw = rng.chars(BASE62, rng.int(10, 24));
    const scheme = rng.pick([
      'postgres',
      'postgresql',
      'mysql',
      'mongodb+srv',
      'redis',
      'amqp',
      'mssql',
    ]);
    add(
      `DATABASE_URL=${scheme}://app_user:${pw}@db-${rng.int(1, 9)}.internal.example.com:${rng.int(1000, 9999)}/prod`,
      [{ type: 'secret', kind: 'connection_string', value: pw }],
      'password in a database URI',
    );
    const pw2 = rng.chars(BASE62, rng.int(10, 24));
    add(
      `Server=tcp:sql.example.net,1433;Database=shop;User ID=app;Password=${pw2};Encrypt=True;`,
      [{ type: 'secret', kind: 'connection_string', value: pw2 }],
      'password in an ADO.NET connection string',
    );
    const body = Array.from({ length: rng.int(4, 12) }, () => rng.chars(BASE64, 64)).join('\n');
    const label = rng.pick(['RSA ', 'EC ', 'OPENSSH ', '', 'ENCRYPTED ']);
    const pem = `-----BEGIN ${label}PRIVATE KEY-----\n${body}\n-----END ${label}PRIVATE KEY-----`;
    add(
      `key file:\n${pem}\n`,
      [{ type: 'secret', kind: 'private_key', value: pem }],
      'PEM private key',
    );
    const jsonPem = pem.replace(/\n/g, '\\n');
    add(
      `{"type": "service_account", "private_key": "${jsonPem}\\n", "client_email": "svc@proj.iam.example.com"}`,
      [
        { type: 'secret', kind: 'private_key', value: jsonPem },
        { type: 'email', value: 'svc@proj.iam.example.com' },
      ],
      'PEM private key escaped in JSON',
    );
  }

  // Near-misses: placeholders, examples, public identifiers, code references.
  const near = [
    () => `OPENAI_API_KEY=sk-${'x'.repeat(48)}`,
    () => 'OPENAI_API_KEY=sk-...',
    () => 'api_key: <your-api-key>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${…}` placeholder is the test case
    () => 'password: ${DB_PASSWORD}',
    () => 'token = "{{ secrets.GITHUB_TOKEN }}"',
    () => 'export STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
    () => `AWS_ACCESS_KEY_ID=AKIA${'A'.repeat(16)}`,
    () => 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    () => 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    () => `pk_live_${rng.chars(BASE62, 24)}`,
    () => `ghp_${rng.chars(BASE62, 10)}`,
    () => 'password = os.environ["DB_PASSWORD"]',
    () => 'const token = await getToken(user);',
    () => 'password: process.env.PASSWORD',
    () => 'if (password === confirmPassword) save();',
    () => 'Forgot your password? Click here to reset it.',
    () => 'The token expires after 3600 seconds.',
    () => 'max_tokens: 4096',
    () => 'token_count = 1200',
    () => `commit ${rng.chars(HEX, 40)}`,
    () => `-----BEGIN PUBLIC KEY-----\n${rng.chars(BASE64, 64)}\n-----END PUBLIC KEY-----`,
    () => `-----BEGIN CERTIFICATE-----\n${rng.chars(BASE64, 64)}\n-----END CERTIFICATE-----`,
    () => 'secret: true',
    () => 'password: null',
    () => 'password: "********"',
    () => 'Authorization: Bearer <token>',
    () => 'Authorization: Bearer $TOKEN',
    () => 'the bearer instrument is payable on demand',
    () => 'Basic information about the product',
    () => `https://hooks.slack.com/services/T00000000/B00000000/${'X'.repeat(24)}`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${…}` placeholder is the test case
    () => 'postgres://user:${PGPASSWORD}@localhost/db',
    () => 'mongodb://localhost:27017/test',
    () =>
      `request id ${rng.chars(HEX, 8)}-${rng.chars(HEX, 4)}-4${rng.chars(HEX, 3)}-8${rng.chars(HEX, 3)}-${rng.chars(HEX, 12)}`,
    () => `image sha256:${rng.chars(HEX, 64)}`,
    () => 'passwordless login enabled',
    () => 'bypass = "maintenance"',
    () => 'session_timeout: 30m',
    () => 'tokenizer = "cl100k_base"',
    () => 'public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"',
    () => 'the secret to good bread is time',
  ];
  for (let i = 0; i < near.length * 3; i++) {
    add(near[i % near.length]!(), [], `secret near-miss #${i % near.length}`);
  }
  return cases;
}
