/**
 * A stage's route throttle (DefaultRouteSettings / RouteSettings: ThrottlingBurstLimit, ThrottlingRateLimit): a token
 * bucket per route; past it `$connect` is answered 429 before the authorizer or integration runs, and a message gets
 * the `Too Many Requests` frame with its integration not called, the connection kept open. `$disconnect` is not
 * throttled. A rate of 0.001 a second refills nothing within a test, so the burst alone decides.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connect, lambdaRoute, refusedHandshake, startGateway } from './harness.ts';

const ECHO_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Echo';
const CONNECT_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Connect';
const DISCONNECT_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Disconnect';
const NO_REFILL = 0.001;

describe('api gateway: a route throttle of the stage', () => {
  it('answers a message past the burst with the Too Many Requests frame, not calling the integration', async () => {
    let echoed = 0;
    const gateway = await startGateway({
      routes: [{ ...lambdaRoute('$default', ECHO_ARN), throttle: { rateLimit: NO_REFILL, burstLimit: 2 } }],
      lambdas: {
        [ECHO_ARN]: (event) => {
          echoed += 1;
          return { statusCode: 200, body: `echo ${event['body']}` };
        },
      },
    });
    try {
      const client = await connect(gateway.wsUrl);
      for (const text of ['one', 'two']) {
        client.ws.send(text);
        assert.equal(await client.nextFrame(), `echo ${text}`);
      }
      client.ws.send('three');
      assert.match(
        await client.nextFrame(),
        /^\{"message": "Too Many Requests", "connectionId":"[^"]+", "requestId":"[^"]+"\}$/,
      );
      assert.equal(echoed, 2, 'the throttled message never reached the integration');
      assert.equal(gateway.service.connections().length, 1, 'the connection stays open');
      assert.ok(
        gateway.logs.some((line) =>
          line.includes("route $default: the stage's route throttle (0.001/s, burst 2) exceeded"),
        ),
        gateway.logs.join('\n'),
      );
      client.ws.close();
    } finally {
      await gateway.service.stop();
    }
  });

  it('refuses a $connect past the burst with 429 before its integration runs, and never throttles $disconnect', async () => {
    const calls: string[] = [];
    const gateway = await startGateway({
      routes: [
        { ...lambdaRoute('$connect', CONNECT_ARN, false), throttle: { rateLimit: NO_REFILL, burstLimit: 1 } },
        { ...lambdaRoute('$disconnect', DISCONNECT_ARN, false), throttle: { rateLimit: NO_REFILL, burstLimit: 0 } },
      ],
      lambdas: {
        [CONNECT_ARN]: () => {
          calls.push('connect');
          return { statusCode: 200 };
        },
        [DISCONNECT_ARN]: () => {
          calls.push('disconnect');
          return { statusCode: 200 };
        },
      },
    });
    try {
      const first = await connect(gateway.wsUrl);
      assert.deepEqual(await refusedHandshake(gateway.wsUrl), { status: 429, body: '{"message":"Too Many Requests"}' });
      first.ws.close();
      const deadline = Date.now() + 5_000;
      while (!calls.includes('disconnect') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(calls, ['connect', 'disconnect']);
    } finally {
      await gateway.service.stop();
    }
  });

  it('refuses a throttle that is not a bucket, naming the route and the rule', async () => {
    await assert.rejects(
      startGateway({
        routes: [{ ...lambdaRoute('$default', ECHO_ARN), throttle: { rateLimit: -1, burstLimit: 1.5 } }],
      }),
      /routes\[0\]\.throttle: .*must be \{ rateLimit: number >= 0, burstLimit: integer >= 0 \}/,
    );
  });
});
