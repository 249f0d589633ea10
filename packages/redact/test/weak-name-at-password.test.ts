import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { spans } from './helpers/spans.js';

// `DB_KEY=P@ssw0rd` passed in clear: under `*_KEY` names a typed password whose only symbol
// is one `@` before a letter was read as a user at a host (`deploy@ci01`). A host is
// written in lower case after a user of two characters or more also in lower case
// (decision 0041), or ends in a domain's label; a password's `@` stands for an `a` after one
// capital, ends a capitalised word or starts one.
const rng = createPrng(20261207);
const d = () => rng.digits(1);

describe('one @ in a password under *_KEY names', () => {
  it.each([
    ['after one capital', `P@ssw${d()}rd`],
    ['before a capitalised word', `Welc${d()}me@Home`],
    ['before a capitalised word with digits', `Spring@Time${d()}${d()}`],
    ['with a dotted tail of digits', `P@ssw${d()}rd.${d()}${d()}`],
    // A capital before the `@` and a lower-case word after it: no user is written so.
    ['after a capitalised word', `Adm${d()}n@dmin`],
    ['after a capitalised word, a host-like tail', `R${d()}${d()}t@server${d()}`],
  ])('%s', (_, password) => {
    expect(spans(`DB_KEY=${password}`)).toEqual([password]);
    expect(spans(`SERVICE_KEY="${password}"`)).toEqual([password]);
  });

  it.each([
    'DB_KEY=deploy@ci01',
    'SSH_KEY=root@db-01',
    'SSH_KEY=ubuntu@ip-10-0-0-1',
    'DB_KEY=bob2@example.com',
    'DB_KEY=Bob2@Example.COM',
    'DEPLOY_KEY=git@github.com',
    'SSH_KEY=ec2-user@ip-10-0-0-1.ec2.internal',
    'AUTHOR_KEY=jdoe1@corp.local',
    'SSH_KEY=jenkins2@build-agent',
  ])('leaves the user at a host %s', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});
