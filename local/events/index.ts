/** API Gateway WebSocket Lambda proxy events: pure builders, ID generators, header/query helpers. */
export { connectEvent, disconnectEvent, messageEvent } from './builders.ts';
export { isAwsStyleId, newConnectionId, newRequestId } from './ids.ts';
export { pairsFromQueryString, pairsFromRawHeaders } from './multi-value.ts';
export { EventInputError } from './validate.ts';
export type * from './types.ts';
