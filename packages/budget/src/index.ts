export {
  type AlertFractions,
  type AlertLevel,
  type AlertThreshold,
  alertThresholds,
  DEFAULT_ALERT_FRACTIONS,
} from './budget/alert-threshold.js';
export type {
  BudgetStore,
  ScopeCounters,
  StoreAlert,
  StoreCapPassed,
  StoreCloseResult,
  StoreReserveRequest,
  StoreReserveResult,
  StoreScope,
} from './budget/budget-store.js';
export type {
  BudgetAlert,
  BudgetLimits,
  BudgetOverspend,
  BudgetUsage,
  CapPassed,
  PeriodLimits,
  ScopeLimits,
  ScopeName,
  ScopeUsage,
  UsageAmounts,
} from './budget/budget-types.js';
export { type Charge, NO_LIMIT, type StoreLimits } from './budget/charge.js';
export {
  type Budget,
  type BudgetOptions,
  createBudget,
  type ReserveRequest,
} from './budget/create-budget.js';
export { MemoryStore, type MemoryStoreOptions, memoryStore } from './budget/memory-store.js';
export { PeriodClock, type PeriodKeys } from './budget/period-clock.js';
export {
  type ActualUsage,
  type ReleaseResult,
  Reservation,
  type SettleResult,
} from './budget/reservation.js';
export {
  type BudgetExceededDetails,
  BudgetExceededError,
  type BudgetMetric,
} from './errors/budget-exceeded-error.js';
export {
  BudgetStoreUnavailableError,
  type StoreFailure,
} from './errors/budget-store-unavailable-error.js';
export { CallCancelledError } from './errors/call-cancelled-error.js';
export { CallLimitExceededError } from './errors/call-limit-exceeded-error.js';
export { InvalidArgumentError } from './errors/invalid-argument-error.js';
export { OptionalDependencyMissingError } from './errors/optional-dependency-missing-error.js';
export { ReservationClosedError } from './errors/reservation-closed-error.js';
export {
  type RetryAfterTooLong,
  RetryAfterTooLongError,
} from './errors/retry-after-too-long-error.js';
export { RuntimeExceededError } from './errors/runtime-exceeded-error.js';
export { UnknownModelError } from './errors/unknown-model-error.js';
export { UnknownModelPriceError } from './errors/unknown-model-price-error.js';
export { defaultPriceTable } from './prices/default-price-table.js';
export {
  type CostEstimate,
  type EstimateCostOptions,
  estimateCost,
  type TokenUsage,
} from './prices/estimate-cost.js';
export { MICRO_PER_USD, microToUsd, tokenCostMicro, usdToMicro } from './prices/micro-usd.js';
export { isSameModel, undatedModel } from './prices/model-snapshot.js';
export {
  type ModelPrice,
  type PriceRow,
  type PriceTable,
  type PriceTableInput,
  priceTable,
} from './prices/price-table.js';
export { httpStatus } from './rate/http-status.js';
export type { RateLimitStore, RateLimits } from './rate/rate-limit-store.js';
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type ScheduleOptions,
} from './rate/rate-limiter.js';
export { type AttemptContext, type RetryEvent, type RetryOptions, retry } from './rate/retry.js';
export { isRetryable, retryAfterMs } from './rate/retryable.js';
export type {
  ChatMessage,
  ChatRefusalPart,
  ChatTextPart,
  ChatTool,
  ChatToolCall,
  ChatToolProperty,
} from './tokens/chat-types.js';
export { type ChatCountOptions, countChatTokens } from './tokens/count-chat-tokens.js';
export { countTokens } from './tokens/count-tokens.js';
export {
  type EncodingName,
  type EncodingRule,
  encodingForModel,
  encodingTable,
} from './tokens/encoding-table.js';
export type { CountOptions, TokenCount } from './tokens/token-count.js';
