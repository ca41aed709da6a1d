/**
 * Header restrictions of CloudFront edge functions (CloudFront Developer Guide, "Restrictions on edge functions").
 * Disallowed headers are not shown to the function and may not be added; read-only ones are shown but may not change.
 * Violating either makes CloudFront answer the viewer with 502.
 */

const DISALLOWED_EXACT = new Set([
  'connection',
  'expect',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'trailer',
  'upgrade',
  'x-accel-buffering',
  'x-accel-charset',
  'x-accel-limit-rate',
  'x-accel-redirect',
  'x-amzn-auth',
  'x-amzn-cf-billing',
  'x-amzn-cf-id',
  'x-amzn-cf-xff',
  'x-amzn-errortype',
  'x-amzn-fle-profile',
  'x-amzn-header-count',
  'x-amzn-header-order',
  'x-amzn-lambda-integration-tag',
  'x-amzn-requestid',
  'x-cache',
  'x-forwarded-proto',
  'x-real-ip',
]);

const DISALLOWED_PREFIXES = ['x-amz-cf-', 'x-edge-'];

/** Read-only in a viewer-request function. */
export const VIEWER_REQUEST_READ_ONLY_HEADERS: readonly string[] = [
  'content-length',
  'host',
  'transfer-encoding',
  'via',
];

export function isDisallowedHeader(lowerCaseName: string): boolean {
  return DISALLOWED_EXACT.has(lowerCaseName) || DISALLOWED_PREFIXES.some((prefix) => lowerCaseName.startsWith(prefix));
}
