import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';

/** js-tiktoken, the engine on the design card, kept as the cross-check of gpt-tokenizer. */
const oracles = {
  o200k_base: new Tiktoken(o200k),
  cl100k_base: new Tiktoken(cl100k),
};

/** Exact count by js-tiktoken, special-token literals treated as text. */
export function oracleCount(encoding: 'o200k_base' | 'cl100k_base', text: string): number {
  return oracles[encoding].encode(text, [], []).length;
}
