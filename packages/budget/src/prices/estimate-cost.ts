import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { UnknownModelPriceError } from '../errors/unknown-model-price-error.js';
import { defaultPriceTable } from './default-price-table.js';
import { microToUsd, tokenCostMicro } from './micro-usd.js';
import type { ModelPrice, PriceTable } from './price-table.js';

/** Token usage of one call, as the provider reports it. */
export interface TokenUsage {
  /** All input tokens, cached ones included (OpenAI's `prompt_tokens`). */
  readonly inputTokens: number;
  /** The part of `inputTokens` read from the prompt cache. Default 0. */
  readonly cachedInputTokens?: number;
  /** All output tokens, reasoning included (OpenAI's `completion_tokens`). */
  readonly outputTokens: number;
  /** The part of `outputTokens` spent reasoning; informational, it bills as output. */
  readonly reasoningTokens?: number;
}

/** A cost, exact in micro-dollars and reported in USD. */
export interface CostEstimate {
  /** The model priced. */
  readonly model: string;
  /** Total, integer micro-dollars (each component rounded up). */
  readonly microUsd: number;
  /** Total in USD (`microUsd / 1e6`). */
  readonly usd: number;
  /** Components in integer micro-dollars. */
  readonly breakdown: {
    readonly input: number;
    readonly cachedInput: number;
    readonly output: number;
  };
  /** Version of the price table used. */
  readonly priceTableVersion: string;
}

function count(value: number | undefined, what: string): number {
  if (value === undefined) return 0;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(`${what} must be a non-negative integer; got ${String(value)}.`);
  }
  return value;
}

/** Validates usage; cached and reasoning tokens are parts of their totals, never extra. */
export function checkUsage(usage: TokenUsage): { input: number; cached: number; output: number } {
  const input = count(usage?.inputTokens, 'inputTokens');
  const cached = count(usage.cachedInputTokens, 'cachedInputTokens');
  const output = count(usage.outputTokens, 'outputTokens');
  const reasoning = count(usage.reasoningTokens, 'reasoningTokens');
  if (cached > input) {
    throw new InvalidArgumentError(
      `cachedInputTokens (${cached}) cannot exceed inputTokens (${input}): pass the total input as inputTokens, as OpenAI's prompt_tokens does.`,
    );
  }
  if (reasoning > output) {
    throw new InvalidArgumentError(
      `reasoningTokens (${reasoning}) cannot exceed outputTokens (${output}): pass the total output, reasoning included, as outputTokens (OpenAI's completion_tokens).`,
    );
  }
  return { input, cached, output };
}

/** Cost in micro-dollars of a usage at a price; the arithmetic budgets use on the hot path. */
export function usageCostMicro(
  price: ModelPrice,
  input: number,
  cached: number,
  output: number,
): number {
  return (
    tokenCostMicro(input - cached, price.inputMicroPerMillion) +
    tokenCostMicro(cached, price.cachedInputMicroPerMillion) +
    tokenCostMicro(output, price.outputMicroPerMillion)
  );
}

/**
 * The cost of a call in USD, computed in integer micro-dollars (no float drift). Reasoning
 * tokens bill as output. An unknown model throws `UnknownModelPriceError`: a cost is never
 * guessed.
 *
 * @example estimateCost({ model: 'gpt-5.2', inputTokens: 1000, outputTokens: 500 }).usd // 0.00875
 */
export function estimateCost(
  request: TokenUsage & { readonly model: string },
  options: { readonly prices?: PriceTable } = {},
): CostEstimate {
  const prices = options.prices ?? defaultPriceTable;
  const price = prices.lookup(request?.model);
  if (price === undefined) throw new UnknownModelPriceError(String(request?.model));
  const { input, cached, output } = checkUsage(request);
  const breakdown = {
    input: tokenCostMicro(input - cached, price.inputMicroPerMillion),
    cachedInput: tokenCostMicro(cached, price.cachedInputMicroPerMillion),
    output: tokenCostMicro(output, price.outputMicroPerMillion),
  };
  const microUsd = breakdown.input + breakdown.cachedInput + breakdown.output;
  return {
    model: request.model,
    microUsd,
    usd: microToUsd(microUsd),
    breakdown,
    priceTableVersion: prices.version,
  };
}
