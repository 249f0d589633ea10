import { type ApprovalScope, PmError } from '@pm/envelope-schemas';

/** A gated call was not approved: denied by the approver, or no approver configured (fail closed). */
export class ApprovalDeniedError extends PmError {
  /** The scopes that needed approval. */
  readonly scopes: readonly ApprovalScope[];

  constructor(scopes: readonly ApprovalScope[], why: string) {
    super(
      'APPROVAL_DENIED',
      `This call needs approval (${scopes.join(', ')}) and was not approved: ${why}`,
      { details: { scopes } },
    );
    this.scopes = scopes;
  }
}
