import { PmError, type ReasoningEffort } from '@pm/envelope-schemas';
import type { Disclosure } from '@pm/redact';
import { kindOf } from '../kind-of.js';
import { readOptions } from '../read-options.js';
import type {
  GenerateObjectOptions,
  GenerateOptions,
  LLMRun,
  ObjectResult,
  TextResult,
} from '../run/llm-run.js';
import { unknownOption } from '../unknown-option.js';
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
  /** Cancels the move's call (see `GenerateOptions.signal`). */
  signal?: AbortSignal;
}

/** The options of every move; each move adds its text (`goal` or `section`). */
const MOVE_OPTIONS: readonly string[] = [
  'model',
  'disclosure',
  'stage',
  'maxOutputTokens',
  'reasoningEffort',
  'signal',
];

/** A recommended command: data only, never executed, always needing the user's confirmation. */
export type RecommendedCommand = ObjectResult<NextCommandV1> & {
  /** Always true: the SDK executes nothing. */
  requiresConfirmation: true;
  /** Whether running the command would modify data. */
  modifiesData: boolean;
};

/**
 * The user's text a move is about (`goal`, `section`): without it the model would be asked
 * about nothing, and a remote call billed for it. Checked before anything is stored.
 */
function userText(options: unknown, field: 'goal' | 'section', move: string): string {
  const value = (options as Record<string, unknown> | null | undefined)?.[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PmError(
      'INVALID_ARGUMENT',
      `The ${move} move needs { ${field} }: the user's text, a non-empty string; got ${typeof value === 'string' ? 'an empty string' : kindOf(value)}.`,
      { details: { field } },
    );
  }
  return value;
}

/** The governed call of move 1 (also what `run.estimate` takes for a dry run of it). */
export function interpretGoalRequest(
  given: MoveOptions & { goal: string },
): GenerateObjectOptions<typeof GoalInterpretationV1> {
  const options = readMoveOptions(given, 'interpret-goal');
  return {
    ...base(options, 'interpret-goal', 'goal', 600),
    input: userText(options, 'goal', 'interpret-goal'),
    schema: GoalInterpretationV1,
    schemaId: 'goal-interpretation@1',
  };
}

/** The governed call of move 2. Its output drives an action, so it is gated in hybrid mode. */
export function recommendNextCommandRequest(
  given: MoveOptions & { goal: string },
): GenerateObjectOptions<typeof NextCommandV1> {
  const options = readMoveOptions(given, 'recommend-next-command');
  return {
    ...base(options, 'recommend-next-command', 'goal', 600),
    input: userText(options, 'goal', 'recommend-next-command'),
    schema: NextCommandV1,
    schemaId: 'next-command@1',
    drivesAction: true,
  };
}

/** The governed call of move 3. */
export function draftNarrativeRequest(given: MoveOptions & { section: string }): GenerateOptions {
  const options = readMoveOptions(given, 'draft-narrative');
  return {
    ...base(options, 'draft-narrative', 'section', 900),
    input: userText(options, 'section', 'draft-narrative'),
  };
}

/** A move's options read once (a getter that throws is `INVALID_ARGUMENT` naming the option). */
function readMoveOptions<T extends MoveOptions>(options: T, move: string): T {
  return readOptions(options, (field) => `The ${move} move's ${field}`);
}

function base(
  options: MoveOptions,
  move: string,
  text: 'goal' | 'section',
  maxOutputTokens: number,
): GenerateOptions {
  const known = [...MOVE_OPTIONS, text];
  // Not an object: it was read as one without a disclosure ("needs { disclosure }; got undefined").
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `The ${move} move takes an object of options ({ model, ${text}, disclosure, ... }); got ${kindOf(options)}.`,
      { details: { field: 'options' } },
    );
  }
  const unknown = unknownOption(options, known);
  if (unknown !== undefined) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `The ${move} move's ${unknown} is not an option; the options are ${known.join(', ')}.`,
      { details: { field: unknown } },
    );
  }
  const disclosure: unknown = options?.disclosure;
  if (typeof disclosure !== 'object' || disclosure === null || !('level' in disclosure)) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `The ${move} move needs { disclosure }: what buildDisclosure (from @pm/redact) returned for the data the model may see; got ${disclosure === null ? 'null' : typeof disclosure}.`,
      { details: { field: 'disclosure' } },
    );
  }
  return {
    stage: options.stage ?? move,
    model: options.model,
    template: `${move}@1`,
    context: options.disclosure,
    disclosureLevel: options.disclosure.level,
    maxOutputTokens: options.maxOutputTokens ?? maxOutputTokens,
    ...(options.reasoningEffort ? { reasoningEffort: options.reasoningEffort } : {}),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}

/** Move 1: interpret the user's goal against the dataset summary. */
export async function interpretGoal(
  run: LLMRun,
  options: MoveOptions & { goal: string },
): Promise<ObjectResult<GoalInterpretationV1>> {
  return run.generateObject(interpretGoalRequest(options));
}

/** Move 2: recommend the next CLI command, as data needing the user's confirmation. */
export async function recommendNextCommand(
  run: LLMRun,
  options: MoveOptions & { goal: string },
): Promise<RecommendedCommand> {
  const result = await run.generateObject(recommendNextCommandRequest(options));
  return { ...result, requiresConfirmation: true, modifiesData: result.object.modifies_data };
}

/** Move 3: draft a report section from aggregates already computed locally. */
export async function draftNarrative(
  run: LLMRun,
  options: MoveOptions & { section: string },
): Promise<TextResult> {
  return run.generateText(draftNarrativeRequest(options));
}
