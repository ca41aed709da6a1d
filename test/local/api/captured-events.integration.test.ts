/**
 * The gateway's CONNECT and DISCONNECT events, as a real client produces them through the gateway and the stack's
 * event builders, against events captured from API Gateway (test/local/events/fixtures/, each naming its source):
 * the same fields, nesting and types, the forwarding headers API Gateway adds, and the values that do not vary.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { lambdaEventBuilders } from '../../../local/stack/event-adapter.ts';
import { readCapturedEvent, shapeOf } from '../events/captured.ts';
import { startGateway, type Harness } from './harness.ts';

const API_HOST = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
const lambda = { kind: 'lambda' as const };

describe('gateway events against captured API Gateway events', () => {
  let gateway: Harness;
  const events: Array<Record<string, any>> = [];
  const disconnected = () =>
    new Promise<Record<string, any>>((resolve) => {
      const poll = () => {
        const found = events.find((event) => event['requestContext']['eventType'] === 'DISCONNECT');
        if (found) resolve(found);
        else setTimeout(poll, 10);
      };
      poll();
    });

  before(async () => {
    gateway = await startGateway({
      apiId: 'a1b2c3d4e5',
      domainName: API_HOST,
      buildEvent: lambdaEventBuilders(),
      lambdas: {
        connect: (event) => {
          events.push(event);
          return { statusCode: 200 };
        },
        disconnect: (event) => {
          events.push(event);
          return { statusCode: 200 };
        },
      },
      routes: [
        {
          routeKey: '$connect',
          hasRouteResponse: false,
          integration: { type: 'AWS_PROXY', target: { ...lambda, functionArn: 'connect' } },
        },
        {
          routeKey: '$disconnect',
          hasRouteResponse: false,
          integration: { type: 'AWS_PROXY', target: { ...lambda, functionArn: 'disconnect' } },
        },
      ],
    });
    // Headers a browser sends; a close with no status code, as in the captured $disconnect.
    const socket = new WebSocket(`${gateway.wsUrl}`, {
      headers: {
        Origin: `wss://${API_HOST}`,
        'User-Agent': 'Amazon CloudFront',
        'zeta-last': 'z',
        'accept-language': 'en',
      },
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', (e) => reject(new Error(`${e.message}: ${gateway.logs.join('; ')}`)));
    });
    socket.close();
    await disconnected();
  });
  after(async () => {
    await gateway?.service.stop();
  });

  it("CONNECT: the captured event's fields and types, with the forwarding headers API Gateway adds", () => {
    const captured = readCapturedEvent('connect-event');
    const connect = events.find((event) => event['requestContext']['eventType'] === 'CONNECT')!;
    // The client's identity differs in one optional field: the captured client sent no User-Agent.
    const { userAgent, ...identity } = connect['requestContext']['identity'];
    assert.equal(userAgent, 'Amazon CloudFront');
    assert.deepEqual(shapeOf({ ...connect['requestContext'], identity }), shapeOf(captured['requestContext']));
    assert.deepEqual(Object.keys(connect).sort(), Object.keys(captured).sort());
    for (const name of [
      'X-Forwarded-For',
      'X-Forwarded-Port',
      'X-Forwarded-Proto',
      'X-Amzn-Trace-Id',
      'Sec-WebSocket-Key',
      'Sec-WebSocket-Version',
      'Origin',
      'Host',
    ]) {
      assert.equal(typeof connect['headers'][name], 'string', name);
      assert.deepEqual(connect['multiValueHeaders'][name], [connect['headers'][name]], name);
    }
    assert.equal(connect['headers']['X-Forwarded-Port'], captured['headers']['X-Forwarded-Port']);
    assert.equal(connect['headers']['X-Forwarded-Proto'], captured['headers']['X-Forwarded-Proto']);
    assert.match(
      captured['headers']['X-Amzn-Trace-Id'],
      /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/,
      'the pattern fits the captured value',
    );
    assert.match(connect['headers']['X-Amzn-Trace-Id'], /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    const traceSeconds = parseInt(connect['headers']['X-Amzn-Trace-Id'].slice(7, 15), 16);
    assert.ok(
      Math.abs(traceSeconds - Math.floor(connect['requestContext']['requestTimeEpoch'] / 1000)) <= 1,
      'the trace root carries the request time',
    );
    assert.equal(connect['requestContext']['domainName'], API_HOST);
    for (const field of ['routeKey', 'eventType', 'messageDirection'])
      assert.equal(connect['requestContext'][field], captured['requestContext'][field], field);
    assert.equal(connect['isBase64Encoded'], false);
    // Header maps are ordered by name, ignoring case, whatever order the client sent them in: so are the captured ones.
    const byName = (names: string[]) => [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    assert.deepEqual(
      Object.keys(captured['headers']),
      byName(Object.keys(captured['headers'])),
      'the captured event is in that order',
    );
    assert.deepEqual(Object.keys(connect['headers']), byName(Object.keys(connect['headers'])));
    assert.deepEqual(Object.keys(connect['multiValueHeaders']), Object.keys(connect['headers']));
  });

  it('DISCONNECT: the captured event, field for field, where values do not vary per connection', () => {
    const captured = readCapturedEvent('disconnect-event');
    const disconnect = events.find((event) => event['requestContext']['eventType'] === 'DISCONNECT')!;
    assert.deepEqual(shapeOf(disconnect), shapeOf(captured));
    assert.deepEqual(disconnect['headers'], { ...captured['headers'], Host: API_HOST });
    assert.deepEqual(disconnect['multiValueHeaders'], { ...captured['multiValueHeaders'], Host: [API_HOST] });
    for (const field of ['routeKey', 'eventType', 'messageDirection', 'disconnectStatusCode', 'disconnectReason']) {
      assert.equal(disconnect['requestContext'][field], captured['requestContext'][field], field);
    }
    assert.equal(disconnect['requestContext']['identity']['userAgent'], 'Amazon CloudFront');
  });
});
