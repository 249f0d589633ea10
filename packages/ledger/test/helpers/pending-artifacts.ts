import type { Ledger } from '../../src/index.js';
import type { PendingArtifacts } from '../../src/pending-artifacts.js';

/**
 * The artifacts a ledger has stored but not yet fsynced: fsync is not observable from
 * outside the process, so durability tests look at the writer's own list.
 */
export function pendingArtifactsOf(ledger: Ledger): PendingArtifacts {
  return (ledger as unknown as { writer: { pendingArtifacts: PendingArtifacts } }).writer
    .pendingArtifacts;
}
