import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.js';
import { openLedger, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
/** OpenAI-shaped keys, built at run time (the repository scans itself for secrets). */
const key = (tail: string) => `sk-proj-${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEf'}${tail}7qZ`;

describe('the slow path of append keeps every member', () => {
  it('an own "__proto__" member survives scrubbing (object and primitive values)', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const config = JSON.parse(
      `{"__proto__":{"x":1},"provider":"offline","api_key":"${key('Aa')}"}`,
    );
    const record = ledger.append(r.runStart(config));
    expect(record.scrubbed).toEqual([{ path: '$.data.config.api_key', kind: 'openai' }]);
    const written = (record.data as { config: Record<string, unknown> }).config;
    expect(Object.keys(written)).toEqual(['__proto__', 'provider', 'api_key']);
    expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
    const primitive = JSON.parse(`{"__proto__":"kept","note":"${key('Bb')}"}`);
    ledger.append(r.runStart(primitive));
    await ledger.close();
    const text = readFileSync(join(dir, 'run-1', 'ledger.jsonl'), 'utf8');
    expect(text).toContain('"__proto__":{"x":1}');
    expect(text).toContain('"__proto__":"kept"');
    expect(canonicalJson(written)).toContain('"__proto__":{"x":1}');
    expect((await verifyLedger(join(dir, 'run-1'))).ok).toBe(true);
  });

  it('member names scrubbed to the same marker get #2, #3 in key order, recorded in scrubbed', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const config = {
      provider: 'offline',
      [key('Aa')]: 'first',
      [key('Bb')]: 'second',
      '[SECRET:openai]#2': 'a name of its own, kept as it is',
      [key('Cc')]: 'third',
    };
    const record = ledger.append(r.runStart(config));
    expect((record.data as { config: unknown }).config).toEqual({
      provider: 'offline',
      '[SECRET:openai]': 'first',
      '[SECRET:openai]#3': 'second',
      '[SECRET:openai]#2': 'a name of its own, kept as it is',
      '[SECRET:openai]#4': 'third',
    });
    expect(record.scrubbed).toEqual([
      { path: '$.data.config["[SECRET:openai]"]', kind: 'openai' },
      { path: '$.data.config["[SECRET:openai]#3"]', kind: 'openai' },
      { path: '$.data.config["[SECRET:openai]#4"]', kind: 'openai' },
    ]);
    await ledger.close();
    const result = await verifyLedger(join(dir, 'run-1'));
    expect(result.problems).toEqual([]);
  });
});
