/**
 * The call a budget reservation was made for: what a report of its overspend names, since
 * the budget knows only the reservation's id.
 */
export interface BudgetCall {
  readonly stage: string;
  readonly requestId: string;
  readonly maxOutputTokens: number;
  /** The output tokens the provider reported, once known (set just before the settle). */
  outputTokens?: number;
}

/** A run's open reservations by id, each with its call; an entry lives until its call closes them. */
export type BudgetCalls = Map<string, BudgetCall>;
