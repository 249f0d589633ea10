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

/**
 * What to do about a refusal, by its reason: listing the origin is the remedy only for an
 * origin that is not listed; a redirect loop to a listed one was told to list it again.
 */
const REMEDY: Record<EgressDenialReason, string> = {
  host_not_listed: 'If this endpoint should be reachable, add its origin to the egress allowlist.',
  redirect_not_listed:
    'If this endpoint should be reachable, add its origin to the egress allowlist.',
  proxy_not_listed: 'If this proxy should be used, add its origin to the egress allowlist.',
  userinfo_in_url:
    "Remove the user name and password from the URL: a key goes in the provider's apiKey.",
  bad_url: 'Check the provider baseURL, or the Location of the redirect the server sent.',
  too_many_redirects:
    'The server redirects in a loop or more often than allowed: check the provider baseURL and where the server redirects.',
};

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
      `Refused a request to ${origin}: ${why[reason]}. Allowed: ${allowed.join(', ') || '(none)'}. ${REMEDY[reason]}`,
      { details: { origin, reason } },
    );
    this.origin = origin;
    this.reason = reason;
  }
}
