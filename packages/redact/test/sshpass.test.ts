import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

// sshpass takes the SSH password on its command line (`sshpass -p <password> ssh …`); it
// passed in clear. Passwords are generated, so no credential-shaped literal is in the repo.
const rng = createPrng(20261207);
const password = `${rng.chars(BASE62, 10)}4q`;

/** The one finding's text. */
function onlySpan(text: string): string {
  const found = detectSecrets(text);
  expect(found).toHaveLength(1);
  expect(found[0]!.detector).toBe('sshpass-password');
  return text.slice(found[0]!.start, found[0]!.end);
}

describe('sshpass -p', () => {
  it.each([
    [`sshpass -p ${password} ssh deploy@10.0.0.5 uptime`, password],
    [`sshpass -p '${password}!' ssh deploy@host`, `${password}!`],
    [`sshpass -p"${password}" scp a.tar deploy@host:/srv`, password],
    [`sshpass -p${password} rsync -e ssh a/ host:b/`, password],
    [`sshpass -v -P assphrase -p ${password} ssh host`, password],
    [`sshpass \\\n  -p ${password} ssh host`, password],
    [`cd /srv && sshpass -p ${password} ssh -p 2222 host`, password],
    // A word is taken: after -p nothing but a password goes.
    [`sshpass -p ${rng.chars('abcdefghijklmnopqrstuvwxyz', 9)} ssh pi@host`, undefined],
  ])('%s', (text, expected) => {
    const span = onlySpan(text);
    if (expected !== undefined) expect(span).toBe(expected);
    expect(createRedactor().redactText(text).text).not.toContain(span);
  });

  it.each([
    'sshpass -p "$SSHPASS" ssh host',
    'sshpass -p $SSH_PASSWORD ssh host',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${…}` placeholder is the test case
    'sshpass -p ${PASS} ssh host',
    'sshpass -p <password> ssh host',
    'sshpass -p password ssh host',
    'sshpass -p "$(cat ~/.ssh/pw)" ssh host',
    'sshpass -e ssh host',
    // The command sshpass runs has its own -p: ssh's port, not the password.
    `sshpass -f ~/.pw ssh -p ${rng.digits(8)} host`,
    `sshpass -e scp -p ${password} host:`,
    // -p of another command, and sshpass inside a word.
    `ssh -p ${rng.digits(8)} host`,
    `mysshpass -p ${password} host`,
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});
