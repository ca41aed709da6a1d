/**
 * Request parameters at request time: what an HTTP integration's mappings add to its call, and which required
 * `$connect` parameters a handshake lacks; with client data that tries to reach prototypes or split headers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  mapRequestParameters,
  missingParametersBody,
  missingRequiredParameters,
} from '../../../local/api/request-parameters.ts';
import type { EventInput, RequestParameterMapping, RequestParameterSource } from '../../../local/api/types.ts';

const input = (overrides: Partial<EventInput> = {}): EventInput => ({
  connectionId: 'conn-1',
  connectedAt: 1_700_000_000_000,
  requestTimeEpoch: 1_700_000_000_500,
  requestId: 'req-1',
  routeKey: 'relay',
  stage: 'live',
  apiId: 'api1',
  domainName: 'api1.execute-api.us-east-1.amazonaws.com',
  sourceIp: '203.0.113.9',
  headers: {},
  multiValueHeaders: {},
  query: {},
  multiValueQuery: {},
  ...overrides,
});

const header = (name: string, source: RequestParameterSource): RequestParameterMapping => ({
  to: 'header',
  name,
  source,
  text: `integration.request.header.${name}: (test)`,
});

describe('mapRequestParameters', () => {
  it('maps static text, $context paths, stage variables and body JSONPaths; an absent source maps nothing', () => {
    const mapped = mapRequestParameters(
      [
        header('x-static', { kind: 'static', value: "it's fixed" }),
        header('x-conn', { kind: 'context', path: ['connectionId'] }),
        header('x-ip', { kind: 'context', path: ['identity', 'sourceIp'] }),
        header('x-epoch', { kind: 'context', path: ['requestTimeEpoch'] }),
        header('x-event', { kind: 'context', path: ['eventType'] }),
        header('x-principal', { kind: 'context', path: ['authorizer', 'principalId'] }),
        header('x-env', { kind: 'stageVariable', name: 'env' }),
        header('x-nostage', { kind: 'stageVariable', name: 'missing' }),
        header('x-item', { kind: 'body', path: 'item' }),
        header('x-nested', { kind: 'body', path: '$.nested' }),
        header('x-null', { kind: 'body', path: 'nothing' }),
        { to: 'querystring', name: 'flag', source: { kind: 'body', path: 'flag' }, text: '(test)' },
      ],
      'message',
      input({ body: JSON.stringify({ item: 'book', nested: { a: [1, 'b'] }, nothing: null, flag: false }) }),
      { env: 'dev' },
    );
    assert.deepEqual(mapped, {
      headers: {
        'x-static': "it's fixed",
        'x-conn': 'conn-1',
        'x-ip': '203.0.113.9',
        'x-epoch': '1700000000500',
        'x-event': 'MESSAGE',
        'x-env': 'dev',
        'x-item': 'book',
        'x-nested': '{"a":[1,"b"]}',
      },
      query: { flag: 'false' },
    });
  });

  it('maps nothing from a body that is not JSON, and finds no inherited member anywhere', () => {
    const mapped = mapRequestParameters(
      [
        header('x-body', { kind: 'body', path: 'item' }),
        header('x-stage-proto', { kind: 'stageVariable', name: 'constructor' }),
        header('x-context-proto', { kind: 'context', path: ['identity', '__proto__'] }),
        header('x-query-proto', { kind: 'route', from: 'querystring', name: 'toString' }),
        header('x-header-proto', { kind: 'route', from: 'header', name: '__proto__' }),
      ],
      'message',
      input({ body: 'not json {' }),
      {},
    );
    assert.deepEqual(mapped, { headers: {}, query: {} });
  });

  it("reads $connect's parameters: headers in any case, query strings exactly, multi-value ones joined by commas", () => {
    const mapped = mapRequestParameters(
      [
        header('a', { kind: 'route', from: 'header', name: 'x-client' }),
        header('b', { kind: 'route', from: 'multivalueheader', name: 'X-CLIENT' }),
        header('c', { kind: 'route', from: 'querystring', name: 'Token' }),
        header('d', { kind: 'route', from: 'querystring', name: 'token' }),
        header('e', { kind: 'route', from: 'multivaluequerystring', name: 'tag' }),
      ],
      'connect',
      input({
        headers: { 'X-Client': 'one' },
        multiValueHeaders: { 'X-Client': ['one', 'two'] },
        query: { token: 't', tag: 'y' },
        multiValueQuery: { token: ['t'], tag: ['x', 'y'] },
      }),
      {},
    );
    assert.deepEqual(mapped.headers, { a: 'one', b: 'one,two', d: 't', e: 'x,y' });
  });

  it('fails naming the mapping when a value would split the request or is not Latin-1, and never cuts it silently', () => {
    for (const value of ['a\r\nX-Injected: 1', 'a\nb', 'nul\u0000', 'snow \u2603']) {
      assert.throws(
        () =>
          mapRequestParameters(
            [header('x-item', { kind: 'body', path: 'item' })],
            'message',
            input({ body: JSON.stringify({ item: value }) }),
            {},
          ),
        (error: Error) => {
          assert.match(
            error.message,
            /^RequestParameters integration\.request\.header\.x-item: \(test\): the value .* cannot be sent as an HTTP header/,
          );
          return true;
        },
      );
    }
    // Latin-1 text and tabs are valid header values; a query string parameter takes anything (the URL encodes it).
    assert.deepEqual(
      mapRequestParameters(
        [
          header('x-item', { kind: 'body', path: 'item' }),
          { to: 'querystring', name: 'q', source: { kind: 'body', path: 'item' }, text: '(test)' },
        ],
        'message',
        input({ body: JSON.stringify({ item: 'caf\u00e9\tbar' }) }),
        {},
      ).headers,
      { 'x-item': 'caf\u00e9\tbar' },
    );
  });

  it('sets a parameter named __proto__ as an own entry (not the object prototype), in headers and query alike', () => {
    const mapped = mapRequestParameters(
      [
        header('__proto__', { kind: 'static', value: 'h' }),
        { to: 'querystring', name: '__proto__', source: { kind: 'static', value: 'q' }, text: '(test)' },
      ],
      'message',
      input(),
      {},
    );
    assert.deepEqual(Object.entries(mapped.headers), [['__proto__', 'h']]);
    assert.deepEqual(Object.entries(mapped.query), [['__proto__', 'q']]);
    assert.equal(Object.getPrototypeOf(mapped.headers), Object.prototype);
  });
});

describe('missingRequiredParameters', () => {
  it('names each required parameter the handshake lacks, in declaration order; a header matches in any case', () => {
    const required = [
      { from: 'querystring', name: 'token' },
      { from: 'header', name: 'X-Client' },
      { from: 'querystring', name: 'constructor' },
    ] as const;
    assert.deepEqual(missingRequiredParameters(required, input()), ['token', 'X-Client', 'constructor']);
    assert.deepEqual(
      missingRequiredParameters(
        required,
        input({ headers: { 'x-client': '' }, query: { token: '', constructor: 'c' } }),
      ),
      [],
      'present counts, even empty',
    );
    assert.equal(
      missingParametersBody(['token', 'X-Client']),
      '{"message":"Missing required request parameters: [token, X-Client]"}',
    );
  });
});
