import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareArtifact } from '../src/artifact-content.js';
import { openLedger, verifyLedger } from '../src/index.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
// Built at run time: the repository scans itself for secrets.
const token = () => `gh${'p_'}Zq8vL2mN4pR6sT9uW1xY3zA5bC7dE0fG2hJ7qZ`;

/** UTF-16 text with its byte order mark, as PowerShell and Windows tools write it. */
function utf16(text: string, order: 'le' | 'be'): Buffer {
  const body = Buffer.from(text, 'utf16le');
  if (order === 'be') body.swap16();
  return Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}

describe('UTF-16 artifacts (with a byte order mark) are scanned as UTF-16', () => {
  it.each(['le', 'be'] as const)(
    'UTF-16%s: the key is scrubbed, the file stays UTF-16 of that order, verify is ok',
    async (order) => {
      const dir = tempDir();
      const ledger = openLedger({ dir, runId: 'run-1' });
      const secret = token();
      const ref = await ledger.putArtifact(utf16(`token=${secret}\r\nnext ☃ line\r\n`, order));
      await ledger.close();
      const stored = readFileSync(join(dir, 'run-1', 'artifacts', 'sha256', ref.slice(18)));
      expect(stored).toEqual(utf16('token=[SECRET:github]\r\nnext ☃ line\r\n', order));
      const result = await verifyLedger(join(dir, 'run-1'));
      expect(result.problems).toEqual([]);
    },
  );

  it('verify flags a key in a UTF-16 artifact written around the ledger', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    await ledger.putArtifact('placeholder');
    await ledger.close();
    // The tamperer also renames it to its new hash: only the secret scan can tell.
    const bytes = utf16(`token=${token()}\r\n`, 'le');
    const hex = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(dir, 'run-1', 'artifacts', 'sha256', hex), bytes);
    const result = await verifyLedger(join(dir, 'run-1'));
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'secret_found',
        message: `artifact sha256:${hex} holds a github secret`,
      }),
    ]);
  });

  it('a binary blob that happens to start with FF FE is still scanned byte by byte', () => {
    const blob = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0x00, 0x80]),
      Buffer.from(token(), 'latin1'),
    ]);
    const prepared = prepareArtifact(blob);
    expect(prepared.scrubbedKinds).toEqual(['github']);
    expect(prepared.bytes.toString('latin1')).not.toContain(token());
  });

  it('an odd trailing byte and a lone surrogate are kept as they are', () => {
    const bytes = Buffer.concat([utf16(`\uD800 ${token()}`, 'le'), Buffer.from([0x41])]);
    const prepared = prepareArtifact(bytes);
    expect(prepared.bytes).toEqual(
      Buffer.concat([utf16('\uD800 [SECRET:github]', 'le'), Buffer.from([0x41])]),
    );
  });
});
