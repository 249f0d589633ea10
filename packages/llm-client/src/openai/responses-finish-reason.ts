/**
 * A Responses API answer's end, in the words Chat Completions uses (`stop`, `length`,
 * `content_filter`), so a result and the ledger read the same whichever API answered: a
 * host that checks `finishReason === 'length'` for a cut answer must not also need to know
 * that the Responses API says `incomplete` with a reason beside it.
 */
export function responsesFinishReason(
  status: string | undefined,
  incompleteReason: string | undefined,
): string | undefined {
  if (status === 'completed') return 'stop';
  if (status === 'incomplete') {
    if (incompleteReason === 'max_output_tokens') return 'length';
    if (incompleteReason === 'content_filter') return 'content_filter';
  }
  return status;
}
