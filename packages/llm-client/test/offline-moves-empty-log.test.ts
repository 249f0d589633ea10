import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDisclosure } from '@pm/redact';
import { afterAll, describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'pm-moves-empty-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const roles = { caseId: 'case_id', activity: 'activity', timestamp: 'timestamp' };

describe('the offline narrative of a log without durations', () => {
  it.each([
    ['an empty log', []],
    ['a log without a valid time', [{ case_id: 'C1', activity: 'Register', timestamp: 'never' }]],
  ])('%s: says no case has a measurable duration, never "NaN days"', async (_what, rows) => {
    const disclosure = buildDisclosure(rows, { level: 4, roles, profile: 'homebrew' });
    const run = await createLLMClient({ ledger: { dir: root } }).startRun({});
    const text = await run.draftNarrative({ model: 'gpt-5.2', section: 'Throughput', disclosure });
    await run.end();
    expect(text.output).toContain('No case has a measurable duration');
    expect(text.output).not.toMatch(/NaN|null days|takes 0 days/);
  });
});
