/**
 * For REQUEST authorizers of generated stacks (examples/ocpp/handlers/basic-auth.ts): what an authorizer must check
 * before it looks at credentials. The generator gives every authorizer `PATH_HEADER`, `IDENTITY_PATH_PATTERN` (with
 * `sessions.identity`) and `ORIGIN_SECRET_HEADER` (when only the edge may connect).
 *
 * - `fromEdge`: the handshake carries the edge's secret (compared with the `originSecrets` stage variable that API
 *   Gateway puts in the authorizer event). API Gateway already refuses one without the header (an identity source);
 *   a wrong value reaches the authorizer, which must deny it, or the authorizer answers password guesses that never
 *   passed the edge. Always true when the stack allows direct access.
 * - `identity`: the identity the path names, by the one matcher (handlers/lib/identity-path.ts). The authorizer must
 *   check that the credentials belong to it, and return it in its context under the pattern's placeholder name:
 *   that is what the session record stores.
 */
import { carriesEdgeSecret } from './edge-secret.ts';
import { headerValue } from './headers.ts';
import { identityMatcher, type IdentityMatch } from './identity-path.ts';

export interface AuthorizerRequestEvent {
  headers?: Record<string, string>;
  stageVariables?: Record<string, string> | null;
}

export interface ConnectRequest {
  fromEdge: boolean;
  /** undefined when the stack has no identity pattern. */
  identity: IdentityMatch | undefined;
}

/** Build once per container (it compiles the pattern), from the generated environment. */
export function connectRequestReader(
  environment: Record<string, string | undefined> = process.env,
): (event: AuthorizerRequestEvent) => ConnectRequest {
  const pathHeader = environment['PATH_HEADER'];
  const pattern = environment['IDENTITY_PATH_PATTERN'];
  const secretHeader = environment['ORIGIN_SECRET_HEADER'];
  if (pattern !== undefined && pathHeader === undefined)
    throw new Error(
      'IDENTITY_PATH_PATTERN is set but PATH_HEADER is not: deploy the function from the generated template',
    );
  const match = pattern === undefined ? undefined : identityMatcher(pattern);
  return (event) => ({
    fromEdge:
      secretHeader === undefined ||
      carriesEdgeSecret(event.headers, secretHeader, event.stageVariables?.['originSecrets']),
    identity: match === undefined ? undefined : match(headerValue(event.headers, pathHeader!) ?? ''),
  });
}
