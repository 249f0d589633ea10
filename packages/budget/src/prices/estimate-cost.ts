import { checkedPrices } from '../budget/budget-collaborators.js';
import { checkKnownKeys } from '../budget/option-keys.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { kindOf, shownNumber } from '../errors/kind-of.js';
import { UnknownModelPriceError } from '../errors/unknown-model-price-error.js';
import { defaultPriceTable } from './default-price-table.js';
import { callCostMicro, microToUsd, tokenCostMicro } from './micro-usd.js';
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
  /** Total, integer micro-dollars: the exact sum of the components, rounded up once. */
  readonly microUsd: number;
  /** Total in USD (`microUsd / 1e6`). */
  readonly usd: number;
  /**
   * Each component's cost in integer micro-dollars, rounded up on its own (for reports).
   * Their sum can exceed `microUsd` by up to 2, since `microUsd` rounds once over the exact
   * total; `microUsd` is what a budget books.
   */
  readonly breakdown: {
    readonly input: number;
    readonly cachedInput: number;
    readonly output: number;
  };
  /** Version of the price table used. */
  readonly priceTableVersion: string;
}

const USAGE_SHAPE =
  'pass { inputTokens, outputTokens } (and optionally cachedInputTokens, reasoningTokens); ' +
  "OpenAI's usage maps as prompt_tokens -> inputTokens, completion_tokens -> outputTokens, " +
  'prompt_tokens_details.cached_tokens -> cachedInputTokens, ' +
  'completion_tokens_details.reasoning_tokens -> reasoningTokens';

function count(value: unknown, what: string, required: boolean): number {
  if (value === undefined && !required) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(
      value === undefined
        ? `Token usage is missing ${what}: ${USAGE_SHAPE}.`
        : `${what} must be a non-negative integer; got ${shownNumber(value)}.`,
    );
  }
  return value;
}

/**
 * Validates usage; cached and reasoning tokens are parts of their totals, never extra. The
 * totals are required: a usage without them (e.g. OpenAI's own field names passed as is)
 * would otherwise book $0 for a call that was billed.
 */
export function checkUsage(usage: TokenUsage): { input: number; cached: number; output: number } {
  if (usage === null || typeof usage !== 'object') {
    throw new InvalidArgumentError(
      `Token usage must be an object; got ${kindOf(usage)}: ${USAGE_SHAPE}.`,
    );
  }
  const input = count(usage.inputTokens, 'inputTokens', true);
  const cached = count(usage.cachedInputTokens, 'cachedInputTokens', false);
  const output = count(usage.outputTokens, 'outputTokens', true);
  const reasoning = count(usage.reasoningTokens, 'reasoningTokens', false);
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

/**
 * Cost in micro-dollars of a usage at a price, rounded up once over the exact sum; the
 * arithmetic budgets use on the hot path (settle). Never more than the worst case reserved
 * for at least these tokens (`worstCaseCostMicro`).
 */
export function usageCostMicro(
  price: ModelPrice,
  input: number,
  cached: number,
  output: number,
): number {
  return callCostMicro(
    input - cached,
    price.inputMicroPerMillion,
    cached,
    price.cachedInputMicroPerMillion,
    output,
    price.outputMicroPerMillion,
  );
}

/**
 * The most a call of `input` input and `maxOutput` output tokens can cost: every input token
 * at the dearer of the uncached and cached price (a host's table may price cached input
 * higher), every output token at the output price, rounded up once. `usageCostMicro` of any
 * usage within those counts is never more, since both round the exact sum up once.
 */
export function worstCaseCostMicro(price: ModelPrice, input: number, maxOutput: number): number {
  return callCostMicro(
    input,
    Math.max(price.inputMicroPerMillion, price.cachedInputMicroPerMillion),
    maxOutput,
    price.outputMicroPerMillion,
    0,
    0,
  );
}

/** Options of {@link estimateCost}. */
export interface EstimateCostOptions {
  /** Prices; default `defaultPriceTable`. */
  readonly prices?: PriceTable;
}

const ESTIMATE_OPTION_KEYS: Readonly<Record<keyof EstimateCostOptions, true>> = { prices: true };

/**
 * Every field of `estimateCost`'s request: a misspelt one (`cachedTokens`) would price the
 * call without it, a report that does not match the bill.
 */
const ESTIMATE_REQUEST_KEYS: Readonly<Record<keyof TokenUsage | 'model', true>> = {
  model: true,
  inputTokens: true,
  cachedInputTokens: true,
  outputTokens: true,
  reasoningTokens: true,
};

/**
 * The cost of a call in USD, computed in integer micro-dollars (no float drift) and rounded
 * up once over the exact sum of its parts. `inputTokens` and `outputTokens` are required.
 * Reasoning tokens bill as output. An unknown model throws `UnknownModelPriceError`: a cost is never
 * guessed.
 *
 * @example estimateCost({ model: 'gpt-5.2', inputTokens: 1000, outputTokens: 500 }).usd // 0.00875
 */
export function estimateCost(
  request: TokenUsage & { readonly model: string },
  options: EstimateCostOptions = {},
): CostEstimate {
  if (request === null || typeof request !== 'object') {
    throw new InvalidArgumentError(
      `estimateCost needs { model, inputTokens, outputTokens }; got ${kindOf(request)}.`,
    );
  }
  // A misspelt option (`price`) would price the call by the shipped table, not the host's.
  checkKnownKeys(
    options,
    'estimateCost options',
    ESTIMATE_OPTION_KEYS,
    'estimateCost(request, { prices })',
    'an estimateCost option',
  );
  const prices =
    options.prices === undefined
      ? defaultPriceTable
      : checkedPrices(options.prices, 'estimateCost option prices');
  const price = prices.lookup(request.model);
  if (price === undefined) throw new UnknownModelPriceError(String(request.model), 'estimate');
  const { input, cached, output } = checkUsage(request);
  // After checkUsage, whose message maps OpenAI's names (prompt_tokens) to ours.
  checkKnownKeys(
    request,
    'request',
    ESTIMATE_REQUEST_KEYS,
    "estimateCost({ model: 'gpt-5.2', inputTokens: 1200, cachedInputTokens: 1000, outputTokens: 300 })",
    'an estimateCost field',
  );
  const breakdown = {
    input: tokenCostMicro(input - cached, price.inputMicroPerMillion),
    cachedInput: tokenCostMicro(cached, price.cachedInputMicroPerMillion),
    output: tokenCostMicro(output, price.outputMicroPerMillion),
  };
  const microUsd = usageCostMicro(price, input, cached, output);
  return {
    model: request.model,
    microUsd,
    usd: microToUsd(microUsd),
    breakdown,
    priceTableVersion: prices.version,
  };
}
