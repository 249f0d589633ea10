import {
  type GoalInterpretationV1,
  interpretGoalRequest,
  type LLMRun,
  recommendNextCommandRequest,
} from '@pm/llm-client';
import type { Disclosure } from '@pm/redact';
import type { Progress } from '../progress.js';
import type { NamedRequest } from './estimate.js';

export interface AgentInput {
  model: string;
  goal: string;
  disclosure: Disclosure;
}

/** What `pm-assist agent` prints: the interpretation and a command the user must confirm. */
export interface AgentResult {
  interpretation: GoalInterpretationV1;
  next: {
    /** The whole command line, ready to copy. */
    commandLine: string;
    command: string;
    args: string[];
    rationale: string;
    modifiesData: boolean;
    /** Always true: pm-assist executes nothing. */
    requiresConfirmation: true;
  };
  costUsd: number;
}

/** The moves' options only: a move refuses any other member the input may carry (`sections`). */
function moveOptions({ model, goal, disclosure }: AgentInput): AgentInput {
  return { model, goal, disclosure };
}

export function agentRequests(input: AgentInput): NamedRequest[] {
  return [
    { name: 'interpret goal', request: interpretGoalRequest(moveOptions(input)) },
    { name: 'recommend next command', request: recommendNextCommandRequest(moveOptions(input)) },
  ];
}

export async function runAgent(
  run: LLMRun,
  input: AgentInput,
  step: Progress,
): Promise<AgentResult> {
  step('Interpreting the goal');
  const interpretation = await run.interpretGoal(moveOptions(input));
  step('Recommending the next command');
  const next = await run.recommendNextCommand(moveOptions(input));
  return {
    interpretation: interpretation.object,
    next: {
      commandLine: [next.object.command, ...next.object.args].join(' '),
      command: next.object.command,
      args: next.object.args,
      rationale: next.object.rationale,
      modifiesData: next.modifiesData,
      requiresConfirmation: true,
    },
    costUsd: interpretation.costUsd + next.costUsd,
  };
}

export function formatAgent(result: AgentResult): string {
  const { interpretation: goal, next } = result;
  return [
    `Goal: ${goal.restated_goal}`,
    `Analysis: ${goal.analysis} (columns: ${goal.needed_columns.join(', ') || 'none'})`,
    ...goal.questions.map((q) => `Question for you: ${q}`),
    '',
    'Next command (not run: check it, then run it yourself if you agree):',
    `  ${next.commandLine}`,
    `  modifies data: ${next.modifiesData ? 'YES' : 'no'}`,
    `  why: ${next.rationale}`,
  ].join('\n');
}
