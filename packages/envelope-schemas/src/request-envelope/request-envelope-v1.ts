import { z } from 'zod';
import {
  ArtifactRef,
  ModelName,
  PolicyId,
  ReasoningEffort,
  RunId,
  Sha256Hex,
  StageName,
  Timestamp,
  VersionedId,
} from '../common/identifiers.js';
import { createParser } from '../parse/create-parser.js';

/** The prompt template a request was rendered from. */
export const TemplateRefV1 = z.strictObject({
  /** Template id, e.g. `draft-narrative`. */
  id: z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/, {
    error: 'must be a lowercase template id such as "draft-narrative"',
  }),
  /** Template version (the `@1` of `draft-narrative@1.md`). */
  version: z.int().min(1),
  /** SHA-256 of the template file's bytes, so a recording names the exact text used. */
  sha256: Sha256Hex,
});
export type TemplateRefV1 = z.infer<typeof TemplateRefV1>;

/**
 * The model request envelope (v1), spec SPEC-260 "Model request envelope schema (v1)".
 * Every governed call builds one, validates it, and writes it to the ledger before any
 * egress. Seven of the spec's eight fields are required; `reasoning_effort` is recorded only
 * when it is sent (decision 0010). The other optional fields record what the pipeline
 * decided. Unknown keys are rejected.
 */
export const RequestEnvelopeV1 = z
  .strictObject({
    /** Always `"1"` for this version. */
    schema_version: z.literal('1'),
    /** The run this request belongs to. */
    run_id: RunId,
    /** The pipeline stage that made the request. */
    stage: StageName,
    /** The model asked for, e.g. `gpt-5.2-codex`. */
    model: ModelName,
    /**
     * Reasoning effort sent to the model: present when the provider sends it; absent for a
     * model that takes none (e.g. `gpt-4o`, to which the OpenAI provider sends none), so the
     * record never claims an effort the model was not given.
     */
    reasoning_effort: ReasoningEffort.optional(),
    /** Content addresses of everything sent (the rendered prompt first). */
    input_artifacts: z.array(ArtifactRef),
    /** Redaction profile applied to the inputs, pinned to its version, e.g. `homebrew@1`. */
    redaction_profile: VersionedId,
    /** Schema the response must validate against, e.g. `next-command@1` or `text@1`. */
    response_schema: VersionedId,
    /** Optional: the `policy_id` of the automation policy in force (the same shape). */
    policy_id: PolicyId.optional(),
    /** Optional: the output-token ceiling reserved for this call. */
    max_output_tokens: z.int().min(1).optional(),
    /** Optional: when the envelope was built. */
    created_at: Timestamp.optional(),
    /** Optional: the prompt template rendered, with the SHA-256 of its file. */
    template: TemplateRefV1.optional(),
    /** Optional: data-minimisation level of the context sent (1 schema ... 5 samples). */
    disclosure_level: z.int().min(1).max(5).optional(),
  })
  .describe('Model request envelope, version 1.');
export type RequestEnvelopeV1 = z.infer<typeof RequestEnvelopeV1>;

const requestEnvelopeParser = createParser('RequestEnvelopeV1', RequestEnvelopeV1);
/** Validates a request envelope; throws `SchemaValidationError` listing every problem. */
export const parseRequestEnvelope = requestEnvelopeParser.parse;
/** Validates a request envelope; returns `{ success, data }` or `{ success: false, error, problems }`. */
export const safeParseRequestEnvelope = requestEnvelopeParser.safeParse;
