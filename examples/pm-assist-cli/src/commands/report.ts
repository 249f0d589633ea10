import { draftNarrativeRequest, type LLMRun } from '@pm/llm-client';
import type { Disclosure } from '@pm/redact';
import type { Progress } from '../progress.js';
import type { NamedRequest } from './estimate.js';

export interface ReportInput {
  model: string;
  sections: readonly string[];
  disclosure: Disclosure;
}

/** What `pm-assist report --narrative` prints: one drafted text per section. */
export interface ReportResult {
  sections: { title: string; text: string }[];
  costUsd: number;
}

export function reportRequests(input: ReportInput): NamedRequest[] {
  return input.sections.map((section) => ({
    name: `draft "${section}"`,
    request: draftNarrativeRequest({ model: input.model, disclosure: input.disclosure, section }),
  }));
}

export async function runReport(
  run: LLMRun,
  input: ReportInput,
  step: Progress,
): Promise<ReportResult> {
  const result: ReportResult = { sections: [], costUsd: 0 };
  // One call per section, in order: a section that is refused stops the report there.
  for (const title of input.sections) {
    step(`Drafting "${title}"`);
    const drafted = await run.draftNarrative({
      model: input.model,
      disclosure: input.disclosure,
      section: title,
    });
    result.sections.push({ title, text: drafted.output });
    result.costUsd += drafted.costUsd;
  }
  return result;
}

export function formatReport(result: ReportResult): string {
  return result.sections.map((s) => `## ${s.title}\n\n${s.text}`).join('\n\n');
}
