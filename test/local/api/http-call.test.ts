import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httpCall } from '../../../local/api/http-call.ts';
import type { EventInput } from '../../../local/api/types.ts';

const input = (headers: Record<string, string>): EventInput => ({
  connectionId: 'c',
  connectedAt: 0,
  requestTimeEpoch: 0,
  requestId: 'r',
  routeKey: '$connect',
  stage: 's',
  apiId: 'a',
  domainName: 'd',
  sourceIp: '127.0.0.1',
  headers,
  multiValueHeaders: {},
  query: {},
  multiValueQuery: {},
});

describe('httpCall: what an HTTP(_PROXY) integration sends', () => {
  it("HTTP_PROXY $connect passes the handshake headers on, without the upgrade's own and hop-by-hop ones", () => {
    const call = httpCall(
      'http://127.0.0.1:9/x',
      'post',
      'connect',
      input({
        Host: 'h',
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': 'k',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Extensions': 'permessage-deflate',
        'Transfer-Encoding': 'chunked',
        'Content-Length': '5',
        'Sec-WebSocket-Protocol': 'chat',
        Authorization: 'Bearer t',
        'X-Custom': 'v',
      }),
      '',
      true,
    );
    assert.deepEqual(call, {
      url: 'http://127.0.0.1:9/x',
      method: 'POST',
      body: '',
      headers: { 'Sec-WebSocket-Protocol': 'chat', Authorization: 'Bearer t', 'X-Custom': 'v' },
    });
  });

  it('HTTP (non-proxy) sends no client headers; GET and HEAD carry no body', () => {
    assert.deepEqual(httpCall('http://h/', 'PUT', 'connect', input({ 'X-Custom': 'v' }), '{"a":1}', false).headers, {});
    assert.equal(httpCall('http://h/', 'get', 'message', input({}), 'text', true).body, undefined);
    assert.equal(httpCall('http://h/', 'HEAD', 'message', input({}), 'text', true).body, undefined);
  });

  it('adds mapped RequestParameters: a header replaces a forwarded one in any case, a query parameter the URI one', () => {
    const forwarded: Record<string, string> = { 'X-Token': 'from-client', 'X-Other': 'kept' };
    Object.defineProperty(forwarded, '__proto__', { value: 'p', enumerable: true, configurable: true, writable: true });
    const call = httpCall('http://h/path?a=1&b=2', 'POST', 'connect', input(forwarded), 'x', true, {
      headers: { 'x-token': 'mapped' },
      query: { b: 'mapped b', c: '3' },
    });
    assert.deepEqual(Object.entries(call.headers), [
      ['X-Other', 'kept'],
      ['__proto__', 'p'],
      ['x-token', 'mapped'],
    ]);
    assert.equal(call.url, 'http://h/path?a=1&b=mapped+b&c=3');
  });
});
