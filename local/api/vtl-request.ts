import type { VtlRequest } from '../../lang/vtl/index.ts';
import { formatRequestTime } from '../shared/request-time.ts';
import type { EventInput, EventType } from './types.ts';

/** `$context.eventType` per kind of request. */
export const CONTEXT_EVENT_TYPES: Record<EventType, string> = {
  connect: 'CONNECT',
  message: 'MESSAGE',
  disconnect: 'DISCONNECT',
};

/** `$context`, `$input.params()` and `$input.body` for a mapping template (docs/aws-behaviour.md#vtl-context, docs/aws-behaviour.md#vtl-input). */
export function buildVtlRequest(
  eventType: EventType,
  input: EventInput,
  stageVariables: Readonly<Record<string, string>> = {},
): VtlRequest {
  return {
    body: input.body ?? '',
    context: buildVtlContext(eventType, input),
    params: { path: {}, querystring: { ...input.query }, header: { ...input.headers } },
    stageVariables: { ...stageVariables },
  };
}

/**
 * `$context`'s plain fields, in AWS's order: the nested `$context` (below) and the access log's flat values
 * (access-values.ts) both start from these, so the list lives once. One object literal, so V8 makes it in one step.
 */
export function contextFields(eventType: EventType, input: EventInput): Record<string, string | number> {
  return {
    connectionId: input.connectionId,
    connectedAt: input.connectedAt,
    requestTimeEpoch: input.requestTimeEpoch,
    requestTime: formatRequestTime(input.requestTimeEpoch),
    requestId: input.requestId,
    extendedRequestId: input.requestId,
    eventType: CONTEXT_EVENT_TYPES[eventType],
    routeKey: input.routeKey,
    stage: input.stage,
    apiId: input.apiId,
    domainName: input.domainName,
  };
}

/** `$context` alone: what the access log reads too (access-values.ts), without copying the headers and query. */
export function buildVtlContext(eventType: EventType, input: EventInput): Record<string, unknown> {
  const identity: Record<string, string> = { sourceIp: input.sourceIp };
  if (input.userAgent !== undefined) identity['userAgent'] = input.userAgent;
  // Only for a `$connect` that required a key (and every later request of its connection): null otherwise on AWS.
  if (input.apiKey !== undefined) {
    identity['apiKey'] = input.apiKey.value;
    identity['apiKeyId'] = input.apiKey.id;
  }
  const context: Record<string, unknown> = contextFields(eventType, input);
  context['identity'] = identity;
  if (input.messageId !== undefined) context['messageId'] = input.messageId;
  // $context.authorizer.principalId / .<key>: the Lambda authorizer's output, every value a string.
  if (input.authorizer !== undefined) context['authorizer'] = { ...input.authorizer.values };
  return context;
}
