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
  /** Whose merge cache is in use: ours (`own`), or the library's, kept small (`library`). */
  readonly pieceCache: 'own' | 'library';
}

interface BytePairCore {
  bytePairEncode?: (input: string) => number[];
}

interface GptTokenizerApi {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
  setMergeCacheSize(size: number): void;
  default?: { bytePairEncodingCoreProcessor?: BytePairCore };
}

/**
 * Pieces whose merges are remembered. gpt-tokenizer keeps an LRU `Map` of merges and moves
 * every hit to the end with delete + set; V8 (Node 20) then rehashes the whole map on each
 * hit (measured: 200,000 delete + set of one key take 0.27 s on a 1,000-entry Map, 5.7 s on
 * 10,000, 37 s on 100,000). Untrusted text with many distinct pieces followed by one
 * repeated piece took 5.4 s for 1.3 MB, and slowed every later count. Our cache never
 * reorders: it is cleared whole when full, so a hit is one `get`.
 */
const PIECE_CACHE_SIZE = 100_000;
/** If the library's internals ever move, keep its own cache but small (see above). */
const FALLBACK_MERGE_CACHE_SIZE = 1_000;

/**
 * Replaces gpt-tokenizer's merge cache with ours (see PIECE_CACHE_SIZE). Returns false, and
 * leaves the library with a small cache of its own, when its internals are not as expected.
 */
function installPieceCache(api: GptTokenizerApi): boolean {
  const core = api.default?.bytePairEncodingCoreProcessor;
  const encode = core?.bytePairEncode;
  if (core === undefined || typeof encode !== 'function') {
    api.setMergeCacheSize(FALLBACK_MERGE_CACHE_SIZE);
    return false;
  }
  api.setMergeCacheSize(0);
  const cache = new Map<string, number[]>();
  core.bytePairEncode = function bytePairEncodeCached(this: BytePairCore, input: string): number[] {
    const hit = cache.get(input);
    if (hit !== undefined) return hit;
    const result = encode.call(this, input);
    if (cache.size >= PIECE_CACHE_SIZE) cache.clear();
    cache.set(input, result);
    return result;
  };
  return true;
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
    const ownCache = installPieceCache(api);
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
      pieceCache: ownCache ? 'own' : 'library',
      splitRegex: new RegExp(splitRegex.source, splitRegex.flags),
      count: (text) => api.countTokens(text, NO_SPECIAL),
    };
    engines.set(encoding, engine);
  }
  return engine;
}
