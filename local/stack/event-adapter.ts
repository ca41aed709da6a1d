import type { EventInput, EventType } from '../api/index.ts';
import { connectEvent, disconnectEvent, messageEvent, type ConnectionFacts, type RequestFacts } from '../events/index.ts';

/** The gateway's event facts → Lambda proxy events shaped like captured AWS events. */
export function lambdaEventBuilders(): Record<EventType, (input: EventInput) => unknown> {
  // Assignments rather than conditional spreads: this runs for every message.
  const facts = (input: EventInput): ConnectionFacts & RequestFacts => {
    const common: ConnectionFacts & RequestFacts = {
      connectionId: input.connectionId, connectedAt: input.connectedAt, stage: input.stage, apiId: input.apiId,
      domainName: input.domainName, sourceIp: input.sourceIp, requestId: input.requestId, requestTimeEpoch: input.requestTimeEpoch,
    };
    if (input.userAgent !== undefined) common.userAgent = input.userAgent;
    // `{principalId, ...context, integrationLatency}` (semantics doc §8.1).
    if (input.authorizer !== undefined) common.authorizer = { ...input.authorizer.values, integrationLatency: input.authorizer.integrationLatency };
    return common;
  };
  const pairs = (multi: Record<string, string[]>) => Object.entries(multi).flatMap(([name, values]) => values.map((value) => [name, value] as const));
  return {
    connect: (input) => connectEvent({ ...facts(input), headers: pairs(input.multiValueHeaders), query: pairs(input.multiValueQuery) }),
    message: (input) => messageEvent({ ...facts(input), routeKey: input.routeKey, messageId: input.messageId ?? input.requestId, body: input.body ?? '' }),
    disconnect: (input) => disconnectEvent({ ...facts(input), disconnectStatusCode: input.disconnectStatusCode ?? 1005, disconnectReason: input.disconnectReason ?? '' }),
  };
}
