/**
 * ~1 MB of prose with planted items: emails, phones, cards, IPs and API keys of several
 * kinds. Seeded, so every run measures the same text. Keys are synthetic.
 */

export interface PlantedText {
  text: string;
  /** Every planted value, with its category, for recall. */
  planted: Array<{ category: 'email' | 'phone' | 'card' | 'ip' | 'key'; value: string }>;
}

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the customer called about order status and asked whether delivery could move to next week because the warehouse was closed for inventory while support reviewed notes from previous tickets and escalated billing questions to finance'.split(
    ' ',
  );
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function luhnComplete(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return payload + String((10 - (sum % 10)) % 10);
}

/** Builds the text: prose sentences, one planted item about every 400 characters. */
export function buildMixedText(targetBytes = 1_000_000, seed = 42): PlantedText {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chars = (alphabet: string, n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
    return s;
  };
  const digits = (n: number) => chars('0123456789', n);
  const planted: PlantedText['planted'] = [];
  const parts: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    let sentence = '';
    const n = 40 + Math.floor(r() * 40);
    for (let i = 0; i < n; i++) sentence += `${pick(WORDS)} `;
    const kind = Math.floor(r() * 5);
    let value: string;
    let category: PlantedText['planted'][number]['category'];
    if (kind === 0) {
      value = `${pick(['anna', 'bob', 'chen', 'eva'])}.${pick(['smith', 'rossi', 'tanaka'])}${Math.floor(r() * 100)}@${pick(['example.com', 'mail.example.org'])}`;
      category = 'email';
    } else if (kind === 1) {
      value = pick([
        `(${200 + Math.floor(r() * 700)}) 555-${digits(4)}`,
        `+44 20 7946 ${digits(4)}`,
        `415-555-${digits(4)}`,
      ]);
      category = 'phone';
    } else if (kind === 2) {
      const card = luhnComplete(`4${digits(14)}`);
      value = pick([card, card.replace(/(\d{4})(?=\d)/g, '$1 ')]);
      category = 'card';
    } else if (kind === 3) {
      value = `${11 + Math.floor(r() * 200)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${1 + Math.floor(r() * 250)}`;
      category = 'ip';
    } else {
      value = pick([
        `sk-proj-${chars(B62, 48)}`,
        `ghp_${chars(B62, 36)}`,
        `AKIA${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
        `sk_live_${chars(B62, 32)}`,
        `xoxb-${digits(12)}-${digits(13)}-${chars(B62, 24)}`,
        `AIza${chars(B62, 35)}`,
      ]);
      category = 'key';
    }
    planted.push({ category, value });
    const cut = sentence.lastIndexOf(' ', Math.floor(sentence.length / 2));
    const line = `${sentence.slice(0, cut)} ${value} ${sentence.slice(cut + 1).trim()}.\n`;
    parts.push(line);
    size += line.length;
  }
  return { text: parts.join(''), planted };
}
