import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventInput } from '../../../local/api/index.ts';
import { samePlainJson } from '../../../local/lambda/context-templates.ts';
import { lambdaEventBuilders } from '../../../local/stack/event-adapter.ts';
import { fixtureFunction, lambdaServiceForSuite } from './service-setup.ts';

/**
 * A connection's repeated requestContext fields go to the worker once and are rebuilt there for each later event
 * (context-templates.ts). Differential: what the handler receives must be, as JSON text (values and key order), what
 * Lambda's JSON round trip of the invoked event gives, message after message, connection after connection.
 */
describe('local Lambda: a connection requestContext sent once', () => {
  const suite = lambdaServiceForSuite({ functions: [fixtureFunction('EventText', 'event-text.handler')] });
  const build = lambdaEventBuilders({ originSecrets: 'abc,' }).message;
  let clock = 1_796_648_189_721;
  let sequence = 0;

  const input = (connection: Partial<EventInput> & { connectionId: string }, body: string): EventInput => {
    sequence += 1;
    clock += 7;
    return {
      connectedAt: 1_796_648_189_655,
      requestTimeEpoch: clock,
      requestId: `req-${sequence}`,
      messageId: `msg-${sequence}`,
      routeKey: '$default',
      stage: 'api',
      apiId: 'xvbl3ea8sf',
      domainName: 'xvbl3ea8sf.execute-api.us-east-1.amazonaws.com',
      sourceIp: '127.0.0.1',
      userAgent: 'Amazon CloudFront',
      headers: {},
      multiValueHeaders: {},
      query: {},
      multiValueQuery: {},
      body,
      ...connection,
    };
  };

  /** Invokes `event` in the connection scope `signal` and checks the handler got exactly its JSON round trip. */
  const sendAndCheck = async (event: unknown, signal: AbortSignal, what: string): Promise<void> => {
    const expected = JSON.stringify(event);
    const outcome = await suite.service.invoke('EventText', event, { signal });
    assert.deepEqual(outcome, { kind: 'result', result: { text: expected } }, what);
  };

  it('every message of several interleaved connections, with authorizer context and a reconnect', async () => {
    const first = new AbortController();
    const second = new AbortController();
    const a = {
      connectionId: 'AAAAAAAAAAAAAAA=',
      authorizer: { values: { principalId: 'me', tier: 'gold', n: '1' }, integrationLatency: 12 },
    };
    const b = { connectionId: 'BBBBBBBBBBBBBBB=', sourceIp: '10.0.0.2', connectedAt: 1_796_648_189_700 };
    for (let round = 0; round < 4; round += 1) {
      await sendAndCheck(build(input(a, `a${round}`)), first.signal, `connection a, message ${round}`);
      await sendAndCheck(build(input(b, `b${round}`)), second.signal, `connection b, message ${round}`);
    }
    // Messages of both in one batch (one event-loop pass), as the gateway sends them under load.
    await Promise.all([
      sendAndCheck(build(input(a, 'a-batch')), first.signal, 'a in a batch'),
      sendAndCheck(build(input(b, 'b-batch')), second.signal, 'b in a batch'),
      sendAndCheck(build(input(a, 'a-batch-2')), first.signal, 'a again in a batch'),
    ]);
    first.abort();
    // The same connection id again (a reconnect looks alike) with another authorizer context and address.
    const again = new AbortController();
    const reconnected = {
      connectionId: a.connectionId,
      sourceIp: '10.9.9.9',
      authorizer: { values: { principalId: 'you', tier: 'silver' }, integrationLatency: 3 },
    };
    for (let round = 0; round < 3; round += 1)
      await sendAndCheck(build(input(reconnected, `r${round}`)), again.signal, `reconnected, message ${round}`);
    await sendAndCheck(build(input(b, 'b-after')), second.signal, 'connection b after the reconnect');
  });

  it('a field that changes mid-connection, another set of keys, and events without a requestContext', async () => {
    const scope = new AbortController();
    const c = { connectionId: 'CCCCCCCCCCCCCCC=' };
    await sendAndCheck(build(input(c, 'one')), scope.signal, 'first');
    await sendAndCheck(build(input({ ...c, domainName: 'ws.example.com' }, 'two')), scope.signal, 'another domain');
    await sendAndCheck(build(input({ ...c, userAgent: undefined }, 'three')), scope.signal, 'no user agent');
    const extra = build(input(c, 'four')) as { requestContext: Record<string, unknown> };
    extra.requestContext['extra'] = { nested: [1, 'two', null, true] };
    await sendAndCheck(extra, scope.signal, 'another set of keys');
    await sendAndCheck(build(input(c, 'five')), scope.signal, 'the first shape again');
    await sendAndCheck({ requestContext: 'not an object', body: 'x' }, scope.signal, 'a requestContext not an object');
    await sendAndCheck({ body: 'no context' }, scope.signal, 'no requestContext');
    await sendAndCheck(build(input(c, 'six')), scope.signal, 'and back');
  });

  it('a runtime that ended (process.exit) is replaced, and the connection goes on as before', async () => {
    const scope = new AbortController();
    const d = { connectionId: 'DDDDDDDDDDDDDDD=' };
    await sendAndCheck(build(input(d, 'before')), scope.signal, 'before the exit');
    const exiting = { ...(build(input(d, 'exit')) as object), exit: true };
    const crashed = await suite.service.invoke('EventText', exiting, { signal: scope.signal });
    assert.equal(crashed.kind, 'error', JSON.stringify(crashed));
    await sendAndCheck(build(input(d, 'after')), scope.signal, 'after the exit, in a fresh runtime');
    await sendAndCheck(build(input(d, 'after-2')), scope.signal, 'and the next one');
  });

  it('samePlainJson: equal values in the same key order only', () => {
    assert.ok(samePlainJson({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] }));
    assert.ok(!samePlainJson({ a: 1, b: 2 }, { b: 2, a: 1 }), 'key order counts');
    assert.ok(!samePlainJson({ a: 1 }, { a: 1, b: 2 }));
    assert.ok(!samePlainJson([1, 2], { 0: 1, 1: 2 }));
    assert.ok(!samePlainJson({ 0: 1 }, [1]));
    assert.ok(!samePlainJson('1', 1));
    assert.ok(!samePlainJson(null, {}));
    assert.ok(!samePlainJson([1, [2]], [1, [3]]));
  });
});
