import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';

// Tokens are built at run time (random bodies after each provider's documented prefix),
// so no credential-shaped literal sits in the repository (`npm run scan:secrets`).
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URLSAFE = `${ALNUM}_-`;
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const UPPER_HEX = '0123456789ABCDEF';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Bech32's alphabet, upper case (no 1, B, I, O). */
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
function random(n: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
/** A Telegram bot id of `n` digits (no leading zero). */
function botId(n: number): string {
  return random(1, '123456789') + random(n - 1, DIGITS);
}
/**
 * The 35 characters after a bot id's colon, `AA` first as issued, with a digit, as all but
 * ~0.4 % of real ones hold: a letters-only one is judged by its shape, which about 1
 * random one in 10,000 fails (a flaky test, were it left to chance).
 */
function botSecret(): string {
  return `AA${random(16, URLSAFE)}${random(1, DIGITS)}${random(16, URLSAFE)}`;
}

/** LLM providers first: their keys are what a host of this SDK most often holds. */
const tokens: Array<[string, () => string]> = [
  ['groq-api-key', () => `gsk_${random(52)}`],
  ['xai-api-key', () => `xai-${random(80, `${ALNUM}_`)}`],
  ['replicate-api-token', () => `r8_${random(37, URLSAFE)}`],
  ['perplexity-api-key', () => `pplx-${random(48)}`],
  ['pypi-token', () => `pypi-AgEIcHlwaS5vcmc${random(150, URLSAFE)}`],
  ['linear-api-key', () => `lin_api_${random(40)}`],
  ['notion-token', () => `ntn_${random(11, '0123456789')}${random(35)}`],
  ['atlassian-api-token', () => `ATATT3${random(177, URLSAFE)}=${random(8, UPPER_HEX)}`],
  ['doppler-token', () => `dp.pt.${random(43)}`],
  ['doppler-token', () => `dp.st.${random(44)}`],
  ['doppler-token', () => `dp.st.prd_eu.${random(44)}`],
  ['doppler-token', () => `dp.sa.${random(40)}`],
  ['doppler-token', () => `dp.ct.${random(43)}`],
  ['doppler-token', () => `dp.scim.${random(43)}`],
  ['doppler-token', () => `dp.audit.${random(43)}`],
  ['square-access-token', () => `EAAA${random(60, URLSAFE)}`],
  ['square-legacy-access-token', () => `sq0atp-${random(22, URLSAFE)}`],
  ['square-application-secret', () => `sq0csp-${random(43, URLSAFE)}`],
  ['age-secret-key', () => ['AGE-SECRET-KEY-1', random(58, BECH32)].join('')],
  ['telegram-bot-token', () => `${botId(8)}:${botSecret()}`],
  ['telegram-bot-token', () => `${botId(10)}:${botSecret()}`],
  // Infrastructure and observability tools.
  ['vault-token', () => `hvs.${random(95, URLSAFE)}`],
  ['new-relic-key', () => `NRAK-${random(27, UPPER_ALNUM)}`],
  ['new-relic-key', () => `NRII-${random(32, URLSAFE)}`],
  ['postman-api-key', () => `PMAK-${random(24, HEX)}-${random(34, HEX)}`],
  ['sentry-token', () => `sntryu_${random(64, HEX)}`],
  ['sentry-token', () => `sntrys_eyJ${random(120, `${ALNUM}+/`)}_${random(43, `${ALNUM}+/`)}`],
  ['google-refresh-token', () => `1//0${random(100, URLSAFE)}`],
  ['prefect-api-key', () => `pnu_${random(36)}`],
  ['heroku-api-key', () => `HRKU-AA${random(58, URLSAFE)}`],
  ['openshift-token', () => `sha256~${random(43, URLSAFE)}`],
];

describe('prefixed tokens of LLM and developer-tool providers', () => {
  for (const [detector, make] of tokens) {
    it(`${detector}: found whole, as secret/generic, and replaced`, () => {
      const token = make();
      const text = `export KEY=${token}\ncurl -H "x-token: ${token}" https://api.example.com`;
      const hits = detectSecrets(`use ${token} now`);
      expect(hits).toEqual([
        { type: 'secret', kind: 'generic', start: 4, end: 4 + token.length, detector },
      ]);
      const out = createRedactor().redactText(text).text;
      expect(out).not.toContain(token.slice(-12));
    });
  }

  it('placeholders, model names and prefixes inside words are not tokens', () => {
    for (const text of [
      `gsk_${'x'.repeat(52)}`,
      'GROQ_API_KEY=gsk_...',
      `xai-${'X'.repeat(80)}`,
      'model: pplx-70b-online',
      'PERPLEXITY_API_KEY=pplx-***',
      'pypi-AgEIcHlwaS5vcmc...',
      `tr8_${random(37)}`,
      `foo-xai-${random(80)}`,
      'lin_api_your_linear_api_key_here_0000000',
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });

  it('near misses of the developer-tool and messaging shapes are not tokens', () => {
    for (const text of [
      // One character short, or the prefix inside a word.
      `ATATT3${random(185, URLSAFE)}`,
      `xATATT3${random(186, URLSAFE)}`,
      `dp.pt.${random(39)}`,
      `dp.xt.${random(43)}`,
      `dp.pt.${'x'.repeat(43)}`,
      `dp.st.prd.${'A'.repeat(44)}`,
      `sq0atp-${'A'.repeat(22)}`,
      `sq0atp-${random(21)}`,
      `sq0csp-${random(42)}`,
      // An upper-case SHA-256 as PowerShell's Get-FileHash prints it, starting EAAA.
      `Hash: EAAA${random(60, UPPER_HEX)}`,
      `0xEAAA${random(60)}`,
      // gitleaks' own sample (one repeated character) and a key with B, I, O (not Bech32).
      ['AGE-SECRET-KEY-1', 'Q'.repeat(58)].join(''),
      ['AGE-SECRET-KEY-1', random(57, BECH32), 'B'].join(''),
      // Bot ids of 7 and 11 digits, a secret part one longer, one not starting with A,
      // an id inside a word, and an XSD type name of the same length (gitleaks' FP).
      `${botId(7)}:${botSecret()}`,
      `${botId(11)}:${botSecret()}`,
      `${botId(9)}:${botSecret()}x`,
      `${botId(9)}:B${botSecret().slice(1)}`,
      `x${botId(9)}:${botSecret()}`,
      `<xsd:element type="${botId(8)}:AgencyIdentificationCodeContentType"/>`,
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });

  it('near misses of the infrastructure shapes, and their public keys, are not tokens', () => {
    for (const text of [
      // Vault's tokens are 90 characters and more; a 24-character body is no token.
      `hvs.${random(24)}`,
      // New Relic's browser keys are public by design.
      `NRJS-${random(19, HEX)}`,
      `PMAK-${random(24, HEX)}-${random(33, HEX)}`,
      `HRKU-AB${random(58, URLSAFE)}`,
      `xpnu_${random(36)}`,
      'x = 1//0',
      `sha256~${random(42, URLSAFE)}`,
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });

  it('a Telegram token in the Bot API URL is found after its `bot` path prefix', () => {
    const token = `${botId(10)}:${botSecret()}`;
    const url = `https://api.telegram.org/bot${token}/getMe`;
    const hits = detectSecrets(url);
    expect(hits.map((h) => url.slice(h.start, h.end))).toEqual([token]);
    expect(hits[0]!.detector).toBe('telegram-bot-token');
  });
});

describe('Discord webhook URLs', () => {
  const snowflake = () => random(1, '123456789') + random(18, DIGITS);

  it.each([
    ['https://discord.com/api/webhooks/'],
    ['https://discordapp.com/api/webhooks/'],
    ['https://canary.discord.com/api/v10/webhooks/'],
  ])('%s<id>/<token>: the id and the token are one secret, replaced', (base) => {
    const token = random(68, URLSAFE);
    const id = snowflake();
    const url = `${base}${id}/${token}`;
    const hits = detectSecrets(`DISCORD_WEBHOOK=${url}?wait=true`);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.detector).toBe('discord-webhook');
    expect(`DISCORD_WEBHOOK=${url}?wait=true`.slice(hits[0]!.start, hits[0]!.end)).toBe(
      `${id}/${token}`,
    );
    const out = createRedactor().redactText(`curl -X POST ${url}`).text;
    expect(out).not.toContain(token.slice(-12));
    // The host stays readable, and the URL holds one placeholder whatever the id's digits.
    expect(out).toBe(`curl -X POST ${base}[SECRET_1]`);
  });

  it('documentation forms, a short id and other hosts are not webhooks', () => {
    for (const text of [
      'https://discord.com/api/webhooks/{webhook.id}/{webhook.token}',
      'https://discord.com/api/webhooks/<id>/<token>',
      `https://discord.com/api/webhooks/${snowflake()}/${'x'.repeat(68)}`,
      `https://discord.com/api/webhooks/12345/${random(68, URLSAFE)}`,
      `https://notdiscord.com/api/webhooks/${snowflake()}/${random(68, URLSAFE)}`,
      `https://discord.com/api/channels/${snowflake()}/${random(68, URLSAFE)}`,
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });
});

describe('Mailgun `key-` API keys', () => {
  const key = () => `key-${random(32, HEX)}`;

  it.each([
    (k: string) =>
      `requests.post("https://api.mailgun.net/v3/mg.example.org/messages",\n  auth=("api", "${k}"))`,
    (k: string) => `const mg = mailgun.client({ username: 'api', key: '${k}' });`,
    (k: string) => `# Mailgun\nkey: ${k}`,
  ])('found where Mailgun is named before the key (%#)', (make) => {
    const k = key();
    const text = make(k);
    const hits = detectSecrets(text);
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual([k]);
    expect(createRedactor().redactText(text).text).not.toContain(k.slice(-12));
  });

  it('without the name, `key-` and 32 hex digits is an ordinary id', () => {
    for (const text of [
      `cacheKey = "${key()}"`,
      `s3://bucket/objects/${key()}.json`,
      `Idempotency-Key: ${key()}`,
      // Named, but the prefix inside a word, a digit short, or a placeholder.
      `mailgun cache-${key()}`,
      `mailgun ${key().slice(0, -1)}`,
      `MAILGUN: key-${'0'.repeat(32)}`,
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });
});
