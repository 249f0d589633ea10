import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A command line given as an argv array (`["mysql","--password","…"]`, a JS or Python
// list, or a real array passed to redactValue) left the password in clear, though the
// same flags in a plain command line were read. Values are generated: no literal in the repo.
const rng = createPrng(20261209);
const value = `${rng.chars(BASE62, 14)}9k`;
const user = `deploy:${value}`;

describe('an argv array written as text', () => {
  it.each([
    `["mysql","--password","${value}"]`,
    `['mysql', '--password', '${value}']`,
    `cmd = ["docker", "login", "-u", "ci", "--password", "${value}", "registry.example.com"]`,
    `{"args":["--api-key","${value}","--region","eu"]}`,
    `[\n  "app",\n  "--client-secret",\n  "${value}"\n]`,
    `{"body":"[\\"mysql\\",\\"--password\\",\\"${value}\\"]"}`,
    `["mysql","-uroot","-p${value}"]`,
    `['/usr/bin/mysqldump', '-p${value}', 'shop']`,
    `['sshpass', '-p', '${value}', 'ssh', 'host']`,
    `spawn('sshpass', ['-p', '${value}', 'ssh', host])`,
    `subprocess.run(["sshpass", "-p${value}", "ssh", host])`,
    `["app", "--token", "${value}"]`,
  ])('%s', (text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    `['curl','-u','${user}']`,
    `["curl", "-u${user}", "https://api.example.com"]`,
    `["curl", "--user", "${user}"]`,
  ])('curl credentials in %s', (text) => {
    const found = detectSecrets(text);
    expect(found.map((f) => [text.slice(f.start, f.end), f.kind])).toEqual([[user, 'basic_auth']]);
  });

  it('reads JSON inside a JSON string on its second look, escapes blanked', () => {
    const text = `{"log":"[\\n  \\"app\\",\\n  \\"--password\\",\\n  \\"${value}\\"\\n]"}`;
    expect(spans(text)).toEqual([value]);
  });

  it('keeps redacted text as it is when redacted again', () => {
    const once = createRedactor().redactText(`["mysql","--password","${value}"]`).text;
    expect(createRedactor().redactText(once).text).toBe(once);
  });

  it.each([
    '["psql", "--password", "--host", "db.internal"]',
    '["app", "--password-file", "/run/secrets/db"]',
    '["cli", "--token-type", "bearer"]',
    '["cli", "--token", "$TOKEN"]',
    '["cli", "--api-key", "<your-api-key>"]',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, written as such
    '["cli", "--password", "${DB_PASSWORD}"]',
    '["ssh", "-p", "2222", "host"]',
    '["docker", "run", "-p", "8080:80", "-u", "1000:1000", "img"]',
    '["mkdir", "-p", "build-2024"]',
    '["git", "checkout", "-b", "feature-x12"]',
    '["-p", "hunter2x9", "ssh"]',
    '["mysql", "-p", "shop_db1"]',
    '["docker", "exec", "-uwww:www9", "app"]',
    "@click.option('--password', 'pw_value9')",
    '"--password", "n0t-in-a-list9"',
    'flags: ["--password", "--token"]',
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated flag elements and brackets', () => {
    expectLinearTime((n) => `[${'"--password",'.repeat(n / 13)}]`, detectSecrets, 1_000_000);
    expectLinearTime((n) => '["-p",'.repeat(n / 6), detectSecrets, 1_000_000);
    expectLinearTime(
      (n) => `["sshpass",${' "-p", "-p",'.repeat(n / 12)}`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime((n) => '["a[b", "-x"'.repeat(n / 11), detectSecrets, 1_000_000);
    expectLinearTime(
      (n) => `["${'a'.repeat(n)}`,
      (t: string) => detectSecrets(`${t}", "-x"]`),
      1_000_000,
    );
  });
});

describe('an argv array passed to redactValue', () => {
  const redact = (v: unknown) => createRedactor().redactValue(v);

  it('replaces the argument of a credential flag, whatever its shape', () => {
    const out = redact({ cmd: ['mysql', '--password', 'raspberry', '-h', 'db'] });
    expect(out.value).toEqual({ cmd: ['mysql', '--password', '[SECRET_1]', '-h', 'db'] });
    expect(out.findings).toEqual([
      {
        type: 'secret',
        kind: 'generic',
        start: 0,
        end: 9,
        detector: 'argv-flag-value',
        path: '$.cmd[2]',
      },
    ]);
  });

  it.each([
    [
      ['sshpass', '-p', value, 'ssh', 'host'],
      ['sshpass', '-p', '[SECRET_1]', 'ssh', 'host'],
    ],
    [
      ['/usr/bin/mysql', '-uroot', `-p${value}`],
      ['/usr/bin/mysql', '-uroot', '-p[SECRET_1]'],
    ],
    [
      ['curl', '-u', user, 'https://x.example'],
      ['curl', '-u', '[SECRET_1]', 'https://x.example'],
    ],
    [
      ['curl.exe', `-u${user}`],
      ['curl.exe', '-u[SECRET_1]'],
    ],
    [
      ['--api-key', value],
      ['--api-key', '[SECRET_1]'],
    ],
  ])('%j', (argv, expected) => {
    expect(redact(argv).value).toEqual(expected);
  });

  it.each([
    [['ssh', '-p', '2222', 'host']],
    [['docker', 'run', '-u', '1000:1000', 'img']],
    [['psql', '--password', '--host', 'db']],
    [['app', '--password-file', '/run/secrets/db']],
    [['mysql', '-p', 'shop']],
    [['mkdir', '-p', 'dir']],
  ])('leaves %j alone', (argv) => {
    expect(redact(argv).value).toEqual(argv);
  });

  it('does not read an id list under a hash field as arguments', () => {
    const r = createRedactor({ profile: 'hashed-retail', hashKey: 'k'.repeat(32) });
    const out = r.redactValue({ order_id: ['--token', 'A-1'] }).value as { order_id: string[] };
    expect(out.order_id.every((id) => id.startsWith('IDENTIFIER_'))).toBe(true);
  });
});
