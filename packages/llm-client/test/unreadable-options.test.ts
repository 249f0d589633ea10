import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createEgressFetch,
  createLLMClient,
  isPmError,
  offlineProvider,
  type PmError,
  resolveApiKey,
} from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { replayProvider } from '../src/replay.js';
import { scriptedProvider } from '../src/testing.js';
import { thrownKind } from '../src/thrown-kind.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-unreadable-options-');
/** What a config loader's error might quote: built at run time, never a literal. */
const secret = ['sk', 'proj', 'q'.repeat(40)].join('-');

/** `base` with option `name` a getter that throws an error quoting the secret. */
function throwing<T extends object>(name: string, base: T = {} as T): T {
  const options = { ...base } as Record<string, unknown>;
  delete options[name];
  return Object.defineProperty(options, name, {
    enumerable: true,
    get() {
      throw new TypeError(`cannot decrypt ${secret}`);
    },
  }) as T;
}

/** The error `fn` throws or rejects with, checked to be the typed one naming `where`. */
async function refused(fn: () => unknown, where: string, field: string): Promise<PmError> {
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
  const pm = error as PmError;
  expect(pm.message).toContain(`${where} could not be read: reading it threw a TypeError`);
  expect(pm.message).not.toContain(secret);
  expect(pm.message).not.toContain('cannot decrypt');
  expect(pm.details).toEqual({ field });
  expect(pm.cause).toBeUndefined();
  return pm;
}

const ledger = { dir: join(root, 'calls'), durability: 'none' as const };
const call = { model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 8 };

describe('an option whose getter throws', () => {
  it.each([
    ['provider', 'createLLMClient({ provider })', 'provider'],
    ['policy', 'createLLMClient({ policy })', 'policy'],
  ])('createLLMClient({ %s })', async (name, where, field) => {
    await refused(() => createLLMClient(throwing(name)), where, field);
  });

  it('createLLMClient, in a bag of options (retry.attempts, budget.limits.usd)', async () => {
    await refused(
      () => createLLMClient({ retry: throwing('attempts') }),
      'createLLMClient({ retry.attempts })',
      'attempts',
    );
    await refused(
      () => createLLMClient({ budget: { limits: throwing('usd') } }),
      'createLLMClient({ budget.limits.usd })',
      'usd',
    );
    await refused(
      () => createLLMClient({ budget: { period: { day: throwing('usd') } } }),
      'createLLMClient({ budget.period.day.usd })',
      'usd',
    );
    await refused(
      () => createLLMClient({ env: throwing<Record<string, string>>('PM_LLM_OFFLINE') }),
      'createLLMClient({ env.PM_LLM_OFFLINE })',
      'PM_LLM_OFFLINE',
    );
  });

  it('openaiProvider, resolveApiKey and the other providers', async () => {
    await refused(() => openaiProvider(throwing('apiKey')), 'openaiProvider({ apiKey })', 'apiKey');
    await refused(
      () => resolveApiKey(throwing('secretProvider')),
      'resolveApiKey({ secretProvider })',
      'secretProvider',
    );
    await refused(
      () => offlineProvider(throwing('fixtures')),
      'offlineProvider({ fixtures })',
      'fixtures',
    );
    await refused(
      () => replayProvider(throwing('runId', { ledgerDir: root, runId: 'r' })),
      'replayProvider({ runId })',
      'runId',
    );
    await refused(
      () => createEgressFetch(throwing('allow')),
      'createEgressFetch({ allow })',
      'allow',
    );
    await refused(
      () => scriptedProvider(['ok'], throwing('remote')),
      'scriptedProvider({ remote })',
      'remote',
    );
  });

  it('startRun, and a call, which leaves an error record naming the option', async () => {
    const client = createLLMClient({ policy: localPolicy(), ledger });
    await refused(() => client.startRun(throwing('runId')), 'startRun({ runId })', 'runId');
    const run = await client.startRun({ runId: 'calls' });
    await refused(() => run.generateText(throwing('model', call)), "The call's model", 'model');
    await refused(() => run.estimate(throwing('input', call)), "The call's input", 'input');
    await refused(
      () =>
        run.draftNarrative(
          throwing('section', {
            model: 'gpt-5.2',
            section: 'x',
            disclosure: { level: 1 } as never,
          }),
        ),
      "The draft-narrative move's section",
      'section',
    );
    await run.end();
    const records = ledgerRecords(ledger.dir, 'calls');
    expect(records.filter((r) => r.type === 'request')).toHaveLength(0);
    const failed = records.find((r) => r.type === 'error');
    expect(failed?.data).toMatchObject({ code: 'INVALID_ARGUMENT', reservation: 'none' });
    expect(String(failed?.data.message)).toContain("The call's model could not be read");
    expect(JSON.stringify(records)).not.toContain(secret);
  });

  it('an options object whose keys cannot be listed (a Proxy) is named as the options', async () => {
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new TypeError(secret);
        },
      },
    );
    const error = await refused(
      () => openaiProvider(proxy),
      'openaiProvider({ options })',
      'options',
    );
    expect(error.message).not.toContain(secret);
  });

  it('a getter is read once: the value checked is the value used', async () => {
    let reads = 0;
    const dirs = [join(root, 'checked'), ''];
    const ledgerOptions = Object.defineProperty({ durability: 'none' as const }, 'dir', {
      enumerable: true,
      get: () => dirs[Math.min(reads++, 1)],
    });
    const client = createLLMClient({ policy: localPolicy(), ledger: ledgerOptions });
    expect(reads).toBe(1);
    expect(client.describe().ledgerDir).toBe(join(root, 'checked'));
  });
});

describe('thrownKind', () => {
  it('names an error class, never a message or a name that is not one', () => {
    expect(thrownKind(new RangeError(secret))).toBe('a RangeError');
    expect(thrownKind(new Error(secret))).toBe('an Error');
    const named = new Error('x');
    named.name = secret;
    expect(thrownKind(named)).toBe('an error');
    expect(thrownKind(secret)).toBe('a string');
    const unreadable = new Error('x');
    Object.defineProperty(unreadable, 'name', {
      get() {
        throw new Error(secret);
      },
    });
    expect(thrownKind(unreadable)).toBe('an error');
  });
});
