import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_LOG_PATH, readEventLog } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pm-sample-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sample event log', () => {
  it('is exactly what the committed generator writes', () => {
    const script = fileURLToPath(new URL('../scripts/generate-event-log.ts', import.meta.url));
    const tsx = fileURLToPath(
      new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url),
    );
    execFileSync(process.execPath, ['--import', tsx, script, join(dir, 'log.csv')]);
    expect(readFileSync(join(dir, 'log.csv'), 'utf8')).toBe(readFileSync(EVENT_LOG_PATH, 'utf8'));
  });

  it('streams 4,603 events of 800 cases with the five columns', async () => {
    const cases = new Set<string>();
    let events = 0;
    for await (const row of readEventLog()) {
      events++;
      cases.add(row.case_id!);
      expect(Object.keys(row)).toEqual(['case_id', 'activity', 'timestamp', 'resource', 'cost']);
    }
    expect([events, cases.size]).toEqual([4603, 800]);
  });
});
