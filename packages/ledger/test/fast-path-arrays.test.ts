import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REDACTED_TEXT as REDACTED } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.js';
import { CanonicalEncoder } from '../src/fast-canonical.js';
import { openLedger } from '../src/index.js';
import { scrubValue } from '../src/scrub-secrets.js';
import { ledgerLines } from './helpers/files.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

// A password no detector takes for a secret: only the wrapper's toJSON keeps it out.
const PASSWORD = 'correct horse battery staple 1998';

class SecretList extends Array<string> {
  toJSON() {
    return REDACTED;
  }
}

/** Arrays that JSON.stringify (and the slow path) do not write item by item. */
function wrappedArrays(): [string, unknown][] {
  const marked = [PASSWORD];
  Object.defineProperty(marked, Symbol.for('@pm/secret'), { value: true });
  return [
    ['an Array subclass with toJSON', SecretList.from([PASSWORD])],
    ['an array with an own toJSON', Object.assign([PASSWORD], { toJSON: () => [REDACTED] })],
    ['an array marked as a secret value', marked],
    ['an Array subclass without toJSON', new (class Items extends Array<string> {})()],
  ];
}

describe('the append fast path and arrays that are not plain', () => {
  it.each(wrappedArrays())('leaves %s to the slow path', (_, value) => {
    const encoder = new CanonicalEncoder();
    expect(encoder.encode({ value }, [])).toBeNull();
    expect(encoder.encode([value], [])).toBeNull();
  });

  it('never writes what a wrapped array holds, and writes what the slow path makes', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    const written: unknown[] = [];
    for (const [, value] of wrappedArrays()) {
      const input = r.runStart({ provider: 'offline', value });
      written.push(ledger.append(input).data);
      const expected = canonicalJson(scrubValue(input.data, '$.data', emptyReport()));
      expect(canonicalJson(written.at(-1))).toBe(expected);
    }
    await ledger.close();
    const runDir = join(dir, 'run-1');
    expect(readFileSync(join(runDir, 'ledger.jsonl'), 'utf8')).not.toContain('correct horse');
    const lines = ledgerLines(runDir).slice(0, written.length);
    expect(lines.map((line) => JSON.parse(line).data)).toEqual(written);
  });
});

function emptyReport() {
  return { scrubbed: [], artifactRefs: [] };
}
