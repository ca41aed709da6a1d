/** What the gateway keeps from an upgrade request: headers in API Gateway's map order, forwarding headers, the query. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHandshake, type UpgradeRequest } from '../../../local/api/handshake.ts';

function request(rawHeaders: string[], url = '/prod?b=2&a=1&a=3'): UpgradeRequest {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2)
    headers[(rawHeaders[i] as string).toLowerCase()] = rawHeaders[i + 1] as string;
  return { method: 'GET', url, headers, rawHeaders, socket: { remoteAddress: '10.0.0.9' } };
}

describe('readHandshake', () => {
  it('orders headers by name ignoring case (stable), adds the forwarding headers, keeps last values', () => {
    const read = readHandshake(
      request([
        'Upgrade',
        'websocket',
        'host',
        'h',
        'X-Custom',
        'one',
        'x-custom',
        'two',
        'X-Custom',
        'three',
        'Accept',
        'a',
      ]),
      () => 'Root=1-trace',
    );
    assert.deepEqual(Object.keys(read.multiValueHeaders), [
      'Accept',
      'host',
      'Upgrade',
      'X-Amzn-Trace-Id',
      'X-Custom',
      'x-custom',
      'X-Forwarded-For',
      'X-Forwarded-Port',
      'X-Forwarded-Proto',
    ]);
    assert.deepEqual(read.multiValueHeaders['X-Custom'], ['one', 'three']);
    assert.deepEqual(read.multiValueHeaders['x-custom'], ['two']);
    assert.deepEqual(read.headers, {
      Accept: 'a',
      host: 'h',
      Upgrade: 'websocket',
      'X-Amzn-Trace-Id': 'Root=1-trace',
      'X-Custom': 'three',
      'x-custom': 'two',
      'X-Forwarded-For': '10.0.0.9',
      'X-Forwarded-Port': '443',
      'X-Forwarded-Proto': 'https',
    });
    assert.deepEqual(read.multiValueQuery, { b: ['2'], a: ['1', '3'] });
    assert.deepEqual(read.query, { b: '2', a: '3' });
    assert.equal(read.sourceIp, '10.0.0.9');
  });

  it("appends the peer to the first X-Forwarded-For in any case, and keeps the client's own forwarding headers", () => {
    let traced = 0;
    const read = readHandshake(
      request([
        'x-forwarded-for',
        '1.1.1.1',
        'X-FORWARDED-FOR',
        '2.2.2.2',
        'x-forwarded-port',
        '8443',
        'X-Forwarded-Proto',
        'http',
        'x-amzn-trace-id',
        'Root=client',
      ]),
      () => {
        traced += 1;
        return 'unused';
      },
    );
    assert.equal(traced, 0, 'no trace root drawn when the request has one');
    assert.deepEqual(read.multiValueHeaders, {
      'x-amzn-trace-id': ['Root=client'],
      'x-forwarded-for': ['1.1.1.1, 10.0.0.9'],
      'X-FORWARDED-FOR': ['2.2.2.2'],
      'x-forwarded-port': ['8443'],
      'X-Forwarded-Proto': ['http'],
    });
  });
});
