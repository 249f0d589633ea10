import { isSameModel } from '@pm/budget';

/**
 * The model that answered when it is another than the one asked for, else undefined. A dated
 * snapshot of the model asked for is the same model (OpenAI answers `gpt-4o-mini` as
 * `gpt-4o-mini-2024-07-18`), by the rule the price table prices snapshots with, so real
 * answers stay silent; anything else (a gateway routing to `o1`) is priced, said and checked
 * against the policy (decision 0032).
 */
export function otherAnsweredModel(asked: string, answered: string): string | undefined {
  return isSameModel(asked, answered) ? undefined : answered;
}
