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
  setMergeCacheSize(size: number): void;
}

/**
 * gpt-tokenizer memoises merges in a Map (default 100,000 entries) and moves every hit to
 * the end with delete + set. On a Map that large, measured here, each hit then costs ~28 µs:
 * untrusted text with many distinct pieces followed by one repeated piece took 5.4 s for
 * 1.3 MB, and a cache filled by one caller slowed every later caller. At 1,000 entries the
 * same input stays near 1 MB/s while prose keeps ~14 MB/s (0 entries: ~5 MB/s).
 */
const MERGE_CACHE_SIZE = 1_000;

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
    api.setMergeCacheSize(MERGE_CACHE_SIZE);
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
