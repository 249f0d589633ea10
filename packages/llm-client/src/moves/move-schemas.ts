import { z } from 'zod';

/** The kinds of analysis a goal can call for. */
export const AnalysisKind = z.enum([
  'discovery',
  'performance',
  'variants',
  'conformance',
  'data-quality',
  'other',
]);

/** Output of `run.interpretGoal` (`goal-interpretation@1`). */
export const GoalInterpretationV1 = z.strictObject({
  /** The goal in one sentence. */
  restated_goal: z.string(),
  /** The analysis it calls for. */
  analysis: AnalysisKind,
  /** Columns the analysis needs. */
  needed_columns: z.array(z.string()),
  /** Questions to ask the user before going on (empty when none). */
  questions: z.array(z.string()),
});
export type GoalInterpretationV1 = z.infer<typeof GoalInterpretationV1>;

/**
 * Output of `run.recommendNextCommand` (`next-command@1`). The SDK executes nothing: the
 * command comes back as data, and always needs the user's confirmation (spec 000 §4).
 */
export const NextCommandV1 = z.strictObject({
  /** The `pm-assist` command, e.g. `pm-assist variants`. */
  command: z.string(),
  /** Its arguments, one per element. */
  args: z.array(z.string()),
  /** Why this command, citing the figures it rests on. */
  rationale: z.string(),
  /** Whether running it would modify data. */
  modifies_data: z.boolean(),
  /** Always true: the user confirms before anything runs. */
  requires_confirmation: z.literal(true),
});
export type NextCommandV1 = z.infer<typeof NextCommandV1>;
