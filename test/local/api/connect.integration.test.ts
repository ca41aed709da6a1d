import assert from 'node:assert/strict';
import { connect as netConnect } from 'node:net';
import { describe, it } from 'node:test';
import { connect, deferred, lambdaRoute, refusedHandshake, startGateway, waitFor, withDeadline } from './harness.ts';

const PUT_SESSION = `{"TableName":"Sessions","Item":{"connectionid":{"S":"$context.connectionId"},"agent":{"S":"$input.params('x-agent')"},"room":{"S":"$input.params('room')"},"at":{"N":"$context.requestTimeEpoch"},"type":{"S":"$context.eventType"}}}`;
const connectVtlRoute = {
  routeKey: '$connect',
  hasRouteResponse: false,
  integration: {
    type: 'AWS' as const,
    target: { kind: 'aws-service' as const, service: 'dynamodb', action: 'PutItem' },
    requestTemplates: { $default: PUT_SESSION },
    templateSelectionExpression: '\\$default',
    integrationResponses: [{ key: '/200/' }],
  },
};

describe('api gateway: $connect', () => {
  it('completes the upgrade after a VTL $connect whose rendered body reaches the service', async () => {
    const gateway = await startGateway({ routes: [connectVtlRoute] });
    try {
      const client = await connect(`${gateway.wsUrl}?room=blue`, [], { headers: { 'X-Agent': 'charger-7' } });
      const [connectionId] = gateway.service.connections();
      const [call] = gateway.serviceCalls;
      assert.equal(call?.service, 'dynamodb');
      assert.equal(call?.action, 'PutItem');
      const item = (JSON.parse(call?.body ?? '') as { Item: Record<string, Record<string, string>> }).Item;
      assert.equal(item['connectionid']?.['S'], connectionId);
      assert.equal(item['agent']?.['S'], 'charger-7');
      assert.equal(item['room']?.['S'], 'blue');
      assert.equal(item['type']?.['S'], 'CONNECT');
      assert.match(item['at']?.['N'] ?? '', /^\d{13}$/);
      client.ws.close();
      await client.closed;
    } finally {
      await gateway.service.stop();
    }
  });

  it('refuses the handshake with 500 when the $connect backend answers 400, and opens nothing', async () => {
    const gateway = await startGateway({
      routes: [connectVtlRoute, lambdaRoute('$disconnect', 'disconnect-fn')],
      respond: () => ({
        statusCode: 400,
        headers: {},
        body: '{"__type":"com.amazon.coral.service#SerializationException"}',
      }),
      lambdas: { 'disconnect-fn': () => assert.fail('$disconnect must not run for a refused connection') },
    });
    try {
      const refused = await refusedHandshake(gateway.wsUrl);
      assert.deepEqual(refused, { status: 500, body: '{"message": "Internal server error"}' });
      assert.deepEqual(gateway.service.connections(), []);
      assert.equal(gateway.serviceCalls.length, 1);
    } finally {
      await gateway.service.stop();
    }
  });

  it('answers 403 Forbidden for any path other than the stage', async () => {
    const gateway = await startGateway({});
    try {
      const url = `ws://127.0.0.1:${gateway.service.port}`;
      assert.deepEqual(await refusedHandshake(`${url}/other`), { status: 403, body: '{"message":"Forbidden"}' });
      assert.deepEqual(await refusedHandshake(`${url}/prod/ocpp/CP001`), {
        status: 403,
        body: '{"message":"Forbidden"}',
      });
      const trailingSlash = await connect(`${url}/prod/?x=1`);
      trailingSlash.ws.close();
      await trailingSlash.closed;
    } finally {
      await gateway.service.stop();
    }
  });

  it('passes back only the Sec-WebSocket-Protocol the Lambda returned', async () => {
    const gateway = await startGateway({
      routes: [lambdaRoute('$connect', 'connect-fn')],
      lambdas: {
        'connect-fn': (event) => {
          const offered = String((event['headers'] as Record<string, string>)['Sec-WebSocket-Protocol'] ?? '');
          return offered.includes('ocpp1.6')
            ? {
                statusCode: 200,
                headers: { 'Sec-WebSocket-Protocol': 'ocpp1.6', 'X-Other': 'dropped' },
                body: 'ignored',
              }
            : { statusCode: 200 };
        },
      },
    });
    try {
      const chosen = await connect(gateway.wsUrl, ['ocpp2.0.1', 'ocpp1.6']);
      assert.equal(chosen.ws.protocol, 'ocpp1.6');
      chosen.ws.close();
      await chosen.closed;
      await assert.rejects(connect(gateway.wsUrl, ['chat']), /Server sent no subprotocol/);
    } finally {
      await gateway.service.stop();
    }
  });

  it('returns the Lambda status for non-2xx results and 502 for a function error', async () => {
    const gateway = await startGateway({
      routes: [lambdaRoute('$connect', 'connect-fn')],
      lambdas: {
        'connect-fn': (event) => {
          const query = (event['queryStringParameters'] ?? {}) as Record<string, string>;
          if (query['token'] === 'crash') throw new TypeError('boom');
          return { statusCode: query['token'] === 'ok' ? '200' : 401 };
        },
      },
    });
    try {
      assert.equal((await refusedHandshake(`${gateway.wsUrl}?token=bad`)).status, 401);
      assert.equal((await refusedHandshake(`${gateway.wsUrl}?token=crash`)).status, 502);
      const accepted = await connect(`${gateway.wsUrl}?token=ok`);
      accepted.ws.close();
      await accepted.closed;
    } finally {
      await gateway.service.stop();
    }
  });

  it('survives a client reset while a slow $connect integration runs', async () => {
    const invoked = deferred();
    const release = deferred();
    const gateway = await startGateway({
      routes: [lambdaRoute('$connect', 'slow-fn')],
      lambdas: {
        'slow-fn': async () => {
          invoked.resolve();
          await release.promise;
          return { statusCode: 200 };
        },
      },
    });
    try {
      const socket = netConnect(gateway.service.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(
        'GET /prod HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      await withDeadline(invoked.promise, 'the $connect Lambda to start');
      socket.resetAndDestroy();
      await waitFor(
        () => gateway.logs.find((line) => line.includes('upgrade socket error')),
        'the reset to reach the gateway',
      );
      release.resolve();
      await waitFor(
        () => gateway.logs.find((line) => line.includes('client went away during $connect')),
        'the gateway to notice the reset',
      );
      assert.deepEqual(gateway.service.connections(), []);
      const next = await connect(gateway.wsUrl);
      assert.equal(gateway.service.connections().length, 1);
      next.ws.close();
      await next.closed;
    } finally {
      await gateway.service.stop();
    }
  });
});
