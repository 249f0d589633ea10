import type { AppendInput } from '../../src/index.js';

/** Valid record inputs of every appendable type, realistic in size (~500 bytes for a request). */
export const POLICY = {
  schema_version: '1',
  policy_id: 'pm-assist-default',
  execution_mode: 'hybrid',
  requires_approval: true,
  max_cost_usd: 500,
  max_runtime_minutes: 240,
  allowed_models: ['gpt-5.2-codex', 'gpt-5.2'],
  run_windows: ['weekday:09:00-18:00'],
} as const;

export function runStart(
  config: Record<string, unknown> = { provider: 'offline' },
): AppendInput<'run_start'> {
  return {
    type: 'run_start',
    data: {
      policy: {
        ...POLICY,
        allowed_models: [...POLICY.allowed_models],
        run_windows: [...POLICY.run_windows],
      },
      config,
    },
  };
}

export function request(
  runId: string,
  n: number,
  inputArtifacts: string[] = [],
  stage = 'draft-narrative',
): AppendInput<'request'> {
  return {
    type: 'request',
    stage,
    data: {
      request_id: `req-${n}`,
      envelope: {
        schema_version: '1',
        run_id: runId,
        stage,
        model: 'gpt-5.2-codex',
        reasoning_effort: 'medium',
        input_artifacts: inputArtifacts,
        redaction_profile: 'homebrew@1',
        response_schema: 'narrative@1',
      },
      request_hash: 'a3f1a3f1a3f1a3f1a3f1a3f1a3f1a3f1a3f1a3f1a3f1a3f1a3f1a3f1a3f1a3f1',
      provider: 'offline',
      estimated_input_tokens: 812,
      max_output_tokens: 1024,
      estimated_cost_usd: 0.015757,
      redaction_counts: { email: 2 },
    },
  };
}

export function response(
  n: number,
  outputArtifact: string,
  stage = 'draft-narrative',
): AppendInput<'response'> {
  return {
    type: 'response',
    stage,
    data: {
      request_id: `req-${n}`,
      output_artifact: outputArtifact,
      model: 'gpt-5.2-codex',
      usage: {
        input_tokens: 812,
        cached_input_tokens: 0,
        output_tokens: 240,
        reasoning_tokens: 64,
      },
      cost_usd: 0.004781,
      attempts: 1,
      latency_ms: 812.5,
      finish_reason: 'stop',
      valid: true,
    },
  };
}

export function approval(
  n: number,
  decision: 'approve' | 'deny' = 'approve',
): AppendInput<'approval'> {
  return {
    type: 'approval',
    stage: 'draft-narrative',
    data: {
      request_id: `req-${n}`,
      decision: {
        schema_version: '1',
        approver: 'alice@example.com',
        decision,
        scope: ['call'],
        reason: 'Needed to explain the rework loop',
        decided_at: '2026-11-22T09:30:00Z',
      },
    },
  };
}

export function error(
  n: number,
  message = 'The provider failed after 3 attempts.',
): AppendInput<'error'> {
  return {
    type: 'error',
    stage: 'draft-narrative',
    data: {
      request_id: `req-${n}`,
      code: 'PROVIDER_UNAVAILABLE',
      message,
      phase: 'call',
      attempts: 3,
      reservation: 'released',
    },
  };
}

export function alert(): AppendInput<'alert'> {
  return {
    type: 'alert',
    stage: null,
    data: { level: 'warning', scope: 'run', unit: 'usd', spent: 400, limit: 500, threshold: 0.8 },
  };
}
