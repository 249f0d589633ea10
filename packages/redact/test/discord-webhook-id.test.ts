import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { luhnValid } from '../src/checksums/luhn.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

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

// With a placeholder for the token (a README, a config template) or no token at all, the
// webhook detector rightly reports nothing, and the card detector read the id as a card.
describe('a Discord webhook id beside a placeholder token', () => {
  const id = cardShapedSnowflake();

  it.each([
    ['a placeholder', `https://discord.com/api/webhooks/${id}/YOUR_TOKEN_HERE`],
    ['a tag', `https://discord.com/api/webhooks/${id}/<token>`],
    ['a variable', `https://discordapp.com/api/webhooks/${id}/\${DISCORD_TOKEN}`],
    ['braces', `https://ptb.discord.com/api/v10/webhooks/${id}/{webhook.token}`],
    ['no token', `GET https://canary.discord.com/api/webhooks/${id}`],
    ['any host case', `https://Discord.com/api/webhooks/${id}/xxxx`],
  ])('%s: no card', (_, text) => {
    expect(createRedactor().scan(text)).toEqual([]);
    expect(detectSecrets(text)).toEqual([]);
  });

  it('the same digits elsewhere are still a card', () => {
    for (const text of [
      `card ${id} on file`,
      `https://example.com/api/webhooks/${id}/YOUR_TOKEN_HERE`,
      `https://notdiscord.com/api/webhooks/${id}/x`,
      `https://discord.com/api/channels/${id}/messages`,
      `discord.com/api/webhooks/ ${id}`,
    ]) {
      expect(createRedactor().scan(text), text).toMatchObject([{ type: 'credit_card' }]);
    }
  });

  it('a card in a later group of the run is still read', () => {
    const card = ['4111', '1111', '1111', '1111'].join(' ');
    const text = `discord.com/api/webhooks/${id} ${card} x`;
    const found = createRedactor().scan(text);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([card]);
  });

  // A snowflake is one unbroken run of 17-20 digits; most cards are 16 digits or grouped.
  // Skipping whatever digits followed the path let a card written there go through.
  it('a card that is no snowflake is read after the path', () => {
    const card = ['4111', '1111', '1111', '1111'];
    for (const [digits, token] of [
      [card.join(''), ''],
      [card.join(''), '/YOUR_TOKEN_HERE'],
      [card.join(' '), ''],
      [card.join('-'), '/<token>'],
      [['3782', '822463', '10005'].join(' '), ''],
    ] as const) {
      const text = `https://discord.com/api/webhooks/${digits}${token}`;
      const found = createRedactor().scan(text);
      expect(
        found.map((f) => text.slice(f.start, f.end)),
        text,
      ).toEqual([digits]);
    }
  });

  it('stays linear on runs of webhook paths', () => {
    const size = 1_000_000;
    const unit = `discord.com/api/webhooks/${id}/`;
    expectLinearTime(
      (n) => unit.repeat(Math.ceil(n / unit.length)),
      (text) => createRedactor().scan(text),
      size,
    );
  });
});

// A webhook URL with its slashes escaped in JSON (`\/`, as PHP's json_encode and many
// loggers write them) or percent-encoded (a URL in another URL's query) was not read at
// all: its token stayed in clear, and a card-shaped id was masked as a card.
describe('a Discord webhook URL escaped in JSON or percent-encoded', () => {
  const id = cardShapedSnowflake();
  const token = rng.chars(URLSAFE, 68);
  const escaped = (url: string) => JSON.stringify({ url }).replaceAll('/', '\\/');
  const encoded = (url: string) => `https://example.com/go?next=${encodeURIComponent(url)}`;

  it.each([
    ['escaped in JSON', escaped, `${id}\\/${token}`],
    ['percent-encoded', encoded, `${id}%2F${token}`],
  ])('%s: the id and the token are one secret', (_, write, span) => {
    const text = write(`https://discord.com/api/webhooks/${id}/${token}`);
    const hits = detectSecrets(text);
    expect(hits).toMatchObject([{ type: 'secret', detector: 'discord-webhook' }]);
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe(span);
    const { text: out, counts } = createRedactor().redactText(text);
    expect(counts).toEqual({ secret: 1 });
    expect(out).not.toContain(token);
    expect(out).not.toContain(id);
  });

  it.each([
    ['escaped in JSON', escaped],
    ['percent-encoded', encoded],
  ])('%s, beside a placeholder token: no card', (_, write) => {
    for (const url of [
      `https://discord.com/api/webhooks/${id}/YOUR_TOKEN_HERE`,
      `https://ptb.discord.com/api/v10/webhooks/${id}/{webhook.token}`,
    ]) {
      const text = write(url);
      expect(createRedactor().scan(text), text).toEqual([]);
    }
  });

  it('the same digits escaped after another host are still a card', () => {
    const text = escaped(`https://example.com/api/webhooks/${id}/YOUR_TOKEN_HERE`);
    expect(createRedactor().scan(text)).toMatchObject([{ type: 'credit_card' }]);
  });
});
