import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import {
  type BudgetAlert,
  type BudgetOptions,
  type BudgetStore,
  createBudget,
  createRateLimiter,
  memoryStore,
  type RateLimiter,
} from '@pm/budget';
import { type AutomationPolicyV1, parseAutomationPolicy } from '@pm/envelope-schemas';
import { type Ledger, openLedger, resolveDurability } from '@pm/ledger';
import { createRedactor, type Redactor } from '@pm/redact';
import { createEgressFetch } from '../egress/egress-fetch.js';
import { offlineProvider } from '../offline/offline-provider.js';
import type { BudgetCalls } from '../pipeline/budget-calls.js';
import { checkStage } from '../pipeline/check-stage.js';
import type { RunContext } from '../pipeline/run-context.js';
import type { ProviderDescription } from '../provider/provider.js';
import { providerForRun } from '../provider/provider-for-run.js';
import { readOptions } from '../read-options.js';
import { LLMRun } from '../run/llm-run.js';
import { clientTemplates, type TemplateSet } from '../template-files.js';
import { appendUnlessEnded } from './append-unless-ended.js';
import { checkClientOptions } from './check-client-options.js';
import { checkStartRunOptions } from './check-start-run-options.js';
import type { LLMClientOptions } from './client-options.js';
import { configSnapshot } from './config-snapshot.js';
import { defaultPolicy } from './default-policy.js';
import { planEgress } from './egress-plan.js';
import type { LLMEvent, LLMEventInput } from './events.js';
import { remoteCallsDisabled } from './kill-switch.js';
import { lastRequestNumber } from './last-request-number.js';
import { overspendSink } from './overspend-sink.js';
import { readClientOptions } from './read-client-options.js';

/** The auditable list of what a client can reach (spec 000 §7). Never holds a secret. */
export interface ClientDescription {
  executionMode: AutomationPolicyV1['execution_mode'];
  policyId: string;
  /** True when no call leaves the process (a provider that is not remote, or the kill switch). */
  offline: boolean;
  provider: ProviderDescription;
  /** Every external endpoint calls can reach: empty when nothing leaves the process. */
  endpoints: readonly {
    origin: string;
    provider: string;
    purpose: string;
    credentialSource: string;
  }[];
  redactionProfile: string;
  ledgerDir: string;
}

/** Options of `client.startRun`. */
export interface StartRunOptions {
  /** Run id (a UUID by default); also the ledger folder's name. */
  runId?: string;
  /**
   * Default stage of the run's calls; default `default`. A stage name: 1-64 letters,
   * digits, `.`, `_`, `:` or `-`, starting with a letter or digit; anything else is
   * `INVALID_ARGUMENT` before the run's ledger is opened.
   */
  stage?: string;
}

/** A governed model client. Create one per service; start a run per job or request. */
export interface LLMClient {
  /** The policy in force (validated). */
  readonly policy: AutomationPolicyV1;
  /** Starts a run: opens its ledger (one writer per run), records the policy and config. */
  startRun(options?: StartRunOptions): Promise<LLMRun>;
  /** Every external endpoint this configuration can reach, with provider, mode and credential source. */
  describe(): ClientDescription;
}

/**
 * Hands an event to the host's hook, isolated: a hook that throws (or returns a promise that
 * rejects), e.g. a log sink that is down, never changes a call's outcome or its ledger
 * records. Its failure is dropped: reporting it through the same hook could fail again.
 */
function deliverEvent(hook: LLMClientOptions['onEvent'], event: LLMEvent): void {
  if (!hook) return;
  try {
    const out: unknown = hook(event);
    if (out instanceof Promise) out.catch(() => {});
  } catch {
    // Isolated on purpose (see above).
  }
}

const ALERT_UNIT = { usd: 'usd', tokens: 'tokens', requests: 'requests' } as const;

/**
 * Creates a client. With no options it is fully offline: the offline stub provider, a
 * local policy, a per-run budget, `homebrew@1` redaction and a ledger under `./.pm-ledger/`.
 */
export function createLLMClient(given: LLMClientOptions = {}): LLMClient {
  // Read once: a getter is not asked again (it could throw, or answer the use otherwise).
  const options = readClientOptions(given);
  checkClientOptions(options);
  const policy =
    options.policy === undefined ? defaultPolicy() : parseAutomationPolicy(options.policy);
  const offline = offlineProvider();
  const killSwitch = remoteCallsDisabled(options.enabled, options.env);
  const chosen = options.provider ?? offline;
  // The kill switch stops egress: only a remote provider is replaced. Replay and test doubles
  // send nothing, and swapping them would answer a replay miss with stub text.
  const provider = killSwitch && chosen.remote ? offline : chosen;
  const egress = planEgress(policy.execution_mode, provider, options.egress);
  const ledgerDir = resolve(options.ledger?.dir ?? '.pm-ledger');
  const durability = options.ledger?.durability ?? 'batch';
  // Checked now, as the ledger will, so a bad mode fails at start-up, not at the first startRun.
  resolveDurability(durability);
  // Built now so a bad profile or a missing hash key fails at start-up, not mid-run.
  const redactor: Redactor = createRedactor({
    ...(options.redaction?.profile ? { profile: options.redaction.profile } : {}),
    ...(options.redaction?.hashKey ? { hashKey: options.redaction.hashKey } : {}),
    ...(options.redaction?.hashFields ? { hashFields: options.redaction.hashFields } : {}),
    ...(options.redaction?.dropFields ? { dropFields: options.redaction.dropFields } : {}),
  });
  const store: BudgetStore = options.budget?.store ?? memoryStore();
  const limits = options.budget?.limits ?? {};
  /** What every run's budget is built from, besides its run id, store and alert sink. */
  const budgetOptions: BudgetOptions = {
    limits: {
      ...limits,
      usd: Math.min(policy.max_cost_usd, limits.usd ?? Number.POSITIVE_INFINITY),
      maxRuntimeMinutes: policy.max_runtime_minutes,
    },
    ...(options.budget?.period ? { period: options.budget.period } : {}),
    ...(options.budget?.alerts !== undefined ? { alerts: options.budget.alerts } : {}),
    ...(options.budget?.prices ? { prices: options.budget.prices } : {}),
    ...(options.budget?.reservationTtlMs !== undefined
      ? { reservationTtlMs: options.budget.reservationTtlMs }
      : {}),
  };
  // Built once now, on a store of its own (a run's budget attaches to its store), so a
  // budget option it refuses (a negative cap) fails at start-up like the redactor's, not at
  // the first startRun.
  createBudget({ ...budgetOptions, store: memoryStore() }).dispose();
  const rateLimiter: RateLimiter = createRateLimiter(options.rateLimit ?? {});
  let templates: TemplateSet | undefined;
  // Taken once: the same plain-field copy goes into every run's `run_start`.
  const snapshot = configSnapshot(options, {
    provider: provider.describe(),
    killSwitch,
    executionMode: policy.execution_mode,
    egressAllow: egress.allow,
    gateway: egress.gateway ?? null,
    redactionProfile: redactor.profile,
    durability,
  });

  const describe = (): ClientDescription => {
    const description = provider.describe();
    return {
      executionMode: policy.execution_mode,
      policyId: policy.policy_id,
      offline: !provider.remote,
      provider: description,
      endpoints: provider.remote
        ? egress.allow.map((origin) => ({
            origin,
            provider: description.name,
            purpose:
              description.endpoints.find((e) => e.origin === origin)?.purpose ??
              'allowed by egress.allow',
            credentialSource: description.credentialSource,
          }))
        : [],
      redactionProfile: redactor.profile,
      ledgerDir,
    };
  };

  async function startRun(givenRunOptions: StartRunOptions = {}): Promise<LLMRun> {
    const runOptions = readOptions(givenRunOptions, (field) => `startRun({ ${field} })`);
    checkStartRunOptions(runOptions);
    // Before the ledger opens: every record of the run would carry a bad default stage.
    checkStage(runOptions.stage, 'startRun({ stage })');
    const runId = runOptions.runId ?? randomUUID();
    // Before the ledger opens: a provider that cannot give the run one must not leave it locked.
    const providerOfRun = providerForRun(provider, runId);
    templates ??= clientTemplates(options.templates);
    const emit = (event: LLMEventInput) =>
      deliverEvent(options.onEvent, { ...event, runId, at: new Date().toISOString() } as LLMEvent);
    // Alerts go to the ledger, opened below: the budget is built first, so a budget option it
    // refuses (a negative limit) fails before the run's ledger exists, not leaving it locked.
    let ledger: Ledger | undefined;
    let requestCounter = 0;
    const onAlert = (alert: BudgetAlert) => {
      emit({
        type: 'budget.alert',
        level: alert.level,
        scope: alert.scopeKey,
        metric: alert.metric,
        spent: alert.spent,
        limit: alert.limit,
      });
      // After the event: a record that cannot be written is thrown, and must not stop it.
      appendUnlessEnded(ledger, {
        type: 'alert',
        data: {
          level: alert.level,
          scope: alert.scopeKey,
          unit: ALERT_UNIT[alert.metric],
          spent: alert.spent,
          limit: alert.limit,
          threshold: Math.min(alert.fraction, 1),
        },
      });
    };
    const budgetCalls: BudgetCalls = new Map();
    const onOverspend = overspendSink({ calls: budgetCalls, ledger: () => ledger, emit });
    const budget = createBudget({ ...budgetOptions, runId, store, onAlert, onOverspend });
    try {
      ledger = openLedger({
        dir: ledgerDir,
        runId,
        durability,
        ...(options.ledger?.signer ? { signer: options.ledger.signer } : {}),
      });
      // A run resumed after a crash (its ledger reopened, not new) goes on from its last id.
      if (ledger.records > 0) requestCounter = await lastRequestNumber(ledger.runDir, runId);
      ledger.append({ type: 'run_start', data: { policy, config: snapshot } });
    } catch (error) {
      // Nothing of the run is left holding: its deadline timer, nor the ledger's lock, which
      // would refuse a retry of startRun with the same run id (LEDGER_LOCKED) in this process.
      budget.dispose();
      await ledger?.detach().catch(() => {});
      throw error;
    }
    const fetch = createEgressFetch({
      allow: egress.allow,
      onDenied: (denial) =>
        emit({ type: 'egress.denied', origin: denial.origin, reason: denial.reason }),
    });
    const ctx: RunContext = {
      runId,
      defaultStage: runOptions.stage ?? 'default',
      policy,
      provider: providerOfRun,
      offline,
      redactor,
      ledger,
      budget,
      budgetCalls,
      prices: options.budget?.prices,
      rateLimiter,
      fetch,
      gatewayConfigured: egress.gatewayConfigured,
      templates,
      options,
      emit,
      nextRequestId: () => `req-${String(++requestCounter).padStart(4, '0')}`,
    };
    emit({ type: 'run.started', provider: provider.name, offline: !provider.remote });
    return new LLMRun(ctx, join(ledgerDir, runId));
  }

  return { policy, startRun, describe };
}
