import { authorizerRequestEvent, connectMethodArn } from './authorizer-event.ts';
import { describeSource, missingIdentitySources } from './authorizer-identity.ts';
import { readAuthorizerResult } from './authorizer-result.ts';
import { hasSigV4Signature } from './authorizer-sigv4.ts';
import type { GatewayContext } from './context.ts';
import type { HandshakeRequest } from './handshake.ts';
import { FORBIDDEN_BODY } from './http-reply.ts';
import type { ConnectionAuthorizer, EventInput, RouteAuthorization } from './types.ts';
import { withTimeout } from './with-timeout.ts';

/** Whether `$connect` authorization lets the handshake go on to the integration (docs/aws-behaviour.md#apigw-authorizers). */
export type AuthorizationDecision =
  | { accept: true; authorizer: ConnectionAuthorizer | undefined }
  | { accept: false; status: 401 | 403 | 500; body: string; reason: string; responseType: AuthorizerResponseType };

/** `$context.error.responseType` of each refusal, by REST's gateway response types (UNCONFIRMED for WebSocket APIs). */
export type AuthorizerResponseType =
  | 'UNAUTHORIZED'
  | 'ACCESS_DENIED'
  | 'AUTHORIZER_FAILURE'
  | 'AUTHORIZER_CONFIGURATION_ERROR';

const UNAUTHORIZED = { status: 401, body: '{"message":"Unauthorized"}', responseType: 'UNAUTHORIZED' } as const;
const FORBIDDEN = { status: 403, body: FORBIDDEN_BODY, responseType: 'ACCESS_DENIED' } as const;
/** UNCONFIRMED: what a crashing or malformed authorizer gives on AWS (serverless-offline answers 500). */
const INTERNAL_ERROR = {
  status: 500,
  body: '{"message":"Internal server error"}',
  responseType: 'AUTHORIZER_FAILURE',
} as const;

/**
 * Runs the `$connect` route's authorization. `input` is the `$connect` event input, so the
 * authorizer and the integration share one request id. Never throws. No result caching.
 */
export async function authorizeConnect(
  gateway: GatewayContext,
  authorization: RouteAuthorization,
  handshake: HandshakeRequest,
  input: EventInput,
): Promise<AuthorizationDecision> {
  switch (authorization.type) {
    case 'NONE':
      return { accept: true, authorizer: undefined };
    case 'AWS_IAM':
      return hasSigV4Signature(handshake)
        ? { accept: true, authorizer: undefined }
        : { accept: false, ...FORBIDDEN, reason: 'AWS_IAM: the upgrade request carries no complete SigV4 signature' };
    case 'CUSTOM':
      return runLambdaAuthorizer(gateway, authorization, handshake, input);
  }
}

async function runLambdaAuthorizer(
  gateway: GatewayContext,
  authorization: Extract<RouteAuthorization, { type: 'CUSTOM' }>,
  handshake: HandshakeRequest,
  input: EventInput,
): Promise<AuthorizationDecision> {
  const missing = missingIdentitySources(authorization.identitySources, handshake);
  if (missing.length > 0) {
    return {
      accept: false,
      ...UNAUTHORIZED,
      reason: `identity source missing or empty: ${missing.map(describeSource).join(', ')}`,
    };
  }
  const { options } = gateway;
  const methodArn = connectMethodArn(options.region, options.accountId, options.apiId, options.stage);
  const started = Date.now();
  const deadline = started + options.limits.integrationTimeoutMs;
  const call = gateway.backends.invokeLambda(
    authorization.functionArn,
    authorizerRequestEvent(input, methodArn, gateway.options.stageVariables),
    { deadline },
  );
  const timed = await withTimeout(
    call.catch((error: unknown) => ({ kind: 'thrown', error }) as const),
    gateway.integrationTimeouts.forDuration(options.limits.integrationTimeoutMs),
  );
  if (timed.timedOut || timed.value.kind === 'timeout')
    return { accept: false, ...INTERNAL_ERROR, reason: `authorizer ${authorization.functionArn} timed out` };
  const invoked = timed.value;
  if (invoked.kind === 'thrown')
    return {
      accept: false,
      ...INTERNAL_ERROR,
      reason: `authorizer ${authorization.functionArn} could not be invoked: ${String(invoked.error)}`,
    };
  if (invoked.kind === 'throttled' || invoked.kind === 'dropped') {
    const why =
      invoked.kind === 'throttled' ? 'was throttled (TooManyRequestsException)' : `was not run (${invoked.reason})`;
    return { accept: false, ...INTERNAL_ERROR, reason: `authorizer ${authorization.functionArn} ${why}` };
  }
  if (invoked.kind === 'error') {
    // The documented way to refuse: the authorizer fails with exactly the message "Unauthorized".
    if (invoked.errorMessage === 'Unauthorized')
      return { accept: false, ...UNAUTHORIZED, reason: 'the authorizer answered Unauthorized' };
    return {
      accept: false,
      ...INTERNAL_ERROR,
      reason: `authorizer ${authorization.functionArn} failed: ${invoked.errorType}: ${invoked.errorMessage}`,
    };
  }
  const verdict = readAuthorizerResult(invoked.result, methodArn);
  switch (verdict.kind) {
    case 'allow': {
      const authorizer = { values: verdict.values, integrationLatency: Date.now() - started };
      return {
        accept: true,
        authorizer:
          verdict.usageIdentifierKey === undefined
            ? authorizer
            : { ...authorizer, usageIdentifierKey: verdict.usageIdentifierKey },
      };
    }
    case 'deny':
      return { accept: false, ...FORBIDDEN, reason: verdict.reason };
    case 'malformed':
      return {
        accept: false,
        ...INTERNAL_ERROR,
        responseType: 'AUTHORIZER_CONFIGURATION_ERROR',
        reason: `malformed authorizer result: ${verdict.reason}`,
      };
  }
}
