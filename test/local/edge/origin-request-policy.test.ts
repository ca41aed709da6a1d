import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ViewerRequest } from '../../../lang/cloudfront-js/index.ts';
import {
  computeOriginRequest,
  parseOriginRequestPolicyConfig,
  recapitalizeHeaderName,
  type OriginRequestPolicyConfig,
} from '../../../local/edge/index.ts';
import { loadTemplateEdge } from '../../support/template-edge.ts';

const templatePolicy = parseOriginRequestPolicyConfig(loadTemplateEdge().policy);

function viewerRequest(overrides: Partial<ViewerRequest> = {}): ViewerRequest {
  return {
    method: 'GET',
    uri: '/',
    querystring: { a: { value: '1', multiValue: [{ value: '1' }, { value: '2' }] }, b: { value: 'x%20y' } },
    headers: {
      host: { value: 'd111111abcdef8.cloudfront.net' },
      'user-agent': { value: 'viewer/1' },
      'ws-uri': { value: '/ocpp/CP001' },
      'sec-websocket-protocol': { value: 'ocpp1.6' },
      'x-secret': { value: 's' },
      'x-forwarded-for': { value: '203.0.113.9' },
    },
    cookies: { session: { value: 'abc' }, theme: { value: 'dark' } },
    ...overrides,
  };
}

const compute = (policy: OriginRequestPolicyConfig, request = viewerRequest()) =>
  computeOriginRequest({
    request,
    viewerIp: '198.51.100.11',
    requestId: 'REQ',
    distributionDomainName: 'd111111abcdef8.cloudfront.net',
    policy,
  });

describe('origin request policy: the template policy', () => {
  it('forwards only allow-listed headers plus the ones CloudFront adds', () => {
    assert.deepEqual(compute(templatePolicy).headers, {
      'Ws-Uri': '/ocpp/CP001',
      'Sec-WebSocket-Protocol': 'ocpp1.6',
      'User-Agent': 'Amazon CloudFront',
      'X-Forwarded-For': '203.0.113.9, 198.51.100.11',
      Via: '1.1 d111111abcdef8.cloudfront.net (CloudFront)',
      'X-Amz-Cf-Id': 'REQ',
    });
  });

  it('forwards every query string, repeats included, as received', () => {
    assert.equal(compute(templatePolicy).queryString, 'a=1&a=2&b=x%20y');
  });

  it('adds the handshake headers for a WebSocket upgrade', () => {
    const parts = computeOriginRequest({
      request: viewerRequest(),
      viewerIp: '198.51.100.11',
      requestId: 'REQ',
      distributionDomainName: 'd',
      policy: templatePolicy,
      websocketHandshake: { key: 'dGhlIHNhbXBsZSBub25jZQ==', version: '13' },
    });
    assert.equal(parts.headers['Connection'], 'Upgrade');
    assert.equal(parts.headers['Upgrade'], 'websocket');
    assert.equal(parts.headers['Sec-WebSocket-Key'], 'dGhlIHNhbXBsZSBub25jZQ==');
    assert.equal(parts.headers['Sec-WebSocket-Version'], '13');
  });
});

describe('origin request policy: behaviours', () => {
  const policy = (headers: object, queries: object, cookies: object) =>
    parseOriginRequestPolicyConfig({ HeadersConfig: headers, QueryStringsConfig: queries, CookiesConfig: cookies });

  it('keeps the viewer User-Agent when it is forwarded and re-capitalises all viewer headers', () => {
    const parts = compute(
      policy({ HeaderBehavior: 'allViewer' }, { QueryStringBehavior: 'none' }, { CookieBehavior: 'all' }),
    );
    assert.equal(parts.headers['User-Agent'], 'viewer/1');
    assert.equal(parts.headers['Host'], 'd111111abcdef8.cloudfront.net');
    assert.equal(parts.headers['X-Secret'], 's');
    assert.equal(parts.headers['Cookie'], 'session=abc; theme=dark');
    assert.equal(parts.queryString, '');
  });

  it('applies whitelist and allExcept to query strings and cookies', () => {
    const parts = compute(
      policy(
        { HeaderBehavior: 'none' },
        { QueryStringBehavior: 'allExcept', QueryStrings: ['a'] },
        { CookieBehavior: 'whitelist', Cookies: ['theme'] },
      ),
    );
    assert.equal(parts.queryString, 'b=x%20y');
    assert.equal(parts.headers['Cookie'], 'theme=dark');
    assert.equal(parts.headers['Ws-Uri'], undefined);
  });

  it('accepts a query string the function replaced with a string', () => {
    const parts = compute(templatePolicy, viewerRequest({ querystring: 'z=9&a=1' }));
    assert.equal(parts.queryString, 'z=9&a=1');
  });

  it('uses multiValue over value when both are present', () => {
    const parts = compute(
      templatePolicy,
      viewerRequest({
        headers: { 'ws-uri': { value: 'old', multiValue: [{ value: '/a' }, { value: '/b' }] } },
      }),
    );
    assert.deepEqual(parts.headers['Ws-Uri'], ['/a', '/b']);
  });

  it('re-capitalises each hyphen-separated word', () => {
    assert.equal(recapitalizeHeaderName('ws-uri'), 'Ws-Uri');
    assert.equal(recapitalizeHeaderName('x-amz-cf-id'), 'X-Amz-Cf-Id');
  });

  it('names the field, the value and the rule for a bad policy', () => {
    assert.throws(
      () => policy({ HeaderBehavior: 'everything' }, { QueryStringBehavior: 'all' }, { CookieBehavior: 'none' }),
      /OriginRequestPolicyConfig\.HeadersConfig\.HeaderBehavior: "everything" must be one of none, whitelist/,
    );
  });
});
