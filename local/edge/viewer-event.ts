/** Builds the viewer-request event CloudFront hands a function from the viewer's HTTP request. */
import type { IncomingMessage } from 'node:http';
import { isDisallowedHeader, type ViewerRequestEvent } from '../../lang/cloudfront-js/index.ts';
import { lowerCaseHeaderPairs, pairsToValueMap, parseCookieHeaders, parseQueryString } from './value-maps.ts';

export interface EventContext {
  distributionDomainName: string;
  distributionId: string;
  requestId: string;
}

export function viewerIpOf(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

export function buildViewerRequestEvent(request: IncomingMessage, context: EventContext): ViewerRequestEvent {
  const target = request.url ?? '/';
  const questionMark = target.indexOf('?');
  const uri = questionMark < 0 ? target : target.slice(0, questionMark);
  const query = questionMark < 0 ? '' : target.slice(questionMark + 1);
  const headerPairs = lowerCaseHeaderPairs(request.rawHeaders);
  // Cookies live in `cookies`, never in `headers`; disallowed headers are invisible to the function.
  const cookieValues = headerPairs.filter(([name]) => name === 'cookie').map(([, value]) => value);
  const visibleHeaders = headerPairs.filter(([name]) => name !== 'cookie' && !isDisallowedHeader(name));
  return {
    version: '1.0',
    context: { ...context, eventType: 'viewer-request' },
    viewer: { ip: viewerIpOf(request) },
    request: {
      method: request.method ?? 'GET',
      uri: uri.startsWith('/') ? uri : `/${uri}`,
      querystring: pairsToValueMap(parseQueryString(query)),
      headers: pairsToValueMap(visibleHeaders),
      cookies: pairsToValueMap(parseCookieHeaders(cookieValues)),
    },
  };
}
