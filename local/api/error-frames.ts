/**
 * The error frames API Gateway sends on an open socket, byte for byte as observed
 * (docs/aws-behaviour.md#apigw-error-frames): one space after the first colon only.
 */
export function internalServerErrorFrame(connectionId: string, requestId: string): string {
  return `{"message": "Internal server error", "connectionId":${JSON.stringify(connectionId)}, "requestId":${JSON.stringify(requestId)}}`;
}

/** A message a route's model refused (docs/aws-behaviour.md#apigw-request-validation); the same shape, UNCONFIRMED text. */
export function badRequestBodyFrame(connectionId: string, requestId: string): string {
  return `{"message": "Bad request body", "connectionId":${JSON.stringify(connectionId)}, "requestId":${JSON.stringify(requestId)}}`;
}

export function forbiddenFrame(connectionId: string, requestId: string): string {
  return `{"message": "Forbidden", "connectionId":${JSON.stringify(connectionId)}, "requestId":${JSON.stringify(requestId)}}`;
}

/** A message over its route's throttle (docs/aws-behaviour.md#apigw-throttling); the same shape, UNCONFIRMED text. */
export function tooManyRequestsFrame(connectionId: string, requestId: string): string {
  return `{"message": "Too Many Requests", "connectionId":${JSON.stringify(connectionId)}, "requestId":${JSON.stringify(requestId)}}`;
}
