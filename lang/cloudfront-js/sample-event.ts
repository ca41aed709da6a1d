import type { ViewerRequest, ViewerRequestEvent } from './types.ts';

/**
 * A viewer-request event for running a function outside CloudFront (the template check, tests): the distribution of
 * CloudFront's documentation examples, a documentation viewer address (RFC 5737), a GET with no query, headers or
 * cookies unless `request` gives them. The local edge builds its events from real requests (local/edge/viewer-event.ts).
 */
export function sampleViewerRequestEvent(
  request: Pick<ViewerRequest, 'uri'> & Partial<ViewerRequest>,
  requestId = 'sample',
): ViewerRequestEvent {
  return {
    version: '1.0',
    context: {
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      distributionId: 'EDFDVBD6EXAMPLE',
      eventType: 'viewer-request',
      requestId,
    },
    viewer: { ip: '198.51.100.11' },
    request: { method: 'GET', querystring: {}, headers: {}, cookies: {}, ...request },
  };
}
