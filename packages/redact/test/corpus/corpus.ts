import type { CorpusCase } from './case.js';
import { generateGenericPositives } from './generate-generic-positives.js';
import { generateNegativeCases } from './generate-negatives.js';
import { generatePiiCases } from './generate-pii.js';
import { generateSecretCases } from './generate-secrets.js';
import { PUBLIC_CASES } from './public-cases.js';
import { REPOSITORY_NEGATIVES } from './repository-negatives.js';

/** The whole labelled corpus: generated (seeded) cases and public cases, each with its origin. */
export function loadCorpus(): CorpusCase[] {
  return [
    ...generatePiiCases(),
    ...generateSecretCases(),
    ...generateGenericPositives(),
    ...generateNegativeCases(),
    ...REPOSITORY_NEGATIVES,
    ...PUBLIC_CASES,
  ];
}
