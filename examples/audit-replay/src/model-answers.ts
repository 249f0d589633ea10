import type { Behaviour, RecordedRequest } from '@pm-examples/loopback-model';

/**
 * What the loopback stand-in for OpenAI answers: a schema-valid object for each of the
 * two structured moves (told apart by their response format's name) and a narrative.
 */
export function modelAnswer(request: RecordedRequest): Behaviour {
  const format = JSON.stringify(request.body?.response_format ?? '');
  if (format.includes('goal-interpretation')) {
    return {
      kind: 'complete',
      text: '{"restated_goal":"Explain why some invoices are paid much later than others","analysis":"performance","needed_columns":["case_id","activity","timestamp"],"questions":[]}',
      usage: { output_tokens: 41 },
    };
  }
  if (format.includes('next-command')) {
    return {
      kind: 'complete',
      text: '{"command":"pm-assist performance","args":["--top","10","--by","variant"],"rationale":"Compare case durations by variant to find the slow paths.","modifies_data":false,"requires_confirmation":true}',
      usage: { output_tokens: 57 },
    };
  }
  return {
    kind: 'complete',
    text: 'Most invoices are paid within four days; the slowest tenth wait on a second approval, which adds a median of nine days.',
    usage: { output_tokens: 29 },
  };
}
