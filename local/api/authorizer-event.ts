import { formatRequestTime } from '../shared/request-time.ts';
import type { EventInput } from './types.ts';

/**
 * The REQUEST authorizer event for `$connect`, key for key as in the captured event
 * (powertools `apiGatewayAuthorizerWebSocketEvent.json`; docs/aws-behaviour.md#apigw-authorizers): empty query
 * maps and `stageVariables` are `{}`, not omitted (the stage's variables when it has some). That capture also leaves
 * `Sec-WebSocket-Key` out of the single-value `headers` (it stays in `multiValueHeaders`).
 */
export function authorizerRequestEvent(
  input: EventInput,
  methodArn: string,
  stageVariables: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const identity =
    input.userAgent === undefined
      ? { sourceIp: input.sourceIp }
      : { userAgent: input.userAgent, sourceIp: input.sourceIp };
  return {
    type: 'REQUEST',
    methodArn,
    headers: Object.fromEntries(
      Object.entries(input.headers).filter(([name]) => name.toLowerCase() !== 'sec-websocket-key'),
    ),
    multiValueHeaders: input.multiValueHeaders,
    queryStringParameters: input.query,
    multiValueQueryStringParameters: input.multiValueQuery,
    stageVariables: { ...stageVariables },
    requestContext: {
      routeKey: '$connect',
      eventType: 'CONNECT',
      extendedRequestId: input.requestId,
      requestTime: formatRequestTime(input.requestTimeEpoch),
      messageDirection: 'IN',
      stage: input.stage,
      connectedAt: input.connectedAt,
      requestTimeEpoch: input.requestTimeEpoch,
      identity,
      requestId: input.requestId,
      domainName: input.domainName,
      connectionId: input.connectionId,
      apiId: input.apiId,
    },
  };
}

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect` (no HTTP verb on WebSocket APIs). */
export function connectMethodArn(region: string, accountId: string, apiId: string, stage: string): string {
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/$connect`;
}
