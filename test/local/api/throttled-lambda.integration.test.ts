/**
 * A throttled Lambda (Invoke's 429 TooManyRequestsException) is an integration failure, as API Gateway answers it
 * (AWS knowledge center, "API Gateway 500 Internal server error"): 500 on `$connect` and from an authorizer, the
 * `Internal server error` frame on a message route, with the connection kept open.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connect, lambdaRoute, refusedHandshake, startGateway } from './harness.ts';

const THROTTLED_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Busy';
const AUTHORIZER_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:BusyAuthorizer';

describe('api gateway: a throttled Lambda', () => {
  it('refuses the handshake with 500 when the $connect Lambda is throttled', async () => {
    const gateway = await startGateway({
      routes: [lambdaRoute('$connect', THROTTLED_ARN, false)],
      lambdas: { [THROTTLED_ARN]: 'throttled' },
    });
    try {
      assert.deepEqual(await refusedHandshake(gateway.wsUrl), {
        status: 500,
        body: '{"message": "Internal server error"}',
      });
      assert.deepEqual(gateway.service.connections(), []);
      assert.ok(
        gateway.logs.some((line) => line.includes('throttled: TooManyRequestsException: Rate Exceeded.')),
        gateway.logs.join('\n'),
      );
    } finally {
      await gateway.service.stop();
    }
  });

  it('refuses the handshake with 500 when the authorizer is throttled', async () => {
    const gateway = await startGateway({
      routes: [
        {
          ...lambdaRoute('$connect', THROTTLED_ARN, false),
          authorization: {
            type: 'CUSTOM',
            functionArn: AUTHORIZER_ARN,
            identitySources: [{ from: 'querystring', name: 'token' }],
          },
        },
      ],
      lambdas: { [AUTHORIZER_ARN]: 'throttled', [THROTTLED_ARN]: () => ({ statusCode: 200 }) },
    });
    try {
      assert.equal((await refusedHandshake(`${gateway.wsUrl}?token=t`)).status, 500);
    } finally {
      await gateway.service.stop();
    }
  });

  it('answers a message with the Internal server error frame and keeps the connection open', async () => {
    const gateway = await startGateway({
      routes: [lambdaRoute('$default', THROTTLED_ARN)],
      lambdas: { [THROTTLED_ARN]: 'throttled' },
    });
    try {
      const client = await connect(gateway.wsUrl);
      client.ws.send('hello');
      assert.match(
        await client.nextFrame(),
        /^\{"message": "Internal server error", "connectionId":"[^"]+", "requestId":"[^"]+"\}$/,
      );
      client.ws.send('again');
      assert.match(await client.nextFrame(), /^\{"message": "Internal server error", /);
      assert.equal(gateway.service.connections().length, 1);
      client.ws.close();
      await client.closed;
    } finally {
      await gateway.service.stop();
    }
  });
});
