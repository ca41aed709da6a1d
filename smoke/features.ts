/**
 * Connect features a stack declares in its outputs (subprotocols, authorization, identity from the
 * path), and how a smoke client connects to such a stack: the right path, credentials, protocol.
 */
import type { ConnectOptions } from './client.ts';
import { edgeUrl, type StackOutputs } from './outputs.ts';
import type { SmokeSettings } from './settings.ts';

/** Stacks with any of these cannot run the sample's steps (anonymous echo on any path). */
export function declaresConnectFeatures(outputs: StackOutputs): boolean {
  return (
    outputs.Subprotocols !== undefined ||
    outputs.Authorization !== undefined ||
    outputs.IdentityPathPattern !== undefined
  );
}

/** What the settings must supply for the declared features; each problem names its setting. */
export function missingSettings(outputs: StackOutputs, settings: SmokeSettings): string[] {
  const problems: string[] = [];
  if (outputs.Authorization === 'REQUEST' && settings.authorization === undefined) {
    problems.push(
      'the stack authorizes $connect (Authorization = REQUEST): set SMOKE_AUTHORIZATION to a valid Authorization header value',
    );
  }
  if (outputs.Authorization === 'AWS_IAM') {
    problems.push('the stack authorizes $connect with AWS_IAM: the smoke suite does not sign handshakes yet');
  }
  if (outputs.IdentityPathPattern !== undefined && settings.identity === undefined) {
    problems.push(
      `the stack names connections by path (${outputs.IdentityPathPattern}): pass --identity with the identity the credentials belong to`,
    );
  }
  return problems;
}

/** The viewer path of `identity` under the stack's pattern. */
export function identityPath(outputs: StackOutputs, identity: string): string {
  if (outputs.IdentityPathPattern === undefined) throw new Error('the stack declares no IdentityPathPattern');
  return outputs.IdentityPathPattern.replace(/\{[^}]*\}/, encodeURIComponent(identity));
}

/** The attribute the identity is stored in: the pattern's placeholder name. */
export function identityAttribute(outputs: StackOutputs): string {
  const match = /\{([^}]*)\}/.exec(outputs.IdentityPathPattern ?? '');
  if (!match) throw new Error('the stack declares no IdentityPathPattern');
  return match[1]!;
}

/**
 * Where a client that needs no particular path connects for steps about the API itself: the stage, unless the stack
 * lets only the edge in (DirectAccess = refused).
 */
export function plainClientUrl(outputs: StackOutputs): string {
  return outputs.DirectAccess === 'refused' ? edgeUrl(outputs) : outputs.APIEndpoint;
}

/** URL and options of a well-behaved client of this stack, through the edge. */
export function featureClient(
  outputs: StackOutputs,
  settings: SmokeSettings,
  overrides: { protocols?: string[]; authorization?: string | null } = {},
): { url: string; options: ConnectOptions } {
  const path =
    outputs.IdentityPathPattern !== undefined && settings.identity !== undefined
      ? identityPath(outputs, settings.identity)
      : '/';
  const authorization =
    overrides.authorization === undefined ? settings.authorization : (overrides.authorization ?? undefined);
  const protocols = overrides.protocols ?? (outputs.Subprotocols ? [outputs.Subprotocols[0]!] : undefined);
  return {
    url: `${edgeUrl(outputs).replace(/\/$/, '')}${path}`,
    options: {
      ...(authorization !== undefined ? { headers: { Authorization: authorization } } : {}),
      ...(protocols !== undefined ? { protocols } : {}),
    },
  };
}
