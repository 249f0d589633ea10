import { PmError } from '@pm/envelope-schemas';

/** Why a request was refused before any connection was made. */
export type EgressDenialReason =
  | 'host_not_listed'
  | 'redirect_not_listed'
  | 'userinfo_in_url'
  | 'bad_url'
  | 'too_many_redirects'
  /** Node would send the request through an environment proxy that is not listed. */
  | 'proxy_not_listed';

/** A request to a host outside the egress allowlist was refused before any socket opened. */
export class EgressDeniedError extends PmError {
  /** The refused origin (scheme, host, port): never the path, query or credentials. */
  readonly origin: string;
  readonly reason: EgressDenialReason;

  constructor(origin: string, reason: EgressDenialReason, allowed: readonly string[]) {
    const why: Record<EgressDenialReason, string> = {
      host_not_listed: 'it is not on the egress allowlist',
      redirect_not_listed: 'a redirect pointed there and it is not on the egress allowlist',
      userinfo_in_url: 'the URL carries a user name or password',
      bad_url: 'the URL could not be parsed',
      too_many_redirects: 'the redirect chain was too long',
      proxy_not_listed:
        'Node sends requests through this proxy (NODE_USE_ENV_PROXY or --use-env-proxy with HTTP(S)_PROXY) and it is not on the egress allowlist',
    };
    super(
      'EGRESS_DENIED',
      `Refused a request to ${origin}: ${why[reason]}. Allowed: ${allowed.join(', ') || '(none)'}. ` +
        'If this endpoint should be reachable, add its origin to the egress allowlist.',
      { details: { origin, reason } },
    );
    this.origin = origin;
    this.reason = reason;
  }
}
