/** API Gateway WebSocket Lambda proxy events: pure builders, ID generators, header/query helpers. */
export { connectEvent, disconnectEvent, messageEvent } from './builders.ts';
export { isAwsStyleId, newConnectionId, newRequestId } from './ids.ts';
export { pairsFromQueryString, pairsFromRawHeaders, toMultiValueMaps } from './multi-value.ts';
export { toRequestContext } from './request-context.ts';
export type { RequestContextSpecifics } from './request-context.ts';
export { formatRequestTime } from '../shared/request-time.ts';
export { EventInputError } from './validate.ts';
export type * from './types.ts';
