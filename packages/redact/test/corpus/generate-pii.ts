import { createHash } from 'node:crypto';
import { createPrng, type Prng } from '../../../../test/support/prng.js';
import type { CorpusCase } from './case.js';

const FIRST = [
  'anna',
  'bob',
  'chen',
  'dmitri',
  'eva',
  'farah',
  'giulia',
  'hiro',
  'ines',
  'jon',
  'kofi',
  'lena',
  'maria',
  'nils',
  'olga',
  'pablo',
];
const LAST = [
  'smith',
  'mueller',
  'dupont',
  'rossi',
  'garcia',
  'tanaka',
  'okafor',
  'nowak',
  'silva',
  'jensen',
  'obrien',
  'kowalski',
];
const DOMAINS = [
  'example.com',
  'mail.example.org',
  'corp.example.co.uk',
  'shop.example.de',
  'example.io',
  'uni.example.edu',
  'example.fr',
  'sub.dept.example.net',
  'example.com.au',
  'example.technology',
];
const WORDS =
  'the order was shipped on time and the customer asked about delivery options for next week while support reviewed the case notes carefully'.split(
    ' ',
  );

function prose(rng: Prng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += `${rng.pick(WORDS)} `;
  return s.trim();
}

/** Embeds `value` in one of several realistic contexts. */
function embed(rng: Prng, value: string): string {
  const t = rng.int(0, 7);
  switch (t) {
    case 0:
      return `${prose(rng, 5)} ${value} ${prose(rng, 4)}.`;
    case 1:
      return `{"id": ${rng.int(1, 99999)}, "contact": "${value}", "status": "open"}`;
    case 2:
      return `contact: ${value}\nstatus: open`;
    case 3:
      return `${rng.int(1, 9999)},${rng.pick(FIRST)},${value},2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
    case 4:
      return `Please reach me at ${value}, thanks.`;
    case 5:
      return `<td>${value}</td>`;
    case 6:
      return `(${value})`;
    default:
      return `${value}`;
  }
}

/** The Luhn check digit that makes `payload` a valid card number. */
export function luhnDigit(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function cardNumber(rng: Prng): { number: string; groups: number[] } {
  const kind = rng.int(0, 8);
  let prefix: string;
  let length: number;
  let groups = [4, 4, 4, 4];
  switch (kind) {
    case 0:
      prefix = '4';
      length = 16;
      break;
    case 1:
      prefix = String(rng.int(51, 55));
      length = 16;
      break;
    case 2:
      prefix = String(rng.int(2221, 2720));
      length = 16;
      break;
    case 3:
      prefix = rng.pick(['34', '37']);
      length = 15;
      groups = [4, 6, 5];
      break;
    case 4:
      prefix = rng.pick(['6011', '65', '644']);
      length = 16;
      break;
    case 5:
      prefix = String(rng.int(3528, 3589));
      length = 16;
      break;
    case 6:
      prefix = rng.pick(['36', '38', '300']);
      length = 14;
      groups = [4, 6, 4];
      break;
    case 7:
      prefix = '62';
      length = rng.pick([16, 19]);
      groups = length === 19 ? [4, 4, 4, 4, 3] : [4, 4, 4, 4];
      break;
    default:
      prefix = '4';
      length = 13;
      groups = [4, 3, 3, 3];
  }
  const payload = prefix + rng.digits(length - prefix.length - 1);
  return { number: payload + luhnDigit(payload), groups };
}

function format(digits: string, groups: number[], sep: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const g of groups) {
    parts.push(digits.slice(at, at + g));
    at += g;
  }
  return parts.join(sep);
}

// ---------- IBAN ----------
const IBAN_SPECS: Array<[string, string]> = [
  // country, BBAN pattern: n = digit, a = upper letter, c = alphanumeric
  ['DE', 'nnnnnnnnnnnnnnnnnn'],
  ['GB', 'aaaannnnnnnnnnnnnn'],
  ['FR', 'nnnnnnnnnncccccccccccnn'],
  ['ES', 'nnnnnnnnnnnnnnnnnnnn'],
  ['IT', 'annnnnnnnnncccccccccccc'],
  ['NL', 'aaaannnnnnnnnn'],
  ['BE', 'nnnnnnnnnnnn'],
  ['CH', 'nnnnncccccccccccc'],
  ['AT', 'nnnnnnnnnnnnnnnn'],
  ['PL', 'nnnnnnnnnnnnnnnnnnnnnnnn'],
  ['PT', 'nnnnnnnnnnnnnnnnnnnnn'],
  ['IE', 'aaaannnnnnnnnnnnnn'],
  ['SE', 'nnnnnnnnnnnnnnnnnnnn'],
  ['NO', 'nnnnnnnnnnn'],
  ['DK', 'nnnnnnnnnnnnnn'],
  ['FI', 'nnnnnnnnnnnnnn'],
  ['BR', 'nnnnnnnnnnnnnnnnnnnnnnnac'],
  ['SA', 'nncccccccccccccccccc'],
  ['TR', 'nnnnnncccccccccccccccc'],
  ['LU', 'nnnccccccccccccc'],
];

function ibanCheck(country: string, bban: string): string {
  const s = `${bban}${country}00`;
  let r = 0;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    r = c >= 65 ? (r * 100 + (c - 55)) % 97 : (r * 10 + (c - 48)) % 97;
  }
  return String(98 - r).padStart(2, '0');
}

function makeIban(rng: Prng): string {
  const [country, pattern] = rng.pick(IBAN_SPECS);
  let bban = '';
  for (const p of pattern) {
    bban +=
      p === 'n'
        ? rng.digits(1)
        : p === 'a'
          ? rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1)
          : rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 1);
  }
  return country + ibanCheck(country, bban) + bban;
}

function spaced4(s: string): string {
  return s.replace(/(.{4})(?=.)/g, '$1 ');
}

// ---------- Bitcoin ----------
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58Encode(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let s = '';
  while (n > 0n) {
    s = B58[Number(n % 58n)] + s;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    s = `1${s}`;
  }
  return s;
}
function sha256(b: Uint8Array): Buffer {
  return createHash('sha256').update(b).digest();
}
function base58CheckAddress(rng: Prng, version: number): string {
  const payload = Buffer.alloc(21);
  payload[0] = version;
  for (let i = 1; i < 21; i++) payload[i] = rng.int(0, 255);
  const check = sha256(sha256(payload)).subarray(0, 4);
  return base58Encode(Buffer.concat([payload, check]));
}
const BECH = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function bechPolymod(values: number[]): number {
  const G = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((b >>> i) & 1) chk ^= G[i]!;
  }
  return chk >>> 0;
}
function bech32Address(rng: Prng, witnessVersion: 0 | 1): string {
  const programBytes = witnessVersion === 0 ? rng.pick([20, 32]) : 32;
  const data: number[] = [witnessVersion];
  // 8-bit to 5-bit
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < programBytes; i++) {
    acc = (acc << 8) | rng.int(0, 255);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((acc >>> bits) & 31);
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) data.push((acc << (5 - bits)) & 31);
  const hrp = [3, 3, 0, 2, 3]; // expand('bc')
  const constant = witnessVersion === 0 ? 1 : 0x2bc830a3;
  const mod = bechPolymod([...hrp, ...data, 0, 0, 0, 0, 0, 0]) ^ constant;
  const checksum: number[] = [];
  for (let i = 0; i < 6; i++) checksum.push((mod >>> (5 * (5 - i))) & 31);
  return `bc1${[...data, ...checksum].map((d) => BECH[d]).join('')}`;
}

/** Changes one character to another of the same alphabet: the checksum must then fail. */
function mutateOne(rng: Prng, s: string, alphabet: string, from = 1): string {
  const i = rng.int(from, s.length - 1);
  let c = s[i]!;
  while (c === s[i]) c = alphabet[rng.int(0, alphabet.length - 1)]!;
  return s.slice(0, i) + c + s.slice(i + 1);
}

/**
 * Generated PII cases: positives of every type in several formats and contexts, and
 * near-misses (invalid checksums, invalid ranges, look-alike numbers). Seeded: identical
 * on every run.
 */
export function generatePiiCases(seed = 7, perType = 300): CorpusCase[] {
  const rng = createPrng(seed);
  const cases: CorpusCase[] = [];
  const add = (text: string, labels: CorpusCase['labels'], what: string) =>
    cases.push({ text, labels, origin: `generated: ${what} (seed ${seed})` });

  for (let i = 0; i < perType; i++) {
    // email
    const local = rng.pick([
      () => `${rng.pick(FIRST)}.${rng.pick(LAST)}`,
      () => `${rng.pick(FIRST)}${rng.int(1, 99)}`,
      () => `${rng.pick(FIRST)}+${rng.pick(['news', 'shop', 'x'])}`,
      () => `${rng.pick(FIRST)}_${rng.pick(LAST)}`,
      () => `${rng.pick(FIRST)[0]}${rng.pick(LAST)}`,
    ])();
    const addr = `${rng.int(0, 5) === 0 ? local.toUpperCase() : local}@${rng.pick(DOMAINS)}`;
    add(embed(rng, addr), [{ type: 'email', value: addr }], 'email in context');

    // phone: [format, country]
    const phone = rng.pick([
      () => `+1 ${rng.int(201, 989)} ${rng.int(200, 999)} ${rng.digits(4)}`,
      () => `(${rng.int(201, 989)}) ${rng.int(200, 999)}-${rng.digits(4)}`,
      () => `${rng.int(201, 989)}-${rng.int(200, 999)}-${rng.digits(4)}`,
      () => `${rng.int(201, 989)}.${rng.int(200, 999)}.${rng.digits(4)}`,
      () => `+44 20 ${rng.int(7000, 8999)} ${rng.digits(4)}`,
      () => `020 ${rng.int(7000, 8999)} ${rng.digits(4)}`,
      () => `07${rng.int(100, 999)} ${rng.digits(6)}`,
      () => `+44 7${rng.int(100, 999)} ${rng.digits(6)}`,
      () => `+49 30 ${rng.digits(8)}`,
      () => `030 ${rng.digits(8)}`,
      () => `0171 ${rng.digits(7)}`,
      () => `+33 1 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`,
      () => `0${rng.int(1, 7)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`,
      () => `+31 6 ${rng.digits(8)}`,
      () => `06-${rng.digits(8)}`,
      () => `+61 4${rng.digits(2)} ${rng.digits(3)} ${rng.digits(3)}`,
      () => `(02) ${rng.digits(4)} ${rng.digits(4)}`,
      () => `+81 3-${rng.digits(4)}-${rng.digits(4)}`,
      () => `090-${rng.digits(4)}-${rng.digits(4)}`,
      () => `+91 9${rng.digits(4)} ${rng.digits(5)}`,
      () => `+55 11 9${rng.digits(4)}-${rng.digits(4)}`,
      () => `(11) 9${rng.digits(4)}-${rng.digits(4)}`,
      () => `+353 1 ${rng.digits(3)} ${rng.digits(4)}`,
      () => `+34 6${rng.digits(2)} ${rng.digits(3)} ${rng.digits(3)}`,
      () => `0044 20 ${rng.int(7000, 8999)} ${rng.digits(4)}`,
      () => `+14155552${rng.digits(3)}`,
    ])();
    add(
      embed(rng, phone),
      [{ type: 'phone', value: phone }],
      'phone, international and national formats',
    );

    // credit card
    const { number, groups } = cardNumber(rng);
    const cardText = rng.pick([number, format(number, groups, ' '), format(number, groups, '-')]);
    add(
      embed(rng, cardText),
      [{ type: 'credit_card', value: cardText }],
      'card number, Luhn-valid, network prefix',
    );

    // IBAN
    const ib = makeIban(rng);
    const ibText = rng.int(0, 1) === 0 ? ib : spaced4(ib);
    add(
      embed(rng, ibText),
      [{ type: 'iban', value: ibText }],
      'IBAN, registry length, mod-97 valid',
    );

    // IP
    const ip = rng.pick([
      () => `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      () => `10.${rng.int(0, 255)}.${rng.int(0, 255)}.0/${rng.int(8, 30)}`,
      () => `2001:db8:${rng.chars('0123456789abcdef', 4)}::${rng.chars('0123456789abcdef', 3)}`,
      () => `fe80::${rng.chars('0123456789abcdef', 4)}:${rng.chars('0123456789abcdef', 4)}`,
      () => Array.from({ length: 8 }, () => rng.chars('0123456789abcdef', 4)).join(':'),
      () => `2001:db8::/${rng.int(32, 64)}`,
      () => `::ffff:192.0.2.${rng.int(1, 254)}`,
      () => '::1',
    ])();
    add(embed(rng, ip), [{ type: 'ip', value: ip }], 'IPv4/IPv6 with and without CIDR');

    // SSN
    let area = rng.int(1, 899);
    if (area === 666) area = 665;
    const ssnText = `${String(area).padStart(3, '0')}${rng.pick(['-', ' '])}${String(rng.int(1, 99)).padStart(2, '0')}`;
    const sep = ssnText[3]!;
    const ssnFull = `${ssnText}${sep}${String(rng.int(1, 9999)).padStart(4, '0')}`;
    add(embed(rng, ssnFull), [{ type: 'ssn', value: ssnFull }], 'US SSN, valid ranges');

    // UK NINO
    const first = rng.chars('ABCEGHJKLMNOPRSTWXYZ', 1);
    let second = rng.chars('ABCEGHJKLMNPRSTWXYZ', 1);
    if (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(first + second)) second = 'A';
    const d = rng.digits(6);
    const suffix = rng.chars('ABCD', 1);
    const nino =
      rng.int(0, 1) === 0
        ? `${first}${second}${d}${suffix}`
        : `${first}${second} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suffix}`;
    add(embed(rng, nino), [{ type: 'uk_nino', value: nino }], 'UK NINO, valid prefixes');

    // URL credentials
    const user = rng.pick([
      rng.pick(FIRST),
      'deploy',
      'admin',
      `${rng.pick(FIRST)}.${rng.pick(LAST)}`,
    ]);
    const pass = rng.chars(
      'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!_~',
      rng.int(8, 20),
    );
    const urlUserinfo = `${user}:${pass}`;
    const url = `${rng.pick(['https', 'http', 'ftp', 'sftp'])}://${urlUserinfo}@${rng.pick(['files', 'intranet', 'git', 'dav'])}.${rng.pick(DOMAINS)}/${rng.pick(['x', 'repo.git', 'dl/file.zip', ''])}`;
    add(
      embed(rng, url),
      [{ type: 'url_credentials', value: urlUserinfo }],
      'credentials in a web URL',
    );

    // crypto
    const btc = rng.pick([
      () => base58CheckAddress(rng, 0),
      () => base58CheckAddress(rng, 5),
      () => bech32Address(rng, 0),
      () => bech32Address(rng, 1),
    ])();
    add(embed(rng, btc), [{ type: 'crypto', value: btc }], 'Bitcoin address, checksum-valid');
  }

  // Near-misses: nothing in these is sensitive.
  for (let i = 0; i < perType; i++) {
    const { number } = cardNumber(rng);
    const badLuhn = number.slice(0, -1) + String((Number(number.at(-1)) + rng.int(1, 9)) % 10);
    const badIban = mutateOne(rng, makeIban(rng), '0123456789', 4);
    const ibanWrongLength = (() => {
      const x = makeIban(rng);
      return x.slice(0, -1);
    })();
    const btcBad = mutateOne(rng, base58CheckAddress(rng, 0), B58);
    const bechBad = mutateOne(rng, bech32Address(rng, 0), BECH, 4);
    const near = [
      `Order ${badLuhn} confirmed`,
      `ref ${badIban}`,
      `account ${ibanWrongLength}`,
      `tx ${btcBad} pending`,
      `addr ${bechBad}`,
      `invoice date 20${rng.int(10, 29)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      `on ${String(rng.int(1, 28)).padStart(2, '0')}.${String(rng.int(1, 12)).padStart(2, '0')}.20${rng.int(10, 29)} at ${rng.int(10, 23)}:${rng.int(10, 59)}:${rng.int(10, 59)}`,
      `version ${rng.int(1, 9)}.${rng.int(0, 20)}.${rng.int(0, 99)}`,
      `ISBN 978-${rng.int(0, 9)}-${rng.digits(3)}-${rng.digits(5)}-${rng.int(0, 9)}`,
      `zip ${rng.digits(5)}-${rng.digits(4)}`,
      `total ${rng.int(1, 999)},${rng.digits(3)}.${rng.digits(2)} EUR`,
      `SSN 000-${rng.digits(2)}-${rng.digits(4)} is invalid`,
      `SSN 666-${rng.digits(2)}-${rng.digits(4)}`,
      `SSN 9${rng.digits(2)}-${rng.digits(2)}-${rng.digits(4)}`,
      `NI ${rng.pick(['BG', 'GB', 'NK', 'TN', 'ZZ'])}${rng.digits(6)}A`,
      `NI ${rng.pick(['D', 'F', 'I', 'Q', 'U', 'V'])}A${rng.digits(6)}B`,
      `IP ${rng.int(256, 999)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(0, 255)}`,
      `MAC ${Array.from({ length: 6 }, () => rng.chars('0123456789abcdef', 2)).join(':')}`,
      `std::vector<int> v; a::b::c(); x[1::2]`,
      `https://${rng.pick(FIRST)}@git.example.com/repo.git`,
      `http://localhost:${rng.int(1000, 9999)}/path@v2`,
      `mail ${rng.pick(FIRST)}@localhost or @${rng.pick(FIRST)} on social`,
      `${rng.pick(FIRST)} at example dot com`,
      `user@.com and user@ex..com and @example.com`,
      `id ${rng.digits(rng.int(6, 12))} qty ${rng.int(1, 99)}`,
      `card ending ${rng.digits(4)}, exp ${String(rng.int(1, 12)).padStart(2, '0')}/${rng.int(25, 32)}`,
      `uuid ${rng.chars('0123456789abcdef', 8)}-${rng.chars('0123456789abcdef', 4)}-4${rng.chars('0123456789abcdef', 3)}-a${rng.chars('0123456789abcdef', 3)}-${rng.chars('0123456789abcdef', 12)}`,
      `sha ${rng.chars('0123456789abcdef', 40)}`,
      `coords ${rng.int(-90, 90)}.${rng.digits(6)}, ${rng.int(-180, 180)}.${rng.digits(6)}`,
      `${rng.int(1, 9)}${rng.digits(2)} ${rng.digits(3)} ${rng.digits(3)} units shipped`,
    ];
    const text = near[i % near.length]!;
    add(text, [], `near-miss #${i % near.length}`);
  }
  // Records mixing several types, as a CRM export would.
  for (let i = 0; i < perType / 3; i++) {
    const addr = `${rng.pick(FIRST)}.${rng.pick(LAST)}@${rng.pick(DOMAINS)}`;
    const ph = `+44 20 ${rng.int(7000, 8999)} ${rng.digits(4)}`;
    const { number } = cardNumber(rng);
    const ip = `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    add(
      `${rng.int(1000, 9999)};${rng.pick(FIRST)};${addr};${ph};${number};${ip};2024-03-0${rng.int(1, 9)};${rng.int(1, 500)}.${rng.digits(2)}`,
      [
        { type: 'email', value: addr },
        { type: 'phone', value: ph },
        { type: 'credit_card', value: number },
        { type: 'ip', value: ip },
      ],
      'mixed CSV record',
    );
  }
  return cases;
}
