/** What the gateway keeps from an upgrade request: headers in API Gateway's map order, forwarding headers, the query. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStagePath, readHandshake, type UpgradeRequest } from '../../../local/api/handshake.ts';

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

describe('isStagePath', () => {
  /** The reference: the URL parser's pathname, which decided every request before the plain-path check. */
  const byUrlParser = (rawUrl: string | undefined, stage: string): boolean => {
    const pathname = new URL(rawUrl ?? '/', 'http://localhost').pathname;
    return pathname === `/${stage}` || pathname === `/${stage}/`;
  };
  /** The answer, or the error's message: a URL the parser refuses must still be refused. */
  const outcome = (decide: () => boolean): boolean | string => {
    try {
      return decide();
    } catch (error) {
      return (error as Error).message;
    }
  };
  const stages = ['prod', 'dev', 'Stage_1-a', 'a', 'v1.0', 'my stage', 'é', '%64ev', '..', 'de\\v', ''];
  const suffixes = [
    '',
    '/',
    '?',
    '/?',
    '?x=1',
    '/?x=1&y=2',
    '#f',
    '/#f',
    '//',
    '/x',
    'x',
    '.',
    '/.',
    '/..',
    '%2F',
    '\t',
    '\t?x',
    '\n/',
    ' ',
    '\\',
    '/\\',
    '?a#b',
    '#?',
  ];
  const prefixes = ['/', '//', '', ' /', '\t/', '/./', '/x/../', '\\', '/%2e/', 'http://h/'];
  it('answers as the URL parser does, for every stage, prefix and suffix of the corpus', () => {
    let compared = 0;
    for (const stage of stages) {
      for (const prefix of prefixes) {
        for (const suffix of suffixes) {
          for (const name of [stage, stage.toUpperCase(), `${stage}x`]) {
            const rawUrl = `${prefix}${name}${suffix}`;
            assert.equal(
              outcome(() => isStagePath(rawUrl, stage)),
              outcome(() => byUrlParser(rawUrl, stage)),
              `${JSON.stringify(rawUrl)} on ${stage}`,
            );
            compared += 1;
          }
        }
      }
      assert.equal(isStagePath(undefined, stage), byUrlParser(undefined, stage));
    }
    assert.ok(compared > 2_000);
  });

  it('serves the stage path with or without a slash, a query or a fragment, and nothing else', () => {
    for (const rawUrl of ['/prod', '/prod/', '/prod?x=1', '/prod/?x=1', '/prod#f', '/prod/./', '/x/../prod'])
      assert.equal(isStagePath(rawUrl, 'prod'), true, rawUrl);
    for (const rawUrl of ['/prodx', '/prod/x', '//prod', '/Prod', '/', '/prod//'])
      assert.equal(isStagePath(rawUrl, 'prod'), false, rawUrl);
  });
});
