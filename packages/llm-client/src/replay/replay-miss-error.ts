import { PmError } from '@pm/envelope-schemas';

/** Replay found no recorded response for a request: never a live call instead. */
export class ReplayMissError extends PmError {
  constructor(runDir: string, requestHash: string) {
    super(
      'REPLAY_MISS',
      `The recorded run ${runDir} has no response for this request (request hash ${requestHash}). Replay answers only requests identical to recorded ones: same model, prompt, template, redaction and limits.`,
      { details: { runDir, requestHash } },
    );
  }
}
