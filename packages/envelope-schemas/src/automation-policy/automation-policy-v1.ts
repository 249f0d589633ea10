import { z } from 'zod';
import { ModelName, PolicyId } from '../common/identifiers.js';
import { createParser } from '../parse/create-parser.js';
import { RUN_WINDOW_PATTERN } from './run-window.js';
import { isKnownTimeZone, TIME_ZONE_PATTERN } from './time-zone.js';

/** Where model calls may go: `local` (direct, allowlisted), `cloud`/`hybrid` (gateway only). */
export const ExecutionMode = z.enum(['local', 'cloud', 'hybrid']);
export type ExecutionMode = z.infer<typeof ExecutionMode>;

/** One run window, e.g. `weekday:09:00-18:00` (grammar in run-window.ts and docs/schemas.md). */
export const RunWindowText = z.string().regex(RUN_WINDOW_PATTERN, {
  error:
    'must be "<days>:<HH:MM>-<HH:MM>" with days daily|weekday|weekend|mon..sun (ranges "mon-fri", lists "mon,wed"), times 00:00-23:59 (24:00 allowed as an end) and an end different from the start, e.g. "weekday:09:00-18:00"',
});

/**
 * The automation policy (v1), spec SPEC-260 "Automation policy schema (v1)". Unknown keys
 * are rejected.
 */
export const AutomationPolicyV1 = z
  .strictObject({
    /** Always `"1"` for this version. */
    schema_version: z.literal('1'),
    /** The policy's id, recorded in every envelope made under it. */
    policy_id: PolicyId,
    /** `local`, `cloud` or `hybrid`. */
    execution_mode: ExecutionMode,
    /** Whether gated calls need the host's approver to say yes. */
    requires_approval: z.boolean(),
    /** Hard cap on spend for one run, in US dollars. */
    max_cost_usd: z.number().min(0, { error: 'must be 0 or more (US dollars)' }),
    /** Hard cap on a run's wall-clock time. */
    max_runtime_minutes: z.int({ error: 'must be a whole number of minutes' }).min(1, {
      error: 'must be at least 1 minute',
    }),
    /** Models that may be called; every other model is refused. */
    allowed_models: z
      .array(ModelName)
      .min(1, { error: 'must list at least one model (an empty list would refuse every call)' })
      .refine((models) => new Set(models).size === models.length, {
        error: 'must not list a model twice',
      })
      .meta({ uniqueItems: true }),
    /** When calls may run; at least one window (`daily:00:00-24:00` means always). */
    run_windows: z.array(RunWindowText).min(1, {
      error: 'must list at least one window; use "daily:00:00-24:00" for always',
    }),
    /** IANA time zone the run windows are read in; default `UTC`. */
    timezone: z
      .string()
      .regex(TIME_ZONE_PATTERN, { error: 'must be an IANA time zone name such as "Europe/London"' })
      .refine(isKnownTimeZone, {
        error: 'is not a time zone this runtime knows (IANA name expected)',
      })
      .optional(),
  })
  .describe('Automation policy, version 1.');
export type AutomationPolicyV1 = z.infer<typeof AutomationPolicyV1>;

const automationPolicyParser = createParser('AutomationPolicyV1', AutomationPolicyV1);
/** Validates an automation policy; throws `SchemaValidationError` listing every problem. */
export const parseAutomationPolicy = automationPolicyParser.parse;
/** Validates an automation policy; returns a result instead of throwing. */
export const safeParseAutomationPolicy = automationPolicyParser.safeParse;
