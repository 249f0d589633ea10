import type { Budget, PriceTable, RateLimiter } from '@pm/budget';
import type { AutomationPolicyV1 } from '@pm/envelope-schemas';
import type { Ledger } from '@pm/ledger';
import type { Redactor } from '@pm/redact';
import type { LLMClientOptions } from '../client/client-options.js';
import type { LLMEventInput } from '../client/events.js';
import type { LLMProvider } from '../provider/provider.js';
import type { TemplateSet } from '../template-files.js';
import type { BudgetCalls } from './budget-calls.js';

/** Everything one run's calls share. Built by `startRun`. */
export interface RunContext {
  readonly runId: string;
  readonly defaultStage: string;
  readonly policy: AutomationPolicyV1;
  /** The provider calls go to (the offline stub instead of a remote one when the kill switch is on). */
  readonly provider: LLMProvider;
  /** The offline stub, for `onUnavailable: 'offline'`. */
  readonly offline: LLMProvider;
  readonly redactor: Redactor;
  readonly ledger: Ledger;
  readonly budget: Budget;
  /** The call each open reservation was made for, so an overspend report names it. */
  readonly budgetCalls: BudgetCalls;
  readonly prices: PriceTable | undefined;
  readonly rateLimiter: RateLimiter;
  /** The egress-guarded fetch given to the provider. */
  readonly fetch: typeof fetch;
  readonly gatewayConfigured: boolean;
  readonly templates: TemplateSet;
  readonly options: LLMClientOptions;
  emit(event: LLMEventInput): void;
  nextRequestId(): string;
}
