import type { HandshakeRequest } from './handshake.ts';
import type { AuthorizerIdentitySource } from './types.ts';

/**
 * The identity sources the handshake lacks (absent or empty): API Gateway answers 401 without
 * calling the authorizer when any is missing (docs/aws-behaviour.md#apigw-authorizers). Header names are
 * case-insensitive (HTTP); query string names are exact.
 */
export function missingIdentitySources(
  sources: readonly AuthorizerIdentitySource[],
  handshake: HandshakeRequest,
): AuthorizerIdentitySource[] {
  return sources.filter((source) => !hasValue(source, handshake));
}

function hasValue(source: AuthorizerIdentitySource, handshake: HandshakeRequest): boolean {
  if (source.from === 'querystring')
    return (handshake.multiValueQuery[source.name] ?? []).some((value) => value !== '');
  const wanted = source.name.toLowerCase();
  return Object.entries(handshake.multiValueHeaders).some(
    ([name, values]) => name.toLowerCase() === wanted && values.some((value) => value.trim() !== ''),
  );
}

export function describeSource(source: AuthorizerIdentitySource): string {
  return `route.request.${source.from}.${source.name}`;
}
