import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countChatTokens, countTokens, encodingForModel } from '../src/index.js';
import { countWithEngine } from '../src/tokens/count-tokens.js';
import { tokenEngine } from '../src/tokens/token-engine.js';
import { oracleCount } from './oracle.js';

// Origin of every number below: openai-cookbook, examples/How_to_count_tokens_with_tiktoken.ipynb
// (https://github.com/openai/openai-cookbook/blob/main/examples/How_to_count_tokens_with_tiktoken.ipynb),
// sections 3, 5, 6 and 7, where the chat counts were printed next to `response.usage.prompt_tokens`.
describe('openai-cookbook "How to count tokens with tiktoken"', () => {
  it('section 3: "tiktoken is great!" is 6 tokens in o200k_base', () => {
    expect(countTokens('tiktoken is great!', { model: 'gpt-4o-mini' })).toEqual({
      tokens: 6,
      approximate: false,
      encoding: 'o200k_base',
    });
  });

  it.each([
    ['antidisestablishmentarianism', 6, 6],
    ['2 + 2 = 4', 7, 7],
    ['お誕生日おめでとう', 9, 8],
  ])('section 5: compare_encodings(%j) -> cl100k %i, o200k %i', (text, cl100k, o200k) => {
    expect(countTokens(text, { model: 'gpt-4' }).tokens).toBe(cl100k);
    expect(countTokens(text, { model: 'gpt-4o' }).tokens).toBe(o200k);
  });

  const jargon = [
    {
      role: 'system',
      content:
        'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.',
    },
    {
      role: 'system',
      name: 'example_user',
      content: 'New synergies will help drive top-line growth.',
    },
    {
      role: 'system',
      name: 'example_assistant',
      content: 'Things working well together will increase revenue.',
    },
    {
      role: 'system',
      name: 'example_user',
      content:
        "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
    },
    {
      role: 'system',
      name: 'example_assistant',
      content: "Let's talk later when we're less busy about how to do better.",
    },
    {
      role: 'user',
      content:
        "This late pivot means we don't have time to boil the ocean for the client deliverable.",
    },
  ];

  it.each([
    ['gpt-3.5-turbo', 129],
    ['gpt-4-0613', 129],
    ['gpt-4', 129],
    ['gpt-4o', 124],
    ['gpt-4o-mini', 124],
  ])('section 6: the API reported %s prompt_tokens = %i', (model, expected) => {
    expect(countChatTokens(jargon, { model }).tokens).toBe(expected);
  });

  const tools = [
    {
      type: 'function' as const,
      function: {
        name: 'get_current_weather',
        description: 'Get the current weather in a given location',
        parameters: {
          type: 'object',
          properties: {
            location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
            unit: {
              type: 'string',
              description: 'The unit of temperature to return',
              enum: ['celsius', 'fahrenheit'],
            },
          },
          required: ['location'],
        },
      },
    },
  ];
  const weather = [
    {
      role: 'system',
      content: 'You are a helpful assistant that can answer to questions about the weather.',
    },
    { role: 'user', content: "What's the weather like in San Francisco?" },
  ];

  it.each([
    ['gpt-3.5-turbo', 105],
    ['gpt-4', 105],
    ['gpt-4o', 101],
    ['gpt-4o-mini', 101],
  ])('section 7: with tools the API reported %s prompt_tokens = %i', (model, expected) => {
    expect(countChatTokens(weather, { model, tools }).tokens).toBe(expected);
  });
});

describe('encodingForModel', () => {
  it.each([
    ['gpt-5.2', 'o200k_base'],
    ['gpt-5.2-codex', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-5-mini', 'o200k_base'],
    ['gpt-4.1', 'o200k_base'],
    ['gpt-4.1-mini', 'o200k_base'],
    ['gpt-4o-2024-08-06', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['o4-mini', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-3.5-turbo-0125', 'cl100k_base'],
    // tiktoken's own table: ChatGPT's gpt-4o, Azure deployment names, fine-tuned models.
    ['chatgpt-4o-latest', 'o200k_base'],
    ['gpt-35-turbo', 'cl100k_base'],
    ['gpt-35-turbo-16k', 'cl100k_base'],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'o200k_base'],
    ['ft:gpt-4o-2024-08-06:acme:support:abc123', 'o200k_base'],
    ['ft:gpt-4.1-mini-2025-04-14:acme::abc123', 'o200k_base'],
    ['ft:gpt-4-0613:acme::abc123', 'cl100k_base'],
    ['ft:gpt-3.5-turbo-0125:acme::abc123', 'cl100k_base'],
    ['ft:gpt-3.5-turbo:acme:support:abc123', 'cl100k_base'],
  ])('%s -> %s', (model, encoding) => {
    expect(encodingForModel(model)).toBe(encoding);
  });

  it.each(['claude-3-opus', 'gpt-4x', 'gpt-6', 'o5', 'o1x', 'ft:gpt-4x', 'chatgpt-5x', ''])(
    'refuses %j with UNKNOWN_MODEL and names the fix',
    (model) => {
      expect(() => countTokens('hi', { model })).toThrow(
        expect.objectContaining({ code: model === '' ? 'INVALID_ARGUMENT' : 'UNKNOWN_MODEL' }),
      );
    },
  );

  it('the error says how to fix it, and an explicit encoding is the fix', () => {
    expect(() => encodingForModel('mistral-large')).toThrow(/encoding: 'o200k_base'/);
    expect(
      countTokens('hello world', { model: 'mistral-large', encoding: 'o200k_base' }).tokens,
    ).toBe(2);
  });

  it.each([undefined, null, 42])(
    'a non-string model (%j) is UNKNOWN_MODEL, not a TypeError',
    (model) => {
      expect(() => encodingForModel(model as never)).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_MODEL' }),
      );
    },
  );
});

describe('countChatTokens: tool calls and malformed input', () => {
  const ask = { role: 'user', content: 'weather in Paris?' };
  const args = JSON.stringify({ q: 'x'.repeat(10_000) });
  const call = (name: string, a: string) => ({
    role: 'assistant',
    content: null,
    tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: a } }],
  });

  it("an assistant's tool_calls count their name, arguments and id plus an allowance, flagged approximate", () => {
    const model = 'gpt-4o';
    const base = countChatTokens([ask, { role: 'assistant', content: null }], { model });
    expect(base.approximate).toBe(false);
    const withCall = countChatTokens([ask, call('get_weather', args)], { model });
    const text = (t: string) => countTokens(t, { model }).tokens;
    expect(withCall.tokens).toBe(
      base.tokens + 32 + text('call_1') + text('get_weather') + text(args),
    );
    expect(withCall.tokens - base.tokens).toBeGreaterThan(text(args)); // never under the arguments
    expect(withCall.approximate).toBe(true);
    // The tool's reply is counted exactly, tool_call_id included, as every string field is.
    const reply = { role: 'tool', tool_call_id: 'call_1', content: '18 C, cloudy' };
    expect(countChatTokens([ask, reply], { model }).tokens).toBe(
      countChatTokens([ask], { model }).tokens +
        3 +
        text('tool') +
        text('call_1') +
        text('18 C, cloudy'),
    );
  });

  it('tool schemas nested below the top-level properties are counted too, flagged approximate', () => {
    const model = 'gpt-4o';
    const t = (text: string) => countTokens(text, { model }).tokens;
    const tool = (address: object) =>
      [
        { type: 'function', function: { name: 'ship', parameters: { properties: { address } } } },
      ] as never;
    const flat = countChatTokens([ask], {
      model,
      tools: tool({ type: 'object', description: 'Where to ship' }),
    });
    expect(flat.approximate).toBe(false);
    const nested = countChatTokens([ask], {
      model,
      tools: tool({
        type: 'object',
        description: 'Where to ship',
        properties: {
          street: { type: 'string', description: 'Street name and number' },
          lines: {
            type: 'array',
            items: { type: 'string', enum: ['express', 'standard'] },
          },
        },
        anyOf: [{ required: ['street'] }, { required: ['lines'] }],
      }),
    });
    // The nested level counts as the cookbook counts the top level (o200k: 3 for the start
    // of the properties, 3 per property, enums -3 + 3 per item), an array's items as one
    // more property, and other subschemas (anyOf) as their JSON text.
    const nestedTokens =
      3 +
      (3 + t('street:string:Street name and number')) +
      (3 + t('lines:array:')) +
      (3 + t('string:') - 3 + (3 + t('express')) + (3 + t('standard'))) +
      t(JSON.stringify([{ required: ['street'] }, { required: ['lines'] }]));
    expect(nested).toEqual({
      tokens: flat.tokens + nestedTokens,
      approximate: true,
      encoding: 'o200k_base',
    });
  });

  it('malformed tools, tool calls and messages are INVALID_ARGUMENT naming the expected shape', () => {
    const model = 'gpt-4o';
    expect(() => countChatTokens([ask], { model, tools: [{ type: 'function' } as never] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('function: { name'),
      }),
    );
    expect(() => countChatTokens([ask], { model, tools: [null as never] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => countChatTokens([ask], { model, tools: 'x' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() =>
      countChatTokens([{ role: 'assistant', tool_calls: [null] } as never], { model }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => countChatTokens([null as never], { model })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it.each([
    ['a parameter that is not a schema', { properties: { city: null } }, 'parameter city'],
    ['an enum that is not an array', { properties: { unit: { type: 'string', enum: 5 } } }, 'enum'],
    [
      'a parameter description that is not text',
      { properties: { city: { description: 5 } } },
      'description',
    ],
    ['properties that are not an object', { properties: 'city' }, 'parameters.properties'],
    [
      'a nested parameter that is not a schema',
      { properties: { address: { type: 'object', properties: { city: null } } } },
      'parameter address.city',
    ],
    [
      "an array's items that are not a schema",
      { properties: { tags: { type: 'array', items: 5 } } },
      'parameter tags[]',
    ],
  ])('a tool with %s is INVALID_ARGUMENT', (_name, parameters, named) => {
    const tool = { type: 'function', function: { name: 'weather', parameters } } as never;
    expect(() => countChatTokens([ask], { model: 'gpt-4o', tools: [tool] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(named),
      }),
    );
  });

  it('a subschema or a tool_calls field JSON cannot hold is INVALID_ARGUMENT naming where, never its text', () => {
    const model = 'gpt-4o';
    const secretish = ['sk', 'canary', 'value'].join('-');
    const cyclic: Record<string, unknown> = { note: secretish };
    cyclic.self = cyclic;
    const tool = {
      type: 'function',
      function: {
        name: 'ship',
        parameters: { properties: { a: { type: 'string', anyOf: [cyclic] } } },
      },
    };
    const call = { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', extra: cyclic }] };
    for (const [run, where] of [
      [
        () => countChatTokens([ask], { model, tools: [tool as never] }),
        "Tool ship's parameter a: anyOf",
      ],
      [() => countChatTokens([call as never], { model }), 'tool_calls field extra'],
    ] as const) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(`${where} cannot be serialised as JSON`),
      });
      expect((error as Error).message).not.toContain(secretish);
    }
  });

  it('a tool schema that nests itself (a cycle) is INVALID_ARGUMENT, not a stack overflow', () => {
    const node: { type: string; properties: Record<string, unknown> } = {
      type: 'object',
      properties: {},
    };
    node.properties.child = node;
    const tool = {
      type: 'function',
      function: { name: 'tree', parameters: { properties: { node } } },
    };
    expect(() => countChatTokens([ask], { model: 'gpt-4o', tools: [tool as never] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('more than 64 levels deep'),
      }),
    );
  });

  it('a tool description that is not text is INVALID_ARGUMENT', () => {
    const tool = { type: 'function', function: { name: 'weather', description: 5 } } as never;
    expect(() => countChatTokens([ask], { model: 'gpt-4o', tools: [tool] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('description'),
      }),
    );
  });

  it('never quotes a message or tool call back in its error (they carry the prompt)', () => {
    // Built here: the repository's secret scan takes a password given in prose.
    const prompt = ['my password is', 'hunter2-SECRET'].join(' ');
    for (const bad of [[prompt], [{ role: 'assistant', tool_calls: [prompt] }]]) {
      let message = '';
      try {
        countChatTokens(bad as never, { model: 'gpt-4o' });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('a string of 29 characters');
      expect(message).not.toContain('hunter2');
    }
  });
});

describe('countTokens against js-tiktoken (the oracle)', () => {
  const samples = [
    'The quick brown fox jumps over the lazy dog.',
    'function add(a, b) {\n  return a + b; // sum\n}\n\n\n',
    '   leading and trailing spaces   ',
    "It's we're they'll I'd you've CAN'T",
    '1234567890 3.14159 1e10 0xFF',
    'Ünïcödé 中文字符 العربية русский 🎉🚀 emoji',
    '<|endoftext|> <|im_start|>user<|im_end|> <|fim_prefix|>',
    '====\n----\n////\n\r\n\t\t',
  ];

  it.each(samples)('counts %j exactly in both encodings', (text) => {
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      expect(countTokens(text, { model: 'x', encoding }).tokens).toBe(oracleCount(encoding, text));
    }
  });

  it('special-token literals are ordinary text, never a throw', () => {
    const text = 'before <|endoftext|> after';
    const count = countTokens(text, { model: 'gpt-5.2' });
    expect(count.tokens).toBe(oracleCount('o200k_base', text));
    expect(count.tokens).toBeGreaterThan(3);
  });

  const alphabet = 'aZé 中\n\t.,!?=/\'"0123456789-_<|>🎉';
  const text = fc.string({
    unit: fc.constantFrom(...Array.from(alphabet)),
    maxLength: 300,
  });

  it('property: random mixed text matches js-tiktoken exactly', () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('o200k_base' as const, 'cl100k_base' as const),
        (t, enc) => {
          expect(countTokens(t, { model: 'x', encoding: enc }).tokens).toBe(oracleCount(enc, t));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: forcing the piece-by-piece path never changes an exact count', () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('o200k_base' as const, 'cl100k_base' as const),
        (t, enc) => {
          const engine = tokenEngine(enc);
          const slow = countWithEngine(engine, t, 1, Number.POSITIVE_INFINITY);
          expect(slow).toEqual({ tokens: engine.count(t), approximate: false });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('bounded work on adversarial text', () => {
  it('property: the bounded count is exactly "bytes for long pieces, exact for the rest", and never below exact', () => {
    const unit = fc.constantFrom(...Array.from('ab Z=\n\t/é中.1'));
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 200 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('o200k_base' as const, 'cl100k_base' as const),
        (t, maxPiece, enc) => {
          const engine = tokenEngine(enc);
          let reference = 0;
          for (const m of t.matchAll(engine.splitRegex)) {
            reference += m[0].length > maxPiece ? Buffer.byteLength(m[0]) : engine.count(m[0]);
          }
          const bounded = countWithEngine(engine, t, 1, maxPiece);
          expect(bounded.tokens).toBe(reference);
          expect(bounded.tokens).toBeGreaterThanOrEqual(engine.count(t));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('property: with no run reaching maxRun no piece exceeds 2 * maxRun + 1, so stretches between regions are exact', () => {
    const unit = fc.constantFrom(...Array.from('aab Z==\n\n\t//é.1'));
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 300 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('o200k_base' as const, 'cl100k_base' as const),
        (t, run, enc) => {
          const engine = tokenEngine(enc);
          const maxPiece = 2 * run + 1;
          let reference = 0;
          for (const m of t.matchAll(engine.splitRegex)) {
            reference += m[0].length > maxPiece ? Buffer.byteLength(m[0]) : engine.count(m[0]);
          }
          expect(countWithEngine(engine, t, run, maxPiece).tokens).toBe(reference);
        },
      ),
      { numRuns: 1000 },
    );
  });

  function randomLetters(n: number, seed: number): string {
    let s = '';
    let x = seed;
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      s += String.fromCharCode(97 + (x % 26));
    }
    return s;
  }

  it('32 KB of random letters is bounded by its bytes and flagged approximate', () => {
    const text = randomLetters(32 * 1024, 7);
    const count = countTokens(text, { model: 'gpt-5.2' });
    expect(count).toEqual({ tokens: 32 * 1024, approximate: true, encoding: 'o200k_base' });
  });

  it('a run of "=" is bounded and flagged approximate', () => {
    const count = countTokens('='.repeat(32 * 1024), { model: 'gpt-4' });
    expect(count.approximate).toBe(true);
    expect(count.tokens).toBe(32 * 1024);
  });

  it('the bound is never below the exact count, and the normal parts stay exact', () => {
    const long = randomLetters(4000, 11);
    const text = `Hello there, world.\n${long} and then some prose again.`;
    const engine = tokenEngine('o200k_base');
    const exact = engine.count(text);
    const bounded = countTokens(text, { model: 'gpt-4o' });
    expect(bounded.approximate).toBe(true);
    expect(bounded.tokens).toBeGreaterThanOrEqual(exact);
    const prose =
      engine.count('Hello there, world.\n') + engine.count(' and then some prose again.');
    expect(bounded.tokens).toBe(prose + Buffer.byteLength(` ${long}`) - 1);
  });

  // V8's regex engine overflows its stack matching one piece of millions of non-ASCII
  // characters: that RangeError escaped countTokens (and countChatTokens) on untrusted text.
  it('a piece of millions of emoji or CJK characters counts as its bytes instead of throwing RangeError', () => {
    const engine = tokenEngine('o200k_base');
    const run = '🙂'.repeat(5_000_000);
    const text = `Hello there.\n${run}\nGoodbye now.`;
    const count = countTokens(text, { model: 'gpt-4o' });
    expect(count.approximate).toBe(true);
    expect(count.tokens).toBe(
      engine.count('Hello there.\n') + Buffer.byteLength(`${run}\n`) + engine.count('Goodbye now.'),
    );
    const cjk = '日'.repeat(5_000_000);
    const chat = countChatTokens([{ role: 'user', content: cjk }], { model: 'gpt-4' });
    expect(chat.approximate).toBe(true);
    expect(chat.tokens).toBeGreaterThanOrEqual(Buffer.byteLength(cjk));
  });

  it('long but ordinary pieces under the bound are exact', () => {
    const text = `${randomLetters(500, 3)} ${randomLetters(500, 5)}`;
    const count = countTokens(text, { model: 'gpt-4o' });
    expect(count.approximate).toBe(false);
    expect(count.tokens).toBe(oracleCount('o200k_base', text));
  });
});

describe('the merge cache', () => {
  it("replaces gpt-tokenizer's reordering LRU with ours (its internals are as expected)", () => {
    // If this fails after a gpt-tokenizer upgrade, the library's own cache is in use again:
    // see PIECE_CACHE_SIZE in token-engine.ts for why that matters.
    expect(tokenEngine('o200k_base').pieceCache).toBe('own');
    expect(tokenEngine('cl100k_base').pieceCache).toBe('own');
  });

  it('counts stay exact across many distinct pieces and repeats', () => {
    const words = Array.from({ length: 3000 }, (_, i) => ` w${(i * 7919).toString(36)}x`).join('');
    const text = `${words}${' repeated'.repeat(2000)}${words}`;
    expect(countTokens(text, { model: 'gpt-5.2' }).tokens).toBe(oracleCount('o200k_base', text));
  });
});

describe('countChatTokens: content parts', () => {
  const model = 'gpt-4o';
  const text = (t: string) => countTokens(t, { model }).tokens;
  const user = (content: unknown) => [{ role: 'user', content } as never];

  it('text and refusal parts count as their text, exactly', () => {
    const plain = countChatTokens(user('I cannot help with that.'), { model });
    const parts = countChatTokens(user([{ type: 'text', text: 'I cannot help with that.' }]), {
      model,
    });
    expect(parts).toEqual(plain);
    // An assistant's refusal part is text the model reads back: never $0.
    const refusal = countChatTokens(
      [{ role: 'assistant', content: [{ type: 'refusal', refusal: 'I cannot help with that.' }] }],
      { model },
    );
    expect(refusal.tokens).toBe(
      countChatTokens([{ role: 'assistant', content: 'I cannot help with that.' }], { model })
        .tokens,
    );
    expect(refusal.approximate).toBe(false);
    expect(refusal.tokens).toBeGreaterThan(3 + text('assistant') + 3);
  });

  // An image or audio part costs hundreds of tokens or more, by rules OpenAI sets per model,
  // size and detail: left out of a count that says it is exact, the budget reserved less
  // than the call was billed and a cap could be passed by every such call in flight.
  it.each([
    [
      'an image part',
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
      'image_url',
    ],
    [
      'an audio part',
      { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
      'input_audio',
    ],
    ['a file part', { type: 'file', file: { file_id: 'file-1' } }, 'file'],
    ['a part that is a bare string', 'hello', 'a string of 5 characters'],
    ['a part that is null', null, 'null'],
  ])('%s is INVALID_ARGUMENT naming it, never counted as 0 tokens', (_name, part, named) => {
    const messages = user([{ type: 'text', text: 'What is in this picture?' }, part]);
    expect(() => countChatTokens(messages, { model })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(named),
      }),
    );
  });

  it('content that is neither text, parts nor null is INVALID_ARGUMENT', () => {
    expect(() => countChatTokens(user({ text: 'hello' }), { model })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('content'),
      }),
    );
    expect(countChatTokens(user(null), { model }).approximate).toBe(false);
  });
});

// Fields of a message other than text and content parts are sent, and billed, too: counted
// as nothing, the count said "exact" while the budget reserved less than the call cost.
describe('countChatTokens: other message fields', () => {
  const model = 'gpt-4o';
  const args = JSON.stringify({ query: 'weather in Berlin and Paris '.repeat(20) });
  const text = (t: string) => countTokens(t, { model }).tokens;

  it("an assistant's legacy function_call counts as a tool call, approximately", () => {
    const legacy = countChatTokens(
      [{ role: 'assistant', content: null, function_call: { name: 'search', arguments: args } }],
      { model },
    );
    const call = countChatTokens(
      [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ type: 'function', function: { name: 'search', arguments: args } }],
        },
      ],
      { model },
    );
    expect(legacy).toEqual(call);
    expect(legacy.approximate).toBe(true);
    expect(legacy.tokens).toBeGreaterThan(text(args));
  });

  it('tool-call arguments given as an object count as their JSON', () => {
    const parsed = JSON.parse(args) as never;
    const count = countChatTokens(
      [{ role: 'assistant', tool_calls: [{ function: { name: 'search', arguments: parsed } }] }],
      { model },
    );
    expect(count.tokens).toBeGreaterThan(text(args));
  });

  it('any other object field counts as its JSON text, approximately', () => {
    const extra = { notes: ['remember the user prefers metric units'.repeat(10)] };
    const count = countChatTokens([{ role: 'user', content: 'hi', metadata: extra }], { model });
    expect(count.approximate).toBe(true);
    expect(count.tokens).toBeGreaterThan(text(JSON.stringify(extra)));
  });

  it("an assistant's audio, or tool_calls that are not an array, is INVALID_ARGUMENT", () => {
    const refused = (message: Record<string, unknown>, named: string) =>
      expect(() => countChatTokens([{ role: 'assistant', ...message }], { model })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining(named),
        }),
      );
    refused({ content: null, audio: { id: 'audio_abc' } }, 'audio');
    refused({ content: null, tool_calls: { id: 'call_1' } }, 'tool_calls must be an array');
    // null fields are nothing sent.
    expect(
      countChatTokens([{ role: 'assistant', content: 'x', audio: null, tool_calls: null }], {
        model,
      }).approximate,
    ).toBe(false);
  });
});
