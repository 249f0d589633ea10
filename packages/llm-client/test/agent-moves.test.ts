import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDisclosure } from '@pm/redact';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createLLMClient,
  GoalInterpretationV1,
  interpretGoalRequest,
  isPmError,
  NextCommandV1,
} from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { thrown } from './helpers/thrown.js';

const root = mkdtempSync(join(tmpdir(), 'pm-moves-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A small event log: 40 cases, one in four with a rework loop. */
function eventLog() {
  const rows: Record<string, unknown>[] = [];
  for (let c = 0; c < 40; c++) {
    const start = Date.UTC(2026, 0, 1 + (c % 20));
    const acts = ['Register', 'Check', ...(c % 4 === 0 ? ['Rework', 'Check'] : []), 'Approve'];
    acts.forEach((activity, i) => {
      rows.push({
        case_id: `C${c}`,
        activity,
        timestamp: new Date(start + i * 3_600_000 * (1 + (c % 5))).toISOString(),
        resource: `clerk${c % 3}@example.com`,
      });
    });
  }
  return rows;
}

const roles = { caseId: 'case_id', activity: 'activity', timestamp: 'timestamp' };

describe('agent moves (offline provider)', () => {
  it('interpret, recommend and draft from levels 1-4, schema-valid and useful', async () => {
    const disclosure = buildDisclosure(eventLog(), { level: 4, roles, profile: 'homebrew' });
    const run = await createLLMClient({ ledger: { dir: root } }).startRun({ runId: 'moves' });

    const goal = await run.interpretGoal({
      model: 'gpt-5.2',
      goal: 'Where is the rework loop slowing cases down?',
      disclosure,
    });
    expect(GoalInterpretationV1.parse(goal.object)).toEqual(goal.object);
    expect(goal.object.analysis).toBe('performance');
    expect(goal.envelope.disclosure_level).toBe(4);

    const next = await run.recommendNextCommand({
      model: 'gpt-5.2',
      goal: 'Which variants have rework?',
      disclosure,
    });
    expect(NextCommandV1.parse(next.object)).toEqual(next.object);
    expect(next).toMatchObject({ requiresConfirmation: true, modifiesData: false });
    expect(next.object.command).toBe('pm-assist variants');
    expect(next.object.rationale).toContain('40 cases');

    const text = await run.draftNarrative({ model: 'gpt-5.2', section: 'Throughput', disclosure });
    // 40 cases of 3 events, plus 2 rework events in each of 10 cases.
    expect(text.output).toContain('140 events across 40 cases');
    expect(text.output).toContain('median case takes 7 hours (95th percentile 16.2 hours)');
    await run.end();
  });

  it('sends the disclosure as a redacted data block, never the raw rows', async () => {
    const disclosure = buildDisclosure(eventLog(), { level: 4, roles, profile: 'homebrew' });
    const provider = scriptedProvider(['ok']);
    const run = await createLLMClient({ provider, ledger: { dir: root } }).startRun({
      runId: 'moves-prompt',
    });
    await run.draftNarrative({ model: 'gpt-5.2', section: 'Overview', disclosure });
    const prompt = provider.calls[0]!.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('```data name=context format=json');
    expect(prompt).not.toContain('clerk0@example.com');
    expect(prompt).not.toContain('C17');
    await run.end();
  });
});

describe('agent move options that are not an object', () => {
  it.each([[null], [5], [['goal']]])(
    'refuses %j as options, not as a missing disclosure',
    (options) => {
      const error = thrown(() => interpretGoalRequest(options as never));
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain('The interpret-goal move takes an object of options');
      expect(error.message).not.toContain('needs { disclosure }');
    },
  );
});
