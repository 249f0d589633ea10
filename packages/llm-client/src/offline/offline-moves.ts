import type { Disclosure } from '@pm/redact';
import type { GoalInterpretationV1, NextCommandV1 } from '../moves/move-schemas.js';
import type { ProviderCallRequest } from '../provider/provider.js';
import { durationText } from './duration-text.js';

type Analysis = GoalInterpretationV1['analysis'];

// Keyword rules, checked in order: the first that matches names the analysis.
const ANALYSIS_RULES: readonly [RegExp, Analysis][] = [
  [
    /bottleneck|slow|delay|wait|duration|longer|lead ?time|cycle ?time|throughput|sla|fast/i,
    'performance',
  ],
  [/variant|path|route|rework|loop|repeat/i, 'variants'],
  [/conform|complian|deviat|rule|audit/i, 'conformance'],
  [/missing|quality|clean|invalid|duplicate/i, 'data-quality'],
  [/discover|map|model|overview|understand|process/i, 'discovery'],
];

const COMMANDS: Readonly<Record<Analysis, { command: string; args: string[] }>> = {
  discovery: { command: 'pm-assist discover', args: ['--output', 'process-map.html'] },
  performance: { command: 'pm-assist performance', args: ['--top', '10'] },
  variants: { command: 'pm-assist variants', args: ['--top', '10'] },
  conformance: { command: 'pm-assist conformance', args: ['--report', 'conformance.md'] },
  'data-quality': { command: 'pm-assist profile', args: ['--missing'] },
  other: { command: 'pm-assist summary', args: [] },
};

function analysisOf(goal: string): Analysis {
  return ANALYSIS_RULES.find(([pattern]) => pattern.test(goal))?.[1] ?? 'other';
}

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

function interpretGoal(goal: string, data: Partial<Disclosure>): GoalInterpretationV1 {
  const analysis = analysisOf(goal);
  const columns = (data.schema ?? []).map((c) => c.name);
  return {
    restated_goal:
      analysis === 'other'
        ? `Summarise the event log to answer: ${goal.trim()}`
        : `Run a ${analysis} analysis of the event log to answer: ${goal.trim()}`,
    analysis,
    needed_columns: columns.slice(0, 6),
    questions:
      (data.level ?? 0) < 3
        ? ['Which columns hold the case id, the activity and the timestamp?']
        : analysis === 'other'
          ? ['Which question about the process should the analysis answer?']
          : [],
  };
}

function facts(data: Partial<Disclosure>): string[] {
  const out: string[] = [];
  const log = data.shape?.eventLog;
  if (log) {
    const range = log.timeRange
      ? `, from ${log.timeRange.start.slice(0, 10)} to ${log.timeRange.end.slice(0, 10)}`
      : '';
    out.push(
      `The event log holds ${log.events} events across ${log.cases} cases and ${log.activities} activities${range}.`,
    );
  } else if (data.shape) {
    out.push(`The table has ${data.shape.rows} rows and ${data.shape.columns} columns.`);
  }
  const top = data.frequencies?.activities.top[0];
  if (top) out.push(`The most frequent activity is "${top.value}" (${pct(top.share)} of events).`);
  const variants = data.frequencies?.variants;
  if (variants?.top[0]) {
    out.push(
      `The most common variant covers ${pct(variants.top[0].share)} of cases; the ${variants.top.length} most common together cover ${pct(
        variants.top.reduce((sum, v) => sum + v.share, 0),
      )}.`,
    );
  }
  const perf = data.performance;
  // An empty log, or one without a valid time, has no durations: NaN, or null once the
  // disclosure has been through JSON. Said so, not as "NaN days" or "0 days".
  if (perf && !Number.isFinite(perf.caseDurationMs.median)) {
    out.push('No case has a measurable duration (the log has no case with valid times).');
  } else if (perf) {
    out.push(
      `The median case takes ${durationText(perf.caseDurationMs.median)} (95th percentile ${durationText(perf.caseDurationMs.p95)}), and about ${
        Math.round(perf.throughputPerDay.cases * 10) / 10
      } cases complete per day.`,
    );
  }
  return out;
}

function recommend(goal: string, data: Partial<Disclosure>): NextCommandV1 {
  const analysis = (data.level ?? 0) < 3 ? 'discovery' : analysisOf(goal);
  const { command, args } = COMMANDS[analysis];
  const basis = facts(data);
  return {
    command,
    args,
    rationale:
      `${analysis === 'other' ? 'A summary first' : `A ${analysis} analysis`} fits the goal. ${basis.join(' ')}`.trim(),
    modifies_data: false,
    requires_confirmation: true,
  };
}

function narrative(section: string, data: Partial<Disclosure>): string {
  const lines = facts(data);
  if (lines.length === 0) return `${section.trim()}: no aggregates were available to draft from.`;
  return `${lines.join(' ')}\n\nThese figures were computed locally; this section was drafted offline from them, without a model.`;
}

/**
 * Offline answers for the three agent moves (spec 000 §3), rendered from the same
 * aggregates the prompt carries. Returns undefined for other requests.
 */
export function offlineMoveOutput(request: ProviderCallRequest): unknown {
  const goal = String(request.context?.goal ?? '');
  const data = (request.context?.data ?? {}) as Partial<Disclosure>;
  switch (request.template?.id) {
    case 'interpret-goal':
      return interpretGoal(goal, data);
    case 'recommend-next-command':
      return recommend(goal, data);
    case 'draft-narrative':
      return narrative(goal, data);
    default:
      return undefined;
  }
}
