import { PmError } from '@pm/envelope-schemas';

/** An artifact named by a record (or asked for) is not in the run's store. */
export class ArtifactNotFoundError extends PmError {
  /** The missing artifact's reference. */
  readonly ref: string;

  constructor(ref: string, runDir: string, hint: string) {
    super('ARTIFACT_NOT_FOUND', `Artifact ${ref} is not in ${runDir}/artifacts. ${hint}`, {
      details: { ref, runDir },
    });
    this.ref = ref;
  }
}
