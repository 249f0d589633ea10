import type { CorpusCase } from './case.js';

const REAL = '@pm repository (real code, false-positive regression)';
const IDIOM =
  'near-miss written for the generic-assignment precision fix (common code/config idiom)';

/**
 * Lines of this repository the generic-assignment detector once reported (the repo-wide
 * secret scan in CI), kept verbatim: a credential-named key before `:`/`=` whose value is a
 * type, an expression, a version, a redaction marker or an ordinary word.
 */
const REPOSITORY_LINES = [
  // package.json / package-lock.json: dependency names ending in "token", value a version range.
  '    "js-tiktoken": "^1.0.21",',
  '        "gtoken": "^6.1.0",',
  // TypeScript signatures (packages/llm-client/src/openai/openai-provider.ts).
  "function keySource(apiKey: OpenAIProviderOptions['apiKey']): () => Promise<SecretValue> {",
  "function credentialSource(apiKey: OpenAIProviderOptions['apiKey']): string {",
  // Prose and doc comments naming the redaction marker.
  ' * `[SECRET:<kind>]`. For provider error messages, which may echo keys or prompt content.',
  'replaced by `[SECRET:<kind>]` and the record says so (never the value).',
  'found is replaced by `[SECRET:<kind>]` (`openai`, `anthropic`, `aws`, `github`, `slack`,',
  '`detectSecrets` from `@pm/redact`; each secret is replaced by `[SECRET:<kind>]` and the',
  '   * `artifact://sha256:<hex>`. Secrets in it are replaced by `[SECRET:<kind>]` first (the',
  ' * `postgres://u:[SECRET:connection_string]@h` as a password, or `SECRET:private_key` as',
  "    expect(findSecretSpans('apiKey: [REDACTED]')).toEqual([]);",
  // JSON redaction profile and its TypeScript twin: config values that are ordinary words.
  '    "secret": "mask"',
  "  operators: { email: 'hash', phone: 'hash', identifier: 'hash', secret: 'mask' },",
  // Property accesses, destructuring and placeholder-like words in tests.
  '      const env = { OPENAI_API_KEY: canaries.apiKey!, DATABASE_URL: canaries.dsn! };',
  "    const first = await resolveApiKey({ env: { OPENAI_API_KEY: 'env-key' }, secretProvider });",
  '  const { OPENAI_API_KEY: _drop, ...rest } = process.env;',
  '    provider: openaiProvider({ apiKey: key, baseURL: server.baseURL, timeoutMs: 500 }),',
  "        apiKey: new SecretValue(fakeApiKey('crash'), 'test'),",
  "      OPENAI_API_KEY: fakeApiKey('example'),",
  '    expect(JSON.stringify({ apiKey: secret })).toBe(\'{"apiKey":"[REDACTED]"}\');',
  '{"data":{"config":{"apiKey":"[REDACTED]","provider":"offline"},"policy":{"execution_mode":"hybrid"}}}',
  // Benchmarks and token-counting prose.
  'Ratios from that run, gpt-tokenizer vs js-tiktoken: 7.4× faster on prose, 3.2× faster to',
  ' * "How to count tokens with tiktoken": `num_tokens_from_messages` and',
  '  (openai-cookbook "How to count tokens with tiktoken": 3 tokens per message, 1 per name, 3',
  // packages/redact's own README and comments.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the README line quotes a `${…}` placeholder
  '| `secret`          | kinds `openai`, `anthropic`, `aws` (key id and secret key), `github`, `slack` (tokens, webhooks), `stripe`, `google`, `jwt`, `private_key` (PEM, also `\\n`-escaped in JSON), `bearer`, `basic_auth` (header, `curl -u`), `connection_string` (DB/broker URIs incl. JDBC, ADO/ODBC `Password=`, Azure `AccountKey=`), `generic` (password/secret/token/api_key assignments in code, env, JSON — also JSON escaped inside a JSON string —, YAML, curl headers, URL queries, CLI flags; and prefixed tokens of providers without a named kind: GitLab, npm, SendGrid, Twilio, Hugging Face, Shopify, DigitalOcean) | placeholders and examples (`sk-xxxx…`, `${PASSWORD}`, `<your-key>`, `{{…}}`, `****`, `…EXAMPLE`, one repeated character, `123456…`) are not secrets |',
  '  // symbol there. `DB_PASSWORD=hunter` (env style, no spaces) is taken as it is.',
  '`username:password@`, `password=MY-PASSWORD`, a `<your-connection-ip-address>` URI and an',
  '/** `curl -u user:password` / `--user user:password`: the credentials after the flag. */',
];

/**
 * The same mistakes in the idioms other code bases use: type annotations, schema
 * builders, environment lookups, destructuring, YAML tags, encrypted values, fetch
 * options, markdown tables, prose, package versions, algorithm names and file paths.
 */
const IDIOMS = [
  // TypeScript
  'constructor(private readonly token: string) {}',
  'function login(user: string, password: string): Promise<Session> {',
  'export interface ClientOptions { apiKey?: string; secret: SecretValue; timeoutMs?: number }',
  'const token: string | undefined = process.env.GITHUB_TOKEN;',
  "const apiKey = process.env.OPENAI_API_KEY ?? '';",
  'const { token: accessToken, expiresIn } = await response.json();',
  '  apiKey: options.apiKey,',
  '  apiKey: opts.apiKey!,',
  '  secret: undefined,',
  '  token: string;',
  '  readonly credentials: Credentials[];',
  '  token: Promise<string>;',
  '  password: z.string().min(12),',
  '  apiKey: z.string().optional(),',
  '  password: Joi.string().required(),',
  "type Auth = { kind: 'bearer'; token: string } | { kind: 'basic'; password: string };",
  "  headers: { 'X-Api-Key': apiKey, Accept: 'application/json' },",
  '  secretOrPrivateKey: process.env.JWT_SECRET!,',
  '  password: hashPassword(input.password),',
  'const password = faker.internet.password();',
  "  credentials: 'include',",
  '  credentials: "same-origin",',
  '  token: Token | null;',
  '  apiKey: config?.apiKey,',
  '  const secret = await provider.getSecret(name);',
  'token = token.trim();',
  // Other languages
  'api_key = os.environ.get("OPENAI_API_KEY")',
  'self.token = token',
  'token := os.Getenv("GITHUB_TOKEN")',
  'String password = System.getenv("DB_PASSWORD");',
  'val token: String = BuildConfig.API_TOKEN',
  'let token: String = std::env::var("TOKEN")?;',
  "    'password' => env('DB_PASSWORD'),",
  'config.secret_key_base = Rails.application.credentials.secret_key_base',
  'SECRET_KEY = env("DJANGO_SECRET_KEY")',
  // Config
  'password: !vault |',
  'MasterUserPassword: !Ref DbPasswordParameter',
  'api_key: ENC[AES256_GCM,data:Tr7o1AxZ,iv:4Hq9mPzW,tag:8fKd2LsQ,type:str]',
  '  existingSecret: postgres-credentials',
  '  secret: /run/secrets/api_token',
  '"jsonwebtoken": "^9.0.2",',
  '"@types/jsonwebtoken": "9.0.10",',
  '"csrf-token": "~1.0.3",',
  '"secret": "HS256",',
  '"token": "bearer",',
  'export GITHUB_TOKEN=$(gh auth token)',
  'DB_PASSWORD=%DB_PASSWORD%',
  '  max_token: 4096',
  // Markdown and prose
  '| `token` | `string` | Personal access token: needs the `repo` scope |',
  '| `password` | string | yes | Password: at least 12 characters |',
  'API key: 32-character hex string, sent as `X-Api-Key`.',
  'Token: expires after 3600 seconds, then the client refreshes it.',
  'Password: must contain 12+ characters, including a digit.',
  'The client secret: shown once in the console, store it in your vault.',
  '<input type="password" name="password" autocomplete="current-password">',
];

/** Lines of npm packages installed here that the generic detector once reported. */
const PACKAGE_LINES = [
  // sucrase dist/identifyShadowedGlobals.js, dist/parser/traverser/statement.js
  '    const token = tokens.tokens[i];',
  '  const token = _base.state.tokens[_base.state.tokens.length - 1];',
  // parse5 lib/parser/index.js
  '    [Tokenizer.START_TAG_TOKEN]: startTagBeforeHtml,',
  // gpt-tokenizer src/BytePairEncodingCore.ts
  '        const specialToken = nextSpecialMatch![1]',
  // google-p12-pem build/src/index.js
  '    const privateKey = bags.friendlyName[0].key;',
  // @pinojs/redact test/integration.test.js (credential word and a counter)
  "      credentials: { password: 'secret1', apiKey: 'key1' }",
  "    const obj = { username: 'john', password: 'secret123' }",
];
const PACKAGES = 'npm packages installed in this repository (real code, false-positive regression)';

/** Negative cases: nothing in them is sensitive. */
export const REPOSITORY_NEGATIVES: readonly CorpusCase[] = [
  ...REPOSITORY_LINES.map((text): CorpusCase => ({ text, labels: [], origin: REAL })),
  ...PACKAGE_LINES.map((text): CorpusCase => ({ text, labels: [], origin: PACKAGES })),
  ...IDIOMS.map((text): CorpusCase => ({ text, labels: [], origin: IDIOM })),
];
