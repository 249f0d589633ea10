/**
 * ~1 MB of prose with planted items: emails, phones, cards, IPs and API keys of several
 * kinds. Seeded, so every run measures the same text. Keys are synthetic.
 */

import { luhnDigit } from '../../packages/redact/test/corpus/generate-pii.js';
import { BASE62, createPrng } from '../../test/support/prng.js';

export interface PlantedText {
  text: string;
  /** Every planted value, with its category, for recall. */
  planted: Array<{ category: 'email' | 'phone' | 'card' | 'ip' | 'key'; value: string }>;
}

const WORDS =
  'the customer called about order status and asked whether delivery could move to next week because the warehouse was closed for inventory while support reviewed notes from previous tickets and escalated billing questions to finance'.split(
    ' ',
  );

/** Builds the text: prose sentences, one planted item about every 400 characters. */
export function buildMixedText(targetBytes = 1_000_000, seed = 42): PlantedText {
  const { next: r, pick, chars, digits } = createPrng(seed);
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
      const payload = `4${digits(14)}`;
      const card = payload + luhnDigit(payload);
      value = pick([card, card.replace(/(\d{4})(?=\d)/g, '$1 ')]);
      category = 'card';
    } else if (kind === 3) {
      value = `${11 + Math.floor(r() * 200)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${1 + Math.floor(r() * 250)}`;
      category = 'ip';
    } else {
      value = pick([
        `sk-proj-${chars(BASE62, 48)}`,
        `ghp_${chars(BASE62, 36)}`,
        `AKIA${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
        `sk_live_${chars(BASE62, 32)}`,
        `xoxb-${digits(12)}-${digits(13)}-${chars(BASE62, 24)}`,
        `AIza${chars(BASE62, 35)}`,
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
