import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { luhnValid } from '../src/checksums/luhn.js';
import { createRedactor, detectSecrets } from '../src/index.js';

const rng = createPrng(20261207);
const URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/**
 * An 18-digit snowflake (Discord's ids of 2016-2022) that also passes a card check: a `6`
 * first (Discover/UnionPay/Maestro ranges) and a Luhn check digit, as one id in ten does.
 */
function cardShapedSnowflake(): string {
  const body = `6${rng.digits(16)}`;
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable: one check digit always fits');
}

// The id of a webhook URL was masked as a payment card and the token as a secret, so the
// URL came out as `webhooks/[CREDIT_CARD_1]/[SECRET_1]`: a card counted that is not there,
// and one credential in two pieces. The id and the token are now one secret.
describe('a Discord webhook whose id is card-shaped', () => {
  const id = cardShapedSnowflake();
  const token = rng.chars(URLSAFE, 68);
  const url = `https://discord.com/api/webhooks/${id}/${token}`;

  it('is one secret: the id and the token', () => {
    const text = `DISCORD_WEBHOOK=${url}?wait=true`;
    const hits = detectSecrets(text);
    expect(hits).toMatchObject([{ type: 'secret', detector: 'discord-webhook' }]);
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe(`${id}/${token}`);
  });

  it('the redacted URL keeps its host and counts no card', () => {
    const { text, counts } = createRedactor().redactText(`curl -X POST ${url}`);
    expect(text).toBe('curl -X POST https://discord.com/api/webhooks/[SECRET_1]');
    expect(counts).toEqual({ secret: 1 });
  });

  it('the same digits outside a webhook URL are still a card', () => {
    const found = createRedactor().scan(`card ${id} on file`);
    expect(found).toMatchObject([{ type: 'credit_card' }]);
  });
});
