import { prepareArtifact } from './artifact-content.js';
import {
  ARTIFACT_REF_LENGTH,
  type ArtifactRef,
  artifactPath,
  artifactRefOf,
  fsyncStoredArtifact,
  parseArtifactRef,
  storeArtifactBytes,
  storedArtifactState,
} from './artifact-store.js';
import type { DurabilityMode } from './durability.js';
import { ArtifactNotFoundError } from './errors/artifact-not-found-error.js';
import { sha256Hex } from './hash-chain.js';
import type { PendingArtifacts } from './pending-artifacts.js';

/**
 * The artifacts of a run as its writer sees them: stores content, checks the refs a record
 * names, and makes each durable as the durability mode says (at once for `strict`, queued
 * for the ledger's next flush otherwise). Each ref is looked at once per writer.
 */
export class RunArtifacts {
  /**
   * Artifacts this writer stored, or found stored and checked (hash) when a record first
   * named them, and made durable or queued to be: no second look, for `putArtifact` or
   * for records naming them.
   */
  private readonly storedArtifacts = new Set<string>();

  constructor(
    private readonly runDir: string,
    private readonly pendingArtifacts: PendingArtifacts,
    private readonly mode: DurabilityMode,
  ) {}

  /** Stores content (secrets scrubbed first) and returns its address; see `Ledger.putArtifact`. */
  store(content: string | Uint8Array): ArtifactRef {
    const prepared = prepareArtifact(content);
    // strict: durable now. batch: durable with the next group commit (its fsync starts in
    // the background now). none: at the next flush/close, like its records.
    const mode = this.mode;
    const hex = sha256Hex(prepared.bytes);
    const ref = artifactRefOf(hex);
    // Stored by this writer already: complete, and durable or queued to be.
    if (this.storedArtifacts.has(ref)) return ref;
    const stored = storeArtifactBytes(this.runDir, prepared.bytes, mode === 'strict', hex);
    // Content found already stored is queued too: it may be the unsynced leftover of a
    // writer that crashed before its group commit.
    if (mode !== 'strict') this.pendingArtifacts.add(stored.path, mode === 'batch');
    this.storedArtifacts.add(stored.ref);
    return stored.ref;
  }

  /**
   * Checks every artifact ref among `strings` names a stored artifact, and takes them out
   * of `strings`: a ref's hex is the address of content this run stored (and scanned), so
   * the secret scan has nothing to find in it, and every response names a new one.
   *
   * @throws ArtifactNotFoundError for a ref to content the store does not hold.
   */
  takeArtifactRefs(strings: string[]): void {
    let kept = 0;
    for (let i = 0; i < strings.length; i++) {
      const s = strings[i]!;
      if (s.length === ARTIFACT_REF_LENGTH && s.startsWith('artifact://') && this.isStored(s)) {
        continue;
      }
      strings[kept++] = s;
    }
    strings.length = kept;
  }

  /**
   * True for a ref to a stored artifact, false for text that is not a ref; throws when
   * the artifact is missing or damaged. A ref this writer did not store is checked as
   * `putArtifact` checks content already at its address (the file must hash to it: a
   * writer that crashed can leave an empty or torn file there) and made durable as the
   * mode says, since the record about to name it may become durable first. Once per ref.
   */
  private isStored(ref: string): boolean {
    if (this.storedArtifacts.has(ref)) return true;
    const hex = parseArtifactRef(ref);
    if (hex === null) return false; // Not an artifact ref: the schema decides if it may be there.
    const state = storedArtifactState(this.runDir, hex);
    if (state !== 'intact') {
      const hint =
        state === 'missing'
          ? 'Store it with ledger.putArtifact() (and await it) before appending a record that names it.'
          : 'Store its content again with ledger.putArtifact() (and await it: the damaged file is replaced) before appending a record that names it.';
      throw new ArtifactNotFoundError(ref, this.runDir, hint, state);
    }
    const path = artifactPath(this.runDir, hex);
    const mode = this.mode;
    if (mode === 'strict') fsyncStoredArtifact(this.runDir, path);
    else this.pendingArtifacts.add(path, mode === 'batch');
    this.storedArtifacts.add(ref);
    return true;
  }
}
