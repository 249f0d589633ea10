import { countWithEngine } from './count-tokens.js';
import type { TokenEngine } from './token-engine.js';

/** Mutable accumulator of a chat count, so one count allocates one object, not one per string. */
export interface Tally {
  tokens: number;
  approximate: boolean;
}

/** Adds the tokens of `text` in the engine's encoding. */
export function add(engine: TokenEngine, tally: Tally, text: string): void {
  const c = countWithEngine(engine, text);
  tally.tokens += c.tokens;
  if (c.approximate) tally.approximate = true;
}
