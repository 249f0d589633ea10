import { checkKnownKeys } from '../budget/option-keys.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { type EncodingName, encodingForModel } from './encoding-table.js';
import { findLongRun, isLineBoundary } from './long-run.js';
import type { CountOptions, TokenCount } from './token-count.js';
import { type TokenEngine, tokenEngine } from './token-engine.js';

/**
 * Longest run (see `hasLongRun`) counted on the fast path. Pieces can then be at most
 * 2 * 256 + 1 characters; measured, 32 KB of such pieces of random letters take ~35 ms.
 */
const MAX_RUN = 256;
/** Longest piece merged exactly on the slow path; longer ones are bounded by their bytes. */
export const MAX_EXACT_PIECE = 2 * MAX_RUN + 1;

/**
 * Counts `text` with a known engine; the bounded-work core of every count. The two knobs
 * exist for tests (forcing the slow path must not change an exact count).
 *
 * Text without a long run goes to the engine in one call. Otherwise the lines around each
 * long run are split with the engine's regex, starting at a line boundary (where a piece is
 * known to start): pieces longer than `maxExactPiece` count as their UTF-8 bytes, the others
 * one by one (a single piece re-splits to itself, so its count is its count in context),
 * and the text between regions in one engine call per stretch (a stretch ends in a newline
 * before a non-space, where the split regexes' lookaheads see the same thing either way).
 */
export function countWithEngine(
  engine: TokenEngine,
  text: string,
  maxRun: number = MAX_RUN,
  maxExactPiece: number = MAX_EXACT_PIECE,
): { tokens: number; approximate: boolean } {
  if (text.length === 0) return { tokens: 0, approximate: false };
  let hit = findLongRun(text, 0, maxRun);
  if (hit === -1) return { tokens: engine.count(text), approximate: false };
  const split = engine.splitRegex;
  let tokens = 0;
  let approximate = false;
  // Start of the text not yet counted; always a line boundary.
  let pending = 0;
  while (hit !== -1) {
    let regionStart = hit;
    while (regionStart > pending && !isLineBoundary(text, regionStart)) regionStart--;
    let regionEnd = hit + 1;
    while (regionEnd < text.length && !isLineBoundary(text, regionEnd)) regionEnd++;
    if (regionStart > pending) tokens += engine.count(text.slice(pending, regionStart));
    // The split regexes match every character, so the matches tile the region.
    split.lastIndex = regionStart;
    let at = regionStart;
    while (at < regionEnd) {
      const match = execSplit(split, text);
      if (match === undefined) {
        // The regex engine ran out of stack on one huge piece: the rest of the region counts
        // as its UTF-8 bytes, an upper bound (every token is at least one byte).
        tokens += Buffer.byteLength(text.slice(at, regionEnd), 'utf8');
        approximate = true;
        break;
      }
      const piece = match === null || match.index !== at ? text.slice(at, regionEnd) : match[0];
      if (piece.length > maxExactPiece) {
        tokens += Buffer.byteLength(piece, 'utf8');
        approximate = true;
      } else {
        tokens += engine.count(piece);
      }
      at += piece.length;
    }
    pending = regionEnd;
    hit = regionEnd < text.length ? findLongRun(text, regionEnd, maxRun) : -1;
  }
  split.lastIndex = 0;
  if (pending < text.length) tokens += engine.count(pending === 0 ? text : text.slice(pending));
  return { tokens, approximate };
}

/**
 * `split.exec(text)`, or undefined when V8's regex engine overflows its stack, as it does
 * on a single piece of millions of non-ASCII characters (5M emoji or CJK characters: a
 * RangeError, which would escape `countTokens` as a raw error on untrusted text).
 */
function execSplit(split: RegExp, text: string): RegExpExecArray | null | undefined {
  try {
    return split.exec(text);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Every option of `countTokens`. */
const COUNT_KEYS: Readonly<Record<keyof CountOptions, true>> = { model: true, encoding: true };

/** Resolves the encoding of a count request; validates it once. */
export function resolveEncoding(options: CountOptions): EncodingName {
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(
      "countTokens needs options with a model, e.g. countTokens(text, { model: 'gpt-5.2' }).",
    );
  }
  if (options.encoding !== undefined) {
    if (options.encoding !== 'o200k_base' && options.encoding !== 'cl100k_base') {
      throw new InvalidArgumentError(
        `Unknown encoding "${String(options.encoding)}": use 'o200k_base' or 'cl100k_base'.`,
      );
    }
    return options.encoding;
  }
  if (typeof options.model !== 'string' || options.model.length === 0) {
    throw new InvalidArgumentError(
      "countTokens needs a model name, e.g. { model: 'gpt-5.2' }, or an explicit { encoding }.",
    );
  }
  return encodingForModel(options.model);
}

/**
 * Counts the tokens of `text` for a model, exactly as OpenAI's tokenizer would.
 * Special-token literals (`<|endoftext|>`) count as ordinary text. On pathological input
 * (a single piece longer than 513 characters) the count is a proven upper bound and
 * `approximate` is true, so untrusted text cannot stall the process.
 *
 * @example countTokens('tiktoken is great!', { model: 'gpt-4o' }) // { tokens: 6, ... }
 */
export function countTokens(text: string, options: CountOptions): TokenCount {
  const encoding = resolveEncoding(options);
  // A misspelt `encoding` would count in the model's encoding in silence.
  checkKnownKeys(
    options,
    'countTokens options',
    COUNT_KEYS,
    "countTokens(text, { model: 'gpt-5.2' })",
    'a countTokens option',
  );
  if (typeof text !== 'string') {
    throw new InvalidArgumentError(`countTokens expects a string, got ${typeof text}.`);
  }
  const { tokens, approximate } = countWithEngine(tokenEngine(encoding), text);
  return { tokens, approximate, encoding };
}
