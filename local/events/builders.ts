import { toMultiValueMaps } from './multi-value.ts';
import { toRequestContext } from './request-context.ts';
import type {
  ConnectEventInput,
  DisconnectEventInput,
  MessageEventInput,
  WebSocketConnectEvent,
  WebSocketDisconnectEvent,
  WebSocketMessageEvent,
} from './types.ts';
import { checkCommonInput } from './validate.ts';

/**
 * Pure builders of API Gateway WebSocket Lambda proxy events (docs/aws-behaviour.md#events): the same
 * input always gives the same event; IDs and clocks are the caller's (see `ids.ts`).
 */

/** `$connect`: the handshake headers; query maps only when the URL had a query string. */
export function connectEvent(input: ConnectEventInput): WebSocketConnectEvent {
  const check = checkCommonInput('connectEvent', input);
  check.pairs('headers');
  check.pairs('query');
  const headers = toMultiValueMaps(input.headers, true);
  const query = toMultiValueMaps(input.query, false);
  return {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    ...(input.query.length === 0
      ? {}
      : { queryStringParameters: query.single, multiValueQueryStringParameters: query.multi }),
    requestContext: toRequestContext(input, { eventType: 'CONNECT', routeKey: '$connect' }),
    isBase64Encoded: false,
  };
}

/** A frame on a message route: no headers, no query string; `body` is the frame's text. */
export function messageEvent(input: MessageEventInput): WebSocketMessageEvent {
  const check = checkCommonInput('messageEvent', input);
  check.nonEmptyString('routeKey');
  check.nonEmptyString('messageId');
  check.string('body');
  return {
    requestContext: toRequestContext(input, {
      eventType: 'MESSAGE',
      routeKey: input.routeKey,
      messageId: input.messageId,
    }),
    body: input.body,
    isBase64Encoded: input.isBase64Encoded ?? false,
  };
}

/**
 * `$disconnect`: not the handshake headers but the fixed odd set AWS sends (docs/aws-behaviour.md#events-disconnect):
 * `Host`, and empty `x-api-key`, `X-Forwarded-For`, `x-restapi`.
 */
export function disconnectEvent(input: DisconnectEventInput): WebSocketDisconnectEvent {
  const check = checkCommonInput('disconnectEvent', input);
  check.closeCode('disconnectStatusCode');
  check.string('disconnectReason');
  const headers = toMultiValueMaps(
    [
      ['Host', input.domainName],
      ['x-api-key', ''],
      ['X-Forwarded-For', ''],
      ['x-restapi', ''],
    ],
    true,
  );
  return {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    requestContext: toRequestContext(input, {
      eventType: 'DISCONNECT',
      routeKey: '$disconnect',
      disconnectStatusCode: input.disconnectStatusCode,
      disconnectReason: input.disconnectReason,
    }),
    isBase64Encoded: false,
  };
}
