import { describe, expect, it } from 'vitest';
import { pricesWithO1 } from '../../../test/support/prices-with-o1.js';
import { createBudget, InvalidArgumentError, isSameModel, undatedModel } from './helpers.js';

const CALL = { model: 'gpt-4o-mini', inputTokens: 1000, maxOutputTokens: 1000 };
const USED = { inputTokens: 1000, outputTokens: 1000 };

/** Settles one call (gpt-4o-mini, 1000/1000 tokens unless told) with `answeredModel`. */
async function settleAnsweredBy(
  answeredModel: string | undefined,
  model = CALL.model,
  used: { inputTokens: number; outputTokens: number } = USED,
) {
  const overspends: unknown[] = [];
  const budget = createBudget({
    limits: { usd: 10 },
    prices: pricesWithO1,
    alerts: false,
    onOverspend: (o) => overspends.push(o),
  });
  const held = await budget.reserve({ ...CALL, model });
  const settled = await held.settle({
    ...used,
    ...(answeredModel === undefined ? {} : { answeredModel }),
  });
  return { held, settled, overspends };
}

describe('settle({ answeredModel }): a call answered by another model', () => {
  it('is booked at the answering model price when it costs more, and reported as an overrun', async () => {
    const { settled, overspends } = await settleAnsweredBy('o1');
    expect(settled.usd).toBe(0.075); // 1000 x $15/1M + 1000 x $60/1M, not gpt-4o-mini's $0.00075
    expect(settled.overrun).toBe(true);
    expect(overspends).toHaveLength(1);
  });

  it('is booked at the reserved model price when the answering model costs less', async () => {
    const { settled } = await settleAnsweredBy('gpt-4o-mini', 'o1');
    expect(settled.usd).toBe(0.075);
  });

  it('by a model the table does not price: at the worst case held, never less', async () => {
    const used = { inputTokens: 1000, outputTokens: 10 };
    const { held, settled } = await settleAnsweredBy('claude-opus-4', CALL.model, used);
    expect(settled.usd).toBe(held.usd); // $0.00075, where the usage at gpt-4o-mini is $0.000156
    expect(settled.tokens).toBe(1010); // the tokens are as reported: only their price is unknown
  });

  it('by a dated snapshot of the reserved model: as before (the same model)', async () => {
    const plain = await settleAnsweredBy(undefined);
    const snapshot = await settleAnsweredBy('gpt-4o-mini-2024-07-18');
    expect(snapshot.settled.usd).toBe(plain.settled.usd);
    expect(snapshot.settled.overrun).toBe(false);
  });

  it('by a dated snapshot with a dearer row of its own: at that row', async () => {
    const { settled } = await settleAnsweredBy('gpt-4o-2024-05-13', 'gpt-4o');
    expect(settled.usd).toBe(0.02); // $5 + $15 per 1M, not gpt-4o's $2.5 + $10
  });

  it('that is not a model name is refused, the reservation left open', async () => {
    const budget = createBudget({ limits: { usd: 10 }, prices: pricesWithO1, alerts: false });
    const held = await budget.reserve(CALL);
    await expect(held.settle({ ...USED, answeredModel: 5 as never })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(held.closed).toBe(false);
  });
});

describe('isSameModel / undatedModel: the price table rule for dated snapshots', () => {
  it.each([
    ['gpt-4o-mini', 'gpt-4o-mini', true],
    ['gpt-4o-mini', 'gpt-4o-mini-2024-07-18', true],
    ['gpt-4o-mini', 'o1', false],
    ['gpt-4o-mini', 'gpt-4o', false],
    ['gpt-4o', 'gpt-4o-mini-2024-07-18', false],
    // A snapshot asked for, answered by the alias or another snapshot: maybe another version.
    ['gpt-4o-2024-08-06', 'gpt-4o', false],
    ['gpt-4o-2024-08-06', 'gpt-4o-2024-05-13', false],
  ])('asked %s, answered %s: same model %s', (asked, answered, same) => {
    expect(isSameModel(asked, answered)).toBe(same);
  });

  it('undatedModel strips a date suffix only', () => {
    expect(undatedModel('gpt-4o-2024-08-06')).toBe('gpt-4o');
    expect(undatedModel('gpt-4o')).toBeUndefined();
    expect(undatedModel('gpt-4o-2024-8-6')).toBeUndefined();
  });
});
