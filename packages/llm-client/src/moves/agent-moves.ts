import type { ReasoningEffort } from '@pm/envelope-schemas';
import type { Disclosure } from '@pm/redact';
import type { LLMRun, ObjectResult, TextResult } from '../run/llm-run.js';
import { GoalInterpretationV1, NextCommandV1 } from './move-schemas.js';

/** Options every agent move takes. */
export interface MoveOptions {
  model: string;
  /** What `buildDisclosure` (from @pm/redact) produced: levels 1-4 by default; 5 needs a `samples` approval. */
  disclosure: Disclosure;
  /** Stage name; default the move's name. */
  stage?: string;
  maxOutputTokens?: number;
  reasoningEffort?: ReasoningEffort;
}

/** A recommended command: data only, never executed, always needing the user's confirmation. */
export type RecommendedCommand = ObjectResult<NextCommandV1> & {
  /** Always true: the SDK executes nothing. */
  requiresConfirmation: true;
  /** Whether running the command would modify data. */
  modifiesData: boolean;
};

/** Move 1: interpret the user's goal against the dataset summary. */
export function interpretGoal(
  run: LLMRun,
  options: MoveOptions & { goal: string },
): Promise<ObjectResult<GoalInterpretationV1>> {
  return run.generateObject({
    stage: options.stage ?? 'interpret-goal',
    model: options.model,
    template: 'interpret-goal@1',
    input: options.goal,
    context: options.disclosure,
    disclosureLevel: options.disclosure.level,
    maxOutputTokens: options.maxOutputTokens ?? 600,
    ...(options.reasoningEffort ? { reasoningEffort: options.reasoningEffort } : {}),
    schema: GoalInterpretationV1,
    schemaId: 'goal-interpretation@1',
  });
}

/** Move 2: recommend the next CLI command. Its output drives an action, so it is gated in hybrid mode. */
export async function recommendNextCommand(
  run: LLMRun,
  options: MoveOptions & { goal: string },
): Promise<RecommendedCommand> {
  const result = await run.generateObject({
    stage: options.stage ?? 'recommend-next-command',
    model: options.model,
    template: 'recommend-next-command@1',
    input: options.goal,
    context: options.disclosure,
    disclosureLevel: options.disclosure.level,
    maxOutputTokens: options.maxOutputTokens ?? 600,
    ...(options.reasoningEffort ? { reasoningEffort: options.reasoningEffort } : {}),
    schema: NextCommandV1,
    schemaId: 'next-command@1',
    drivesAction: true,
  });
  return { ...result, requiresConfirmation: true, modifiesData: result.object.modifies_data };
}

/** Move 3: draft a report section from aggregates already computed locally. */
export function draftNarrative(
  run: LLMRun,
  options: MoveOptions & { section: string },
): Promise<TextResult> {
  return run.generateText({
    stage: options.stage ?? 'draft-narrative',
    model: options.model,
    template: 'draft-narrative@1',
    input: options.section,
    context: options.disclosure,
    disclosureLevel: options.disclosure.level,
    maxOutputTokens: options.maxOutputTokens ?? 900,
    ...(options.reasoningEffort ? { reasoningEffort: options.reasoningEffort } : {}),
  });
}
