import { BASE64, createPrng } from '../../../../test/support/prng.js';
import type { CorpusCase } from './case.js';

const HEX = '0123456789abcdef';

/**
 * Text with many numbers and symbols and nothing sensitive in it: log lines, code,
 * config, invoices, measurements. Written to find false positives, not to fit the
 * detectors: every template here is something real systems print.
 */
export function generateNegativeCases(seed = 23, count = 900): CorpusCase[] {
  const rng = createPrng(seed);
  const d2 = (min: number, max: number) => String(rng.int(min, max)).padStart(2, '0');
  const iso = () =>
    `20${rng.int(15, 29)}-${d2(1, 12)}-${d2(1, 28)}T${d2(0, 23)}:${d2(0, 59)}:${d2(0, 59)}.${rng.digits(3)}Z`;
  const templates: Array<() => string> = [
    () =>
      `${iso()} INFO request ${rng.chars(HEX, 16)} GET /api/v2/orders?page=${rng.int(1, 99)} 200 in ${rng.int(1, 9999)} ms`,
    () => `${iso()} WARN retry ${rng.int(1, 5)}/5 after ${rng.int(100, 9000)}ms (upstream 503)`,
    () =>
      `took ${rng.int(1, 999)}.${rng.digits(3)} s, rss=${rng.int(100, 999)}MB heap=${rng.int(10, 99)}.${rng.digits(1)}%`,
    () =>
      `Invoice INV-${rng.int(2015, 2029)}-${rng.digits(6)} total $${rng.int(1, 99)},${rng.digits(3)}.${rng.digits(2)} due ${d2(1, 28)}/${d2(1, 12)}/20${rng.int(20, 29)}`,
    () => `version: ${rng.int(0, 9)}.${rng.int(0, 30)}.${rng.int(0, 99)}-rc.${rng.int(1, 9)}`,
    () =>
      `"dependencies": { "lodash": "^4.17.${rng.int(10, 21)}", "zod": "~4.${rng.int(0, 3)}.${rng.int(0, 9)}" }`,
    () =>
      `resources:\n  limits:\n    cpu: ${rng.int(100, 4000)}m\n    memory: ${rng.int(128, 8192)}Mi`,
    () => `listen on localhost:${rng.int(1024, 65535)} and 0.0.0.0/0 is denied`,
    () =>
      `meeting ${d2(8, 18)}:${d2(0, 59)}-${d2(8, 18)}:${d2(0, 59)} in room ${rng.int(100, 999)}, ext. ${rng.digits(4)}`,
    () => `temperature ${rng.int(-20, 40)}.${rng.digits(1)} °C, humidity ${rng.int(10, 99)}%`,
    () => `lat ${rng.int(-89, 89)}.${rng.digits(5)}, lon ${rng.int(-179, 179)}.${rng.digits(5)}`,
    () => `commit ${rng.chars(HEX, 40)} Merge pull request #${rng.int(1, 9999)}`,
    () => `image: registry.example.com/app@sha256:${rng.chars(HEX, 64)}`,
    () =>
      `request_id=${rng.chars(HEX, 8)}-${rng.chars(HEX, 4)}-${rng.chars(HEX, 4)}-${rng.chars(HEX, 4)}-${rng.chars(HEX, 12)}`,
    () =>
      `for (let i = 0; i < ${rng.int(2, 999)}; i++) { total += items[i].price * ${rng.int(2, 9)}; }`,
    () => `x = arr[${rng.int(0, 9)}::${rng.int(1, 9)}]; y = std::max(a, b);`,
    () => `color: #${rng.chars(HEX, 6)}; margin: ${rng.int(0, 40)}px ${rng.int(0, 40)}px;`,
    () => `arn:aws:iam::${rng.digits(12)}:role/deploy-${rng.int(1, 9)}`,
    () =>
      `order ${rng.digits(8)} shipped ${rng.int(1, 20)} items, tracking 1Z${rng.chars('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 16)}`,
    () =>
      `ISBN ${rng.pick(['978', '979'])}-${rng.int(0, 9)}-${rng.digits(4)}-${rng.digits(4)}-${rng.int(0, 9)}`,
    () =>
      `SKU ${rng.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 3)}-${rng.digits(5)}-${rng.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 2)}`,
    () => `data:image/png;base64,${rng.chars(BASE64, 80)}`,
    () =>
      `max_tokens=${rng.int(256, 8192)} temperature=0.${rng.int(0, 9)} top_p=0.9${rng.int(0, 9)}`,
    () => `token_count: ${rng.int(10, 99999)}, prompt_tokens: ${rng.int(10, 9999)}`,
    () => `secret_santa_budget: ${rng.int(10, 50)}`,
    () => `password_min_length: ${rng.int(8, 16)}\npassword_require_digit: true`,
    () =>
      `The ${rng.pick(['API key', 'token', 'password', 'secret'])} is stored in the vault and rotated every ${rng.int(30, 90)} days.`,
    () => `Call us Monday to Friday, ${rng.int(8, 9)}am-${rng.int(5, 6)}pm. Case ${rng.digits(7)}.`,
    () =>
      `Population ${rng.int(1, 99)} ${rng.digits(3)} ${rng.digits(3)} (${rng.int(1990, 2024)} census)`,
    () =>
      `matrix [[${rng.int(0, 9)}, ${rng.int(0, 9)}], [${rng.int(0, 9)}, ${rng.int(0, 9)}]] det=${rng.int(-99, 99)}`,
    () =>
      `${rng.int(1, 28)}.${rng.int(1, 12)}.${rng.int(2000, 2030)} ${rng.int(0, 23)}:${d2(0, 59)} Uhr`,
    () => `Ratio 16:9, 4:3 and 21:9 at 1920x1080 @ ${rng.int(30, 240)}Hz`,
    () => `mailto links like support(at)example(dot)com are obfuscated`,
    () => `git clone git@github.com:org/repo-${rng.int(1, 99)}.git`,
    () => `session expires in ${rng.int(1, 59)} minutes; token refreshed at ${iso()}`,
  ];
  const cases: CorpusCase[] = [];
  for (let i = 0; i < count; i++) {
    const t = i % templates.length;
    cases.push({
      text: templates[t]!(),
      labels: [],
      origin: `generated: negative template #${t} (seed ${seed})`,
    });
  }
  return cases;
}
