/**
 * What CloudFront sends to the origin: only what the origin request policy forwards, plus the headers
 * CloudFront always adds, plus the WebSocket handshake headers the upgrade itself needs.
 */
import type { ViewerRequest } from '../../lang/cloudfront-js/index.ts';
import type { OriginRequestPolicyConfig } from './types.ts';
import {
  type NameValuePairs,
  parseQueryString,
  serializeCookies,
  serializeQueryString,
  valueMapToPairs,
} from './value-maps.ts';

export interface OriginRequestInput {
  /** The request after the viewer-request function. */
  request: ViewerRequest;
  viewerIp: string;
  /** Viewer's source port, for the `CloudFront-Viewer-Address` header. */
  viewerPort?: number;
  requestId: string;
  distributionDomainName: string;
  policy: OriginRequestPolicyConfig;
  /** Viewer scheme, for the `CloudFront-Forwarded-Proto` header. */
  viewerProtocol?: 'http' | 'https';
  /** Present for WebSocket upgrades: the viewer's key and version (as sent; absent ones stay absent), passed on so the origin's accept matches. */
  websocketHandshake?: { key: string | undefined; version: string | undefined };
}

export interface OriginRequestParts {
  /** Header name (as spelled on the wire) → value(s). */
  headers: Record<string, string | string[]>;
  /** Without the leading `?`; empty when nothing is forwarded. */
  queryString: string;
}

/** CloudFront re-capitalises each hyphen-separated word on the way to the origin: `ws-uri` → `Ws-Uri`. */
export function recapitalizeHeaderName(name: string): string {
  return name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('-');
}

export function computeOriginRequest(input: OriginRequestInput): OriginRequestParts {
  const headers: Record<string, string | string[]> = {};
  const add = (name: string, value: string): void => {
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  };
  const viewerHeaders = valueMapToPairs(input.request.headers);
  const forwarded = forwardedHeaders(viewerHeaders, input);
  for (const [name, value] of forwarded.pairs) add(name, value);

  if (!forwarded.lowerNames.has('user-agent')) add('User-Agent', 'Amazon CloudFront');
  const viewerXff = viewerHeaders.filter(([name]) => name === 'x-forwarded-for').map(([, value]) => value);
  add('X-Forwarded-For', [...viewerXff, input.viewerIp].join(', '));
  add('Via', `1.1 ${input.distributionDomainName} (CloudFront)`);
  add('X-Amz-Cf-Id', input.requestId);
  const cookies = selectByBehavior(
    valueMapToPairs(input.request.cookies),
    input.policy.CookiesConfig.CookieBehavior,
    input.policy.CookiesConfig.Cookies ?? [],
  );
  if (cookies.length > 0) add('Cookie', serializeCookies(cookies));
  if (input.websocketHandshake) {
    headers['Connection'] = 'Upgrade';
    headers['Upgrade'] = 'websocket';
    const { key, version } = input.websocketHandshake;
    if (key !== undefined) headers['Sec-WebSocket-Key'] = key;
    if (version !== undefined) headers['Sec-WebSocket-Version'] = version;
  }
  const query =
    typeof input.request.querystring === 'string'
      ? parseQueryString(input.request.querystring.replace(/^\?/, ''))
      : valueMapToPairs(input.request.querystring);
  const { QueryStringBehavior, QueryStrings } = input.policy.QueryStringsConfig;
  return {
    headers,
    queryString: serializeQueryString(selectByBehavior(query, QueryStringBehavior, QueryStrings ?? [])),
  };
}

/**
 * Viewer headers the policy forwards, with their origin-side spelling. A name the policy lists with capitals
 * (`Sec-WebSocket-Key`) keeps that spelling; other names are re-capitalised per hyphen word (`ws-uri` → `Ws-Uri`).
 */
function forwardedHeaders(
  viewerHeaders: NameValuePairs,
  input: OriginRequestInput,
): { pairs: NameValuePairs; lowerNames: Set<string> } {
  const { HeaderBehavior, Headers = [] } = input.policy.HeadersConfig;
  const listed = new Map(Headers.map((name) => [name.toLowerCase(), name]));
  const spell = (lower: string): string => {
    const policySpelling = listed.get(lower);
    return policySpelling !== undefined && policySpelling !== lower ? policySpelling : recapitalizeHeaderName(lower);
  };
  const forwardsViewer = (lower: string): boolean =>
    HeaderBehavior === 'allViewer' ||
    HeaderBehavior === 'allViewerAndWhitelistCloudFront' ||
    (HeaderBehavior === 'whitelist' && listed.has(lower));
  // X-Forwarded-For is always rebuilt by CloudFront itself (viewer value + viewer IP). A forwarded Host is the one a
  // viewer of the distribution sends on AWS, its domain name, not the local edge's loopback address.
  const pairs: NameValuePairs = viewerHeaders
    .filter(([lower]) => lower !== 'x-forwarded-for' && forwardsViewer(lower))
    .map(([lower, value]) => [
      spell(lower),
      lower === 'host' && isLoopbackHost(value) ? input.distributionDomainName : value,
    ]);
  if (HeaderBehavior === 'allViewerAndWhitelistCloudFront' || HeaderBehavior === 'whitelist') {
    for (const [lower, value] of cloudFrontHeaders(input)) {
      if (listed.has(lower)) pairs.push([spell(lower), value]);
    }
  }
  return { pairs, lowerNames: new Set(pairs.map(([name]) => name.toLowerCase())) };
}

/** The CloudFront-generated headers this emulator can produce (others are not emulated). */
function cloudFrontHeaders(input: OriginRequestInput): NameValuePairs {
  const headers: NameValuePairs = [['cloudfront-forwarded-proto', input.viewerProtocol ?? 'http']];
  if (input.viewerPort !== undefined)
    headers.push(['cloudfront-viewer-address', `${input.viewerIp}:${input.viewerPort}`]);
  return headers;
}

function selectByBehavior(pairs: NameValuePairs, behavior: string, names: string[]): NameValuePairs {
  switch (behavior) {
    case 'all':
      return pairs;
    case 'whitelist':
      return pairs.filter(([name]) => names.includes(name));
    case 'allExcept':
      return pairs.filter(([name]) => !names.includes(name));
    default:
      return [];
  }
}

/**
 * What the policy makes the origin see that works differently behind CloudFront, one warning each, logged at start:
 * the viewer's Host (API Gateway finds the API by Host and answers any other with 403 Forbidden; the local API does
 * too) and Accept-Encoding (CloudFront takes it from the cache policy's EnableAcceptEncoding* settings instead).
 */
export function policyWarnings(policy: OriginRequestPolicyConfig): string[] {
  const { HeaderBehavior, Headers = [] } = policy.HeadersConfig;
  const listed = new Set(Headers.map((name) => name.toLowerCase()));
  const forwards = (lower: string) =>
    HeaderBehavior === 'allViewer' || HeaderBehavior === 'allViewerAndWhitelistCloudFront' || listed.has(lower);
  const warnings: string[] = [];
  if (forwards('host')) {
    warnings.push(
      `the origin request policy forwards the viewer's Host (HeaderBehavior ${HeaderBehavior}${HeaderBehavior === 'whitelist' ? ', Host listed' : ''}): ` +
        'API Gateway answers 403 Forbidden to a Host that is not its own, so every connection through the distribution fails, here as on AWS; ' +
        'use AllViewerExceptHostHeader or a policy that does not forward Host',
    );
  }
  if (listed.has('accept-encoding')) {
    warnings.push(
      'the origin request policy lists Accept-Encoding: CloudFront forwards it from the cache policy (EnableAcceptEncodingGzip/Brotli), not from an origin request policy; the local edge forwards it as listed',
    );
  }
  return warnings;
}

/** The local edge's own address as a viewer's Host names it (`127.0.0.1:8080`, `localhost`, `[::1]:8080`). */
function isLoopbackHost(host: string): boolean {
  return /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/i.test(host.trim());
}
