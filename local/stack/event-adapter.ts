import type { EventInput, EventType } from '../api/index.ts';
import {
  connectEvent,
  disconnectEvent,
  messageEvent,
  type ConnectionFacts,
  type RequestFacts,
} from '../events/index.ts';

/**
 * The facts every event carries, built by assignment: this runs for every message, and spreading an object
 * whose keys were added conditionally took V8's slow path (about 7 µs a message, measured).
 */
function eventFacts(input: EventInput): ConnectionFacts & RequestFacts {
  const facts: ConnectionFacts & RequestFacts = {
    connectionId: input.connectionId,
    connectedAt: input.connectedAt,
    stage: input.stage,
    apiId: input.apiId,
    domainName: input.domainName,
    sourceIp: input.sourceIp,
    requestId: input.requestId,
    requestTimeEpoch: input.requestTimeEpoch,
  };
  if (input.userAgent !== undefined) facts.userAgent = input.userAgent;
  // `{principalId, ...context, integrationLatency}` (docs/aws-behaviour.md#apigw-authorizers).
  if (input.authorizer !== undefined)
    facts.authorizer = { ...input.authorizer.values, integrationLatency: input.authorizer.integrationLatency };
  if (input.apiKey !== undefined) facts.apiKey = input.apiKey;
  return facts;
}

const pairs = (multi: Record<string, string[]>) =>
  Object.entries(multi).flatMap(([name, values]) => values.map((value) => [name, value] as const));

/**
 * The gateway's event facts → Lambda proxy events shaped like captured AWS events. A stage with `StageVariables`
 * adds them as `stageVariables` to every event (the captured events, of stages without variables, have no such key;
 * AWS's WebSocket event types carry it: aws-lambda-java-events `APIGatewayV2WebSocketEvent`).
 */
export function lambdaEventBuilders(
  stageVariables: Readonly<Record<string, string>> = {},
): Record<EventType, (input: EventInput) => unknown> {
  const builders = plainEventBuilders();
  if (Object.keys(stageVariables).length === 0) return builders;
  const withVariables = (build: (input: EventInput) => unknown) => (input: EventInput) =>
    Object.assign(build(input) as Record<string, unknown>, { stageVariables: { ...stageVariables } });
  return {
    connect: withVariables(builders.connect),
    message: withVariables(builders.message),
    disconnect: withVariables(builders.disconnect),
  };
}

function plainEventBuilders(): Record<EventType, (input: EventInput) => unknown> {
  return {
    connect: (input) =>
      connectEvent(
        Object.assign(eventFacts(input), {
          headers: pairs(input.multiValueHeaders),
          query: pairs(input.multiValueQuery),
        }),
      ),
    message: (input) =>
      messageEvent(
        Object.assign(eventFacts(input), {
          routeKey: input.routeKey,
          messageId: input.messageId ?? input.requestId,
          body: input.body ?? '',
        }),
      ),
    disconnect: (input) =>
      disconnectEvent(
        Object.assign(eventFacts(input), {
          disconnectStatusCode: input.disconnectStatusCode ?? 1005,
          disconnectReason: input.disconnectReason ?? '',
        }),
      ),
  };
}
