import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EventInputError,
  connectEvent,
  disconnectEvent,
  messageEvent,
  pairsFromQueryString,
  pairsFromRawHeaders,
} from '../../../local/events/index.ts';
import { factsOf, readCapturedEvent, shapeOf } from './captured.ts';

const capturedConnect = readCapturedEvent('connect-event');
const capturedMessage = readCapturedEvent('message-event');
const capturedDisconnect = readCapturedEvent('disconnect-event');

const headerPairsOf = (captured: Record<string, any>): Array<[string, string]> =>
  Object.entries(captured.multiValueHeaders as Record<string, string[]>).flatMap(([name, values]) =>
    values.map((value): [string, string] => [name, value]),
  );

describe('connectEvent against a captured $connect event', () => {
  const built = connectEvent({ ...factsOf(capturedConnect), headers: headerPairsOf(capturedConnect), query: [] });

  it('has the same fields, nesting and value types', () => {
    assert.deepEqual(shapeOf(built), shapeOf(capturedConnect));
  });

  it('carries the captured request context values', () => {
    assert.deepEqual(built.requestContext, capturedConnect.requestContext);
    assert.deepEqual(Object.keys(built.requestContext), Object.keys(capturedConnect.requestContext));
  });

  it('keeps header spelling and puts every received header in both maps', () => {
    assert.deepEqual(built.multiValueHeaders, capturedConnect.multiValueHeaders);
    assert.deepEqual(Object.keys(built.headers), Object.keys(capturedConnect.headers));
  });

  it('omits both query maps when the URL had no query string', () => {
    assert.equal('queryStringParameters' in built, false);
    assert.equal('multiValueQueryStringParameters' in built, false);
  });

  it('adds both query maps with a query string, last value wins in the single map', () => {
    const query = pairsFromQueryString('?a=1&a=2&b=&c=x%20y');
    const event = connectEvent({ ...factsOf(capturedConnect), headers: [], query });
    assert.deepEqual(event.queryStringParameters, { a: '2', b: '', c: 'x y' });
    assert.deepEqual(event.multiValueQueryStringParameters, { a: ['1', '2'], b: [''], c: ['x y'] });
  });

  it('merges header names that differ only in case under the first spelling', () => {
    const event = connectEvent({
      ...factsOf(capturedConnect),
      headers: pairsFromRawHeaders(['X-Tag', 'a', 'x-tag', 'b', 'content-length', '0']),
      query: [],
    });
    assert.deepEqual(event.multiValueHeaders, { 'X-Tag': ['a', 'b'], 'content-length': ['0'] });
    assert.deepEqual(event.headers, { 'X-Tag': 'b', 'content-length': '0' });
  });

  it('keeps a header named __proto__ as an ordinary key', () => {
    const event = connectEvent({ ...factsOf(capturedConnect), headers: [['__proto__', 'x']], query: [] });
    assert.deepEqual(Object.keys(event.headers), ['__proto__']);
    assert.equal(Object.getPrototypeOf(event.headers), Object.prototype);
  });
});

describe('messageEvent against a captured MESSAGE event', () => {
  const rc = capturedMessage.requestContext;
  const built = messageEvent({
    ...factsOf(capturedMessage),
    routeKey: rc.routeKey,
    messageId: rc.messageId,
    body: capturedMessage.body,
  });

  it('rebuilds the captured event from its facts, key order included', () => {
    assert.deepEqual(built, capturedMessage);
    assert.deepEqual(Object.keys(built.requestContext), Object.keys(rc));
  });

  it('has no headers and no query string', () => {
    assert.deepEqual(Object.keys(built).sort(), ['body', 'isBase64Encoded', 'requestContext']);
  });
});

describe('disconnectEvent against a captured $disconnect event', () => {
  const rc = capturedDisconnect.requestContext;
  const built = disconnectEvent({
    ...factsOf(capturedDisconnect),
    disconnectStatusCode: rc.disconnectStatusCode,
    disconnectReason: rc.disconnectReason,
  });

  it('rebuilds the captured event (fixed header set, status, reason, userAgent) from its facts', () => {
    assert.deepEqual(built, capturedDisconnect);
    assert.deepEqual(Object.keys(built.requestContext), Object.keys(rc));
    assert.deepEqual(Object.keys(built.headers), Object.keys(capturedDisconnect.headers));
  });

  it('has no body and no messageId', () => {
    assert.equal('body' in built, false);
    assert.equal('messageId' in built.requestContext, false);
  });
});

describe('optional request context parts', () => {
  const facts = factsOf(capturedMessage);

  it('puts the authorizer context on every event type', () => {
    const authorizer = { principalId: 'user-1', tenant: 'acme', integrationLatency: 12 };
    const events = [
      connectEvent({ ...facts, authorizer, headers: [], query: [] }),
      messageEvent({ ...facts, authorizer, routeKey: '$default', messageId: 'SOqIDdzSoAMCEeg=', body: '' }),
      disconnectEvent({ ...facts, authorizer, disconnectStatusCode: 1000, disconnectReason: '' }),
    ];
    for (const event of events) assert.deepEqual(event.requestContext.authorizer, authorizer);
  });

  it('adds identity.userAgent only when the client sent one', () => {
    const withAgent = messageEvent({ ...facts, userAgent: 'wscat', routeKey: 'r', messageId: 'm', body: '' });
    assert.deepEqual(withAgent.requestContext.identity, { userAgent: 'wscat', sourceIp: facts.sourceIp });
    const without = messageEvent({ ...facts, routeKey: 'r', messageId: 'm', body: '' });
    assert.deepEqual(Object.keys(without.requestContext.identity), ['sourceIp']);
  });
});

describe('input validation', () => {
  const facts = factsOf(capturedMessage);

  it('names the builder, field, value and rule', () => {
    assert.throws(() => messageEvent({ ...facts, connectedAt: 1.5, routeKey: 'r', messageId: 'm', body: '' }), {
      name: 'EventInputError',
      message: 'messageEvent: input.connectedAt must be a non-negative integer (epoch milliseconds), got 1.5',
    });
    assert.throws(() => disconnectEvent({ ...facts, disconnectStatusCode: 99, disconnectReason: '' }), {
      message: 'disconnectEvent: input.disconnectStatusCode must be a WebSocket close code (integer 1000-4999), got 99',
    });
    assert.throws(() => connectEvent({ ...facts, connectionId: '', headers: [], query: [] }), {
      message: 'connectEvent: input.connectionId must be a non-empty string, got ""',
    });
  });

  it('rejects headers that are not name/value pairs', () => {
    const headers = [['Host']] as unknown as Array<[string, string]>;
    assert.throws(() => connectEvent({ ...facts, headers, query: [] }), EventInputError);
  });
});
