import { createHash } from 'node:crypto';
import { parseRequestEnvelope, type RequestEnvelopeV1 } from '@pm/envelope-schemas';
import { canonicalJson } from '@pm/ledger';
import type {
  LLMProvider,
  PromptMessage,
  ProviderCallRequest,
  ResponseFormat,
} from '../provider/provider.js';
import { runProviderHook } from '../provider/provider-hook.js';
import { findTemplate } from '../template-files.js';
import { renderDataBlock } from '../templates/data-block.js';
import { DEFAULT_MAX_BLOCK_CHARS, renderPrompt } from '../templates/render-prompt.js';
import type { CallInput } from './call-input.js';
import { effectiveDisclosureLevel } from './disclosure-level.js';
import { formatName } from './format-name.js';
import { inputEstimate } from './input-estimate.js';
import { pricedUsd } from './priced-usd.js';
import { responseJsonSchema } from './response-json-schema.js';
import type { RunContext } from './run-context.js';
import { sentEffort } from './sent-effort.js';

/** The step a call is in: what its error record names when it fails. */
export type CallPhase =
  | 'policy'
  | 'redact'
  | 'render'
  | 'envelope'
  | 'estimate'
  | 'approve'
  | 'reserve'
  | 'call'
  | 'validate'
  | 'settle';

/** Everything steps 1-6 produce: the request as it would be sent, and its estimate. */
export interface PreparedCall {
  stage: string;
  requestId: string;
  provider: LLMProvider;
  request: ProviderCallRequest;
  envelope: RequestEnvelopeV1;
  promptRef: string;
  inputTokens: number;
  approximate: boolean;
  worstCaseCostUsd: number | undefined;
  redactionCounts: Record<string, number>;
  schemaId: string;
  /** The declared level, else the context's (a disclosure's; 5 with samples): what gates the call. */
  disclosureLevel: 1 | 2 | 3 | 4 | 5 | undefined;
  /** Data blocks cut to their cap: the host is told, not only the model. */
  truncated: readonly string[];
}

/** The request id of a dry run (`run.estimate`): never a stored call's (`req-0001`, ...). */
const DRY_RUN_REQUEST_ID = 'estimate';

/** The address `putArtifact` would give `content`, for the dry run, which stores nothing. */
function artifactAddress(content: string): string {
  return `artifact://sha256:${createHash('sha256').update(content).digest('hex')}`;
}

function mergeCounts(...all: (Record<string, number> | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const counts of all)
    for (const [k, v] of Object.entries(counts ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * Steps 2-6: minimised input redacted, rendered, enveloped, counted and priced. `storedId`
 * is the call's request id, or null for the dry run, which stores nothing.
 */
export async function prepareCall(
  ctx: RunContext,
  call: CallInput,
  provider: LLMProvider,
  storedId: string | null,
  track: (phase: CallPhase) => void = () => {},
): Promise<PreparedCall> {
  const stage = call.stage ?? ctx.defaultStage;
  const store = storedId !== null;
  const requestId = storedId ?? DRY_RUN_REQUEST_ID;
  const schemaId = call.schemaId ?? 'text@1';
  const disclosureLevel = effectiveDisclosureLevel(call);

  track('redact');
  // 3 redact: the user's text and the context, by the run's profile; values are never kept.
  const input = call.input === undefined ? undefined : ctx.redactor.redactText(call.input);
  const context = call.context === undefined ? undefined : ctx.redactor.redactValue(call.context);
  const redactionCounts = mergeCounts(input?.counts, context?.counts);

  track('render');
  // 4 render: instructions from the template file only; data as fenced blocks.
  const template =
    call.template === undefined ? undefined : findTemplate(ctx.templates, call.template);
  let messages: PromptMessage[];
  let truncated: readonly string[] = [];
  if (template) {
    ({ messages, truncated } = renderPrompt(template, {
      goal: input?.text ?? '',
      level: disclosureLevel ?? 0,
      context: context?.value ?? null,
    }));
  } else {
    const parts = [input?.text ?? ''];
    if (context !== undefined) {
      const block = renderDataBlock('context', context.value, DEFAULT_MAX_BLOCK_CHARS);
      parts.push(block.text);
      if (block.truncated) truncated = ['context'];
    }
    messages = [{ role: 'user', content: parts.filter(Boolean).join('\n\n') }];
  }
  const responseFormat: ResponseFormat | undefined = call.schema
    ? {
        name: formatName(schemaId),
        schema: responseJsonSchema(call.schema, schemaId),
      }
    : undefined;
  const request: ProviderCallRequest = {
    requestId,
    model: call.model,
    messages,
    maxOutputTokens: call.maxOutputTokens,
    reasoningEffort: call.reasoningEffort ?? 'medium',
    ...(responseFormat ? { responseFormat } : {}),
    ...(template ? { template: { id: template.id, version: template.version } } : {}),
    ...(context
      ? {
          context: {
            goal: input?.text ?? '',
            level: disclosureLevel ?? 0,
            data: context.value,
          },
        }
      : {}),
  };
  track('envelope');
  runProviderHook(provider.name, 'checkRequest', 'nothing was sent.', () =>
    provider.checkRequest?.(request),
  );
  // The envelope says what the model is sent, not what was asked (decision 0010).
  const reasoningEffort = await sentEffort(provider, request);

  // 5 envelope: the prompt is an artifact, the envelope validated.
  const promptContent = canonicalJson({ messages, response_format: responseFormat ?? null });
  const promptRef = store
    ? await ctx.ledger.putArtifact(promptContent, { mediaType: 'application/json' })
    : artifactAddress(promptContent);
  const envelope = parseRequestEnvelope({
    schema_version: '1',
    run_id: ctx.runId,
    stage,
    model: call.model,
    ...(reasoningEffort ? { reasoning_effort: reasoningEffort } : {}),
    input_artifacts: [promptRef],
    redaction_profile: ctx.redactor.profile,
    response_schema: schemaId,
    policy_id: ctx.policy.policy_id,
    max_output_tokens: call.maxOutputTokens,
    ...(template
      ? { template: { id: template.id, version: template.version, sha256: template.sha256 } }
      : {}),
    ...(disclosureLevel ? { disclosure_level: disclosureLevel } : {}),
  });

  track('estimate');
  // 6 estimate: input tokens (exact for text; the response schema on the safe side), worst
  // case at the output price.
  const count = inputEstimate(request);
  // Undefined for an unpriced model: the reservation then refuses it, whatever the caps
  // (decision 0014).
  const worstCaseCostUsd = pricedUsd(
    call.model,
    { inputTokens: count.tokens, outputTokens: call.maxOutputTokens },
    ctx.prices,
  );
  return {
    stage,
    requestId,
    provider,
    request,
    envelope,
    promptRef,
    inputTokens: count.tokens,
    approximate: count.approximate,
    worstCaseCostUsd,
    redactionCounts,
    schemaId,
    disclosureLevel,
    truncated,
  };
}
