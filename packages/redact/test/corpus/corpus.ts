import type { CorpusCase } from './case.js';
import { generateNegativeCases } from './generate-negatives.js';
import { generatePiiCases } from './generate-pii.js';
import { generateSecretCases } from './generate-secrets.js';
import { PUBLIC_CASES } from './public-cases.js';

/** The whole labelled corpus: generated (seeded) cases and public cases, each with its origin. */
export function loadCorpus(): CorpusCase[] {
  return [
    ...generatePiiCases(),
    ...generateSecretCases(),
    ...generateNegativeCases(),
    ...PUBLIC_CASES,
  ];
}
