import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDisclosure } from '@pm/redact';
import { afterAll, describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { durationText } from '../src/offline/duration-text.js';

const root = mkdtempSync(join(tmpdir(), 'pm-moves-durations-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const roles = { caseId: 'case_id', activity: 'activity', timestamp: 'timestamp' };

async function offlineNarrative(rows: Record<string, unknown>[]): Promise<string> {
  const disclosure = buildDisclosure(rows, { level: 4, roles, profile: 'homebrew' });
  const run = await createLLMClient({ ledger: { dir: root } }).startRun({});
  const text = await run.draftNarrative({ model: 'gpt-5.2', section: 'Throughput', disclosure });
  await run.end();
  return text.output;
}

/** `cases` cases of two events each, `minutes` apart. */
function log(cases: number, minutes: number): Record<string, unknown>[] {
  return Array.from({ length: cases }, (_, c) => {
    const start = Date.UTC(2026, 0, 5) + c * 3_600_000;
    return [0, minutes].map((offset, i) => ({
      case_id: `C${c}`,
      activity: i === 0 ? 'Register' : 'Close',
      timestamp: new Date(start + offset * 60_000).toISOString(),
    }));
  }).flat();
}

describe('the offline narrative of a log without durations', () => {
  it.each([
    ['an empty log', []],
    ['a log without a valid time', [{ case_id: 'C1', activity: 'Register', timestamp: 'never' }]],
  ])('%s: says no case has a measurable duration, never "NaN days"', async (_what, rows) => {
    const output = await offlineNarrative(rows);
    expect(output).toContain('No case has a measurable duration');
    expect(output).not.toMatch(/NaN|null days|takes 0 days/);
  });
});

describe('case durations in the offline narrative', () => {
  it('states short cases in minutes, not as "0 days"', async () => {
    const output = await offlineNarrative(log(10, 2));
    expect(output).toContain('The median case takes 2 minutes (95th percentile 2 minutes)');
  });

  it('states long cases in days', async () => {
    const output = await offlineNarrative(log(10, 3 * 24 * 60));
    expect(output).toContain('The median case takes 3 days');
  });

  it.each([
    [0, '0 seconds'],
    [1_000, '1 second'],
    [45_500, '45.5 seconds'],
    [60_000, '1 minute'],
    [90 * 60_000, '1.5 hours'],
    [86_400_000, '1 day'],
    [12.25 * 86_400_000, '12.3 days'],
    // Rounded up to the next unit: said in that unit, not as "60 seconds" or "24 hours".
    [59_999, '1 minute'],
    [59.97 * 60_000, '1 hour'],
    [23.96 * 3_600_000, '1 day'],
    [57_000, '57 seconds'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});
