import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connect, lambdaRoute, startGateway, waitFor, withDeadline } from './harness.ts';

type Event = Record<string, unknown>;
const contextOf = (event: Event) => event['requestContext'] as Record<string, unknown>;

/** A gateway whose $disconnect Lambda records its events. */
async function gatewayRecordingDisconnects(limits = {}) {
  const disconnects: Event[] = [];
  const gateway = await startGateway({
    limits,
    routes: [lambdaRoute('$disconnect', 'disconnect-fn'), lambdaRoute('$default', 'echo-fn')],
    lambdas: {
      'disconnect-fn': (event) => {
        disconnects.push(event);
        return { statusCode: 200 };
      },
      'echo-fn': (event) => ({ body: String(event['body']) }),
    },
  });
  return { gateway, disconnects };
}

describe('api gateway: connection lifecycle', () => {
  it('runs $disconnect with the close code and reason the client sent', async () => {
    const { gateway, disconnects } = await gatewayRecordingDisconnects();
    try {
      const client = await connect(gateway.wsUrl);
      const [connectionId] = gateway.service.connections();
      client.ws.close(4001, 'bye now');
      await client.closed;
      const event = await waitFor(() => disconnects[0], 'the $disconnect event');
      const context = contextOf(event);
      assert.equal(context['eventType'], 'DISCONNECT');
      assert.equal(context['routeKey'], '$disconnect');
      assert.equal(context['connectionId'], connectionId);
      assert.equal(context['disconnectStatusCode'], 4001);
      assert.equal(context['disconnectReason'], 'bye now');
      assert.deepEqual(gateway.service.connections(), []);
    } finally {
      await gateway.service.stop();
    }
  });

  it("reports 1005 with AWS's reason when the client sent no status code", async () => {
    const { gateway, disconnects } = await gatewayRecordingDisconnects();
    try {
      const client = await connect(gateway.wsUrl);
      client.ws.close();
      await client.closed;
      const context = contextOf(await waitFor(() => disconnects[0], 'the $disconnect event'));
      assert.equal(context['disconnectStatusCode'], 1005);
      assert.equal(context['disconnectReason'], 'Client-side close frame status not set');
    } finally {
      await gateway.service.stop();
    }
  });

  it('closes an idle connection with 1001 and runs $disconnect', async () => {
    const { gateway, disconnects } = await gatewayRecordingDisconnects({ idleTimeoutMs: 150 });
    try {
      const client = await connect(gateway.wsUrl);
      const closed = await withDeadline(client.closed, 'the idle close');
      assert.equal(closed.code, 1001);
      const context = contextOf(await waitFor(() => disconnects[0], 'the $disconnect event'));
      assert.equal(context['disconnectStatusCode'], 1001);
      assert.equal(context['disconnectReason'], 'Going away');
    } finally {
      await gateway.service.stop();
    }
  });

  it('client activity postpones the idle close; it comes one idle time after the last message', async () => {
    const { gateway } = await gatewayRecordingDisconnects({ idleTimeoutMs: 400 });
    try {
      const client = await connect(gateway.wsUrl);
      let closedAt: number | undefined;
      void client.closed.then(() => {
        closedAt = Date.now();
      });
      // Two idle times of chatter, one message every 50 ms.
      let lastSentAt = Date.now();
      for (let sent = 0; sent < 16; sent += 1) {
        client.ws.send('still here');
        lastSentAt = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(closedAt, undefined, 'closed while messages kept coming');
      const closed = await withDeadline(client.closed, 'the idle close');
      assert.equal(closed.code, 1001);
      const quiet = (closedAt ?? Date.now()) - lastSentAt;
      assert.ok(quiet >= 390, `closed ${quiet} ms after the last message, before the 400 ms idle time`);
    } finally {
      await gateway.service.stop();
    }
  });

  it('closes a connection at the maximum duration even while it is busy', async () => {
    const { gateway } = await gatewayRecordingDisconnects({ maxConnectionMs: 200 });
    try {
      const client = await connect(gateway.wsUrl);
      const chatter = setInterval(() => client.ws.send('still here'), 20);
      const closed = await withDeadline(client.closed, 'the max-duration close');
      clearInterval(chatter);
      assert.equal(closed.code, 1001);
      assert.ok(client.received.includes('still here'));
    } finally {
      await gateway.service.stop();
    }
  });

  it('stop() closes every socket with 1001 and runs $disconnect for each', async () => {
    const { gateway, disconnects } = await gatewayRecordingDisconnects();
    const first = await connect(gateway.wsUrl);
    const second = await connect(gateway.wsUrl);
    const ids = gateway.service.connections().sort();
    await gateway.service.stop();
    assert.equal((await first.closed).code, 1001);
    assert.equal((await second.closed).code, 1001);
    assert.deepEqual(disconnects.map((event) => contextOf(event)['connectionId']).sort(), ids);
    assert.ok(disconnects.every((event) => contextOf(event)['disconnectStatusCode'] === 1001));
    assert.equal(gateway.service.port, 0);
  });

  it('logs a failing $disconnect instead of throwing', async () => {
    const gateway = await startGateway({
      routes: [lambdaRoute('$disconnect', 'broken-fn')],
      lambdas: {
        'broken-fn': () => {
          throw new Error('table gone');
        },
      },
    });
    try {
      const client = await connect(gateway.wsUrl);
      client.ws.close(1000);
      await client.closed;
      await waitFor(
        () => gateway.logs.find((line) => line.includes('$disconnect failed') && line.includes('table gone')),
        'the logged failure',
      );
    } finally {
      await gateway.service.stop();
    }
  });
});
