import { PmError } from '@pm/envelope-schemas';

/** Replay found no recorded response for a request: never a live call instead. */
export class ReplayMissError extends PmError {
  /**
   * @param recorded How many outcomes (answers and failures) the recorded run has for this
   * request; when above 0, all of them were already replayed.
   */
  constructor(runDir: string, requestHash: string, recorded = 0) {
    super(
      'REPLAY_MISS',
      recorded === 0
        ? `The recorded run ${runDir} has no response for this request (request hash ${requestHash}). Replay answers only requests identical to recorded ones: same model, prompt, template, redaction and limits.`
        : `The recorded run ${runDir} made this request ${recorded} time(s) and every recorded outcome was already replayed (request hash ${requestHash}). Make the same calls as the recorded run, no more (each run replays the recording from its start).`,
      { details: { runDir, requestHash, recorded } },
    );
  }
}
