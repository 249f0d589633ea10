import { PmError } from '@pm/envelope-schemas/core';

/**
 * An artifact named by a record (or asked for) is not in the run's store: nothing is at
 * its address, or (`damaged`) a file is there that does not hold the content the address
 * names, such as the empty leftover of a writer that crashed.
 */
export class ArtifactNotFoundError extends PmError {
  /** The missing artifact's reference. */
  readonly ref: string;

  constructor(ref: string, runDir: string, hint: string, found: 'missing' | 'damaged' = 'missing') {
    super(
      'ARTIFACT_NOT_FOUND',
      found === 'missing'
        ? `Artifact ${ref} is not in ${runDir}/artifacts. ${hint}`
        : `Artifact ${ref} in ${runDir}/artifacts is damaged: the file at its address does not hold the content the address names (a leftover of a writer that crashed?), or cannot be read. ${hint}`,
      { details: { ref, runDir, found } },
    );
    this.ref = ref;
  }
}
