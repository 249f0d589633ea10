import { generateKeyPairSync, randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Random characters from `alphabet` (a fresh draw per call: nothing key-shaped is committed). */
function random(length: number, alphabet = ALNUM, ending = '7qZ'): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length - ending.length; i++) out += alphabet[bytes[i]! % alphabet.length];
  // A fixed ending guarantees a digit and mixed case, so no detector takes it for a placeholder.
  return out + ending;
}

/** One synthetic secret: the text to plant, and the part that must never land anywhere. */
export interface Canary {
  kind: string;
  /** What is planted (a key, a header, a DSN, a PEM block). */
  text: string;
  /** The secret part: must not appear in any file of the run. */
  secret: string;
}

/** Canaries of every kind the ledger must keep out, generated at test time. */
export function makeCanaries(): Canary[] {
  const openai = `sk-proj-${random(48)}`;
  const anthropic = `sk-ant-api03-${random(93)}`;
  const aws = `AKIA${random(16, UPPER_DIGITS, '7QX')}`;
  const github = `ghp_${random(36)}`;
  const slack = `xoxb-${random(12, '0123456789', '739')}-${random(24)}`;
  const stripe = `sk_live_${random(24)}`;
  const bearer = random(40);
  const password = random(18);
  const webPassword = random(20);
  const pem = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const pemBody = pem.split('\n')[1]!;
  return [
    { kind: 'openai', text: openai, secret: openai },
    { kind: 'anthropic', text: anthropic, secret: anthropic },
    { kind: 'aws', text: aws, secret: aws },
    { kind: 'github', text: github, secret: github },
    { kind: 'slack', text: slack, secret: slack },
    { kind: 'stripe', text: stripe, secret: stripe },
    { kind: 'bearer', text: `Authorization: Bearer ${bearer}`, secret: bearer },
    {
      kind: 'connection_string',
      text: `postgres://app:${password}@db.internal:5432/app`,
      secret: password,
    },
    { kind: 'private_key', text: pem, secret: pemBody },
    // A password in a web URL's userinfo: sent as HTTP Basic credentials.
    {
      kind: 'basic_auth',
      text: `https://deploy:${webPassword}@git.example.com/org/repo.git`,
      secret: webPassword,
    },
  ];
}
