import { describe, expect, it } from 'vitest';
import { createLLMClient, type LLMEvent } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-usage-above-reservation-');

function usage(outputTokens: number, inputTokens = 10) {
  return {
    input_tokens: inputTokens,
    cached_input_tokens: 0,
    output_tokens: outputTokens,
    reasoning_tokens: 0,
  };
}

async function runWith(runId: string, outputTokens: number, input = 'hi', inputTokens = 10) {
  const events: LLMEvent[] = [];
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  try {
    const client = createLLMClient({
      provider: scriptedProvider([{ text: 'ok', usage: usage(outputTokens, inputTokens) }], {
        remote: true,
      }),
      policy: localPolicy(), // $1 cap
      ledger: { dir: root, durability: 'none' },
      onEvent: (event) => events.push(event),
    });
    const run = await client.startRun({ runId });
    const result = await run.generateText({ model: 'gpt-5.2', input, maxOutputTokens: 64 });
    await run.end();
    // Process warnings are emitted on the next tick.
    await new Promise((done) => setImmediate(done));
    return { result, events, warnings, records: ledgerRecords(root, runId) };
  } finally {
    process.off('warning', onWarning);
  }
}

describe('usage booked above the reservation (decision 0019)', () => {
  it('is booked as reported, raised as budget.overspend and recorded as exhausted alerts', async () => {
    const { result, events, warnings, records } = await runWith('overspend', 5_000_000);
    expect(result.output).toBe('ok');
    expect(result.usage.outputTokens).toBe(5_000_000);
    expect(result.outputAboveMax).toBe(true);
    expect(result.costUsd).toBeGreaterThan(1);

    const overspend = events.find((e) => e.type === 'budget.overspend');
    expect(overspend).toMatchObject({
      type: 'budget.overspend',
      stage: 'default',
      requestId: 'req-0001',
      model: 'gpt-5.2',
      outputAboveMax: true,
    });
    if (overspend?.type !== 'budget.overspend') throw new Error('no overspend event');
    expect(overspend.booked.usd).toBe(result.costUsd);
    expect(overspend.excess.usd).toBeCloseTo(overspend.booked.usd - overspend.reserved.usd, 6);
    expect(overspend.capsPassed).toEqual([
      expect.objectContaining({ scope: 'run:overspend', metric: 'usd', limit: 1 }),
    ]);
    // Handled by the client: not a bare process warning the host cannot tie to a call.
    expect(warnings.filter((w) => (w as { code?: string }).code === 'PM_BUDGET_OVERSPEND')).toEqual(
      [],
    );

    const alerts = records.filter((r) => r.type === 'alert').map((r) => r.data);
    expect(alerts).toContainEqual({
      level: 'exhausted',
      scope: 'request:req-0001',
      unit: 'usd',
      spent: result.costUsd,
      limit: overspend.reserved.usd,
      threshold: 1,
    });
    expect(alerts).toContainEqual({
      level: 'exhausted',
      scope: 'run:overspend',
      unit: 'usd',
      spent: overspend.capsPassed[0]?.spent,
      limit: 1,
      threshold: 1,
    });
    const response = records.find((r) => r.type === 'response');
    expect(response?.data.cost_usd).toBe(result.costUsd);
  });

  it('says a cap this booking exhausted once in the ledger: the tier alert record, stage null', async () => {
    const { events, records } = await runWith('exhausted-once', 5_000_000);
    const runExhausted = records.filter(
      (r) =>
        r.type === 'alert' && r.data.level === 'exhausted' && r.data.scope === 'run:exhausted-once',
    );
    expect(runExhausted).toHaveLength(1);
    expect(runExhausted[0]).toMatchObject({
      stage: null,
      data: { unit: 'usd', limit: 1, threshold: 1 },
    });
    // The events still say both: the tier alert, and the overspend with the cap it passed.
    expect(
      events.filter((e) => e.type === 'budget.alert' && e.level === 'exhausted').map((e) => e.type),
    ).toEqual(['budget.alert']);
    const overspend = events.find((e) => e.type === 'budget.overspend');
    expect(overspend?.type === 'budget.overspend' && overspend.capsPassed).toEqual([
      expect.objectContaining({ scope: 'run:exhausted-once', metric: 'usd' }),
    ]);
    // The call's own record still names its stage.
    expect(records).toContainEqual(
      expect.objectContaining({
        type: 'alert',
        stage: 'default',
        data: expect.objectContaining({ scope: 'request:req-0001' }),
      }),
    );
  });

  it('raises call.output_above_max for output above maxOutputTokens that still fits the reservation', async () => {
    // A long input estimated high, reported at 10 tokens: 70 output tokens, 6 above the
    // ceiling, still fit what the call held.
    const { result, events, records } = await runWith('above-max', 70, 'word '.repeat(400));
    expect(result.outputAboveMax).toBe(true);
    expect(events.some((e) => e.type === 'budget.overspend')).toBe(false);
    expect(events.filter((e) => e.type === 'call.output_above_max')).toEqual([
      expect.objectContaining({
        stage: 'default',
        requestId: 'req-0001',
        model: 'gpt-5.2',
        maxOutputTokens: 64,
        outputTokens: 70,
      }),
    ]);
    // Within every budget: no alert record.
    expect(records.some((r) => r.type === 'alert')).toBe(false);
  });

  it('raises call.output_above_max beside budget.overspend when the call passed its reservation', async () => {
    const { events } = await runWith('above-max-overspend', 5_000_000);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'call.output_above_max')).toHaveLength(1);
    expect(types).toContain('budget.overspend');
  });

  it('says nothing for a call within its reservation', async () => {
    const { result, events, records } = await runWith('within', 20);
    expect(result.outputAboveMax).toBe(false);
    expect(events.some((e) => e.type === 'budget.overspend')).toBe(false);
    expect(events.some((e) => e.type === 'call.output_above_max')).toBe(false);
    expect(records.some((r) => r.type === 'alert')).toBe(false);
  });
});
