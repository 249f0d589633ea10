import { OptionalDependencyMissingError } from '../errors/optional-dependency-missing-error.js';
import { loadModule } from '../load-module.js';
import type { EncodingName } from './encoding-table.js';

/** The one thing the package needs from a tokenizer library; keeps the engine swappable. */
export interface TokenEngine {
  /** Library and encoding, for diagnostics and the bench (`gpt-tokenizer/o200k_base`). */
  readonly name: string;
  /**
   * The encoding's pre-tokenization regex (global, unicode): the pieces BPE runs on. A
   * private copy: callers may set its `lastIndex`.
   */
  readonly splitRegex: RegExp;
  /** Exact token count of `text`, special-token literals counted as ordinary text. */
  count(text: string): number;
}

interface GptTokenizerApi {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}

// A synchronous require keeps countTokens synchronous while still loading lazily.
const load = loadModule;

// An empty disallow-list makes the engine treat `<|endoftext|>` and friends as plain text
// (every engine throws on them by default). Allocated once.
const NO_SPECIAL = Object.freeze({ disallowedSpecial: new Set<string>() });

const engines = new Map<EncodingName, TokenEngine>();

/**
 * The shipped engine (gpt-tokenizer, chosen by benchmark: docs/decisions/0002) for an
 * encoding, loaded on first use and cached for the life of the process.
 */
export function tokenEngine(encoding: EncodingName): TokenEngine {
  let engine = engines.get(encoding);
  if (engine === undefined) {
    const api = load(`gpt-tokenizer/encoding/${encoding}`) as GptTokenizerApi;
    const params = load('gpt-tokenizer/encodingParams/constants') as Record<string, RegExp>;
    const splitRegex =
      encoding === 'o200k_base'
        ? params['O200K_TOKEN_SPLIT_REGEX']
        : params['CL100K_TOKEN_SPLIT_REGEX'];
    if (splitRegex === undefined) {
      throw new OptionalDependencyMissingError(
        `gpt-tokenizer's split regex for ${encoding}`,
        "Reinstall @pm/budget's dependencies (gpt-tokenizer ^4).",
      );
    }
    engine = {
      name: `gpt-tokenizer/${encoding}`,
      splitRegex: new RegExp(splitRegex.source, splitRegex.flags),
      count: (text) => api.countTokens(text, NO_SPECIAL),
    };
    engines.set(encoding, engine);
  }
  return engine;
}
