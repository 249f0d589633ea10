// Measures one token engine in a fresh process, so load time and memory are honest.
// argv: engine (gpt-tokenizer | js-tiktoken | pm-budget), root dir. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { equalsRuns, proseCorpus, randomLetters, randomWords } from './corpus.js';

const [engine = 'pm-budget', root = process.cwd()] = process.argv.slice(2);
const corpus = proseCorpus(root, 2 * 1024 * 1024);
const adversarialBytes = engine === 'js-tiktoken' ? 4 * 1024 : 32 * 1024;
const letters = randomLetters(adversarialBytes, 7);
const equals = equalsRuns(adversarialBytes);
const words = randomWords(32 * 1024, 255);
// @pm/budget loads its encoder lazily on the first count: import the package (and zod,
// via @pm/envelope-schemas) untimed, so the figure is what the first count costs.
const pm = engine === 'pm-budget' ? await import('../../packages/budget/src/index.js') : undefined;
global.gc?.();
const rssBefore = process.memoryUsage().rss;

const t0 = performance.now();
let count: (text: string) => number;
let approximate = false;
if (engine === 'gpt-tokenizer') {
  const m = await import('gpt-tokenizer/encoding/o200k_base');
  const opts = { disallowedSpecial: new Set<string>() };
  count = (t) => m.countTokens(t, opts);
} else if (engine === 'js-tiktoken') {
  const { Tiktoken } = await import('js-tiktoken/lite');
  const ranks = (await import('js-tiktoken/ranks/o200k_base')).default;
  const enc = new Tiktoken(ranks);
  count = (t) => enc.encode(t, [], []).length;
} else {
  const { countTokens } = pm!;
  count = (t) => {
    const c = countTokens(t, { model: 'gpt-5.2' });
    approximate ||= c.approximate;
    return c.tokens;
  };
}
count('warm up the lazy encoder'); // lazy engines load on first use
const loadMs = performance.now() - t0;
global.gc?.();
const loadMb = (process.memoryUsage().rss - rssBefore) / 1e6;

let tokens = 0;
const t1 = performance.now();
tokens = count(corpus);
const proseApproximate = approximate;
const proseMs = performance.now() - t1;
// Then the best of three warm passes: the machine is shared, the best pass is the least disturbed.
let proseWarmMs = Number.POSITIVE_INFINITY;
for (let pass = 0; pass < 3; pass++) {
  const t2 = performance.now();
  tokens = count(corpus);
  proseWarmMs = Math.min(proseWarmMs, performance.now() - t2);
}

const t3 = performance.now();
const lettersTokens = count(letters);
const lettersMs = performance.now() - t3;
const t4 = performance.now();
const equalsTokens = count(equals);
const equalsMs = performance.now() - t4;

const t5 = performance.now();
const wordsTokens = count(words);
const wordsMs = performance.now() - t5;

const mb = Buffer.byteLength(corpus) / 1e6;
console.log(
  JSON.stringify({
    engine,
    loadMs,
    loadMb,
    proseTokens: tokens,
    proseApproximate: String(proseApproximate),
    proseMBps: mb / (proseMs / 1000),
    proseWarmMBps: mb / (proseWarmMs / 1000),
    adversarialBytes,
    lettersMs,
    lettersTokens,
    equalsMs,
    equalsTokens,
    wordsMs,
    wordsTokens,
  }),
);
