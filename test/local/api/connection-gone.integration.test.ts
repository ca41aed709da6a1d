/**
 * A message's Lambda call carries the connection's `gone` signal (made on its first read, not per connection):
 * not aborted while the connection is open, aborted once it closes, whichever side closes it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LambdaInvokeLimits } from '../../../local/api/index.ts';
import { connect, lambdaRoute, startGateway, withDeadline } from './harness.ts';

describe('api gateway: a connection gone signal', () => {
  it('is open during the call, aborted after the client closes; a later connection gets its own', async () => {
    const seen: { signal: AbortSignal | undefined; abortedDuringCall: boolean | undefined }[] = [];
    const gateway = await startGateway({
      routes: [lambdaRoute('$default', 'echo-fn')],
      lambdas: {
        'echo-fn': (event, limits: LambdaInvokeLimits) => {
          seen.push({ signal: limits.signal, abortedDuringCall: limits.signal?.aborted });
          return { statusCode: 200, body: String(event['body']) };
        },
      },
    });
    try {
      const first = await connect(gateway.wsUrl);
      first.ws.send('one');
      assert.equal(await first.nextFrame(), 'one');
      first.ws.send('two');
      assert.equal(await first.nextFrame(), 'two');
      first.ws.close();
      await first.closed;
      const second = await connect(gateway.wsUrl);
      second.ws.send('three');
      assert.equal(await second.nextFrame(), 'three');
      assert.equal(seen.length, 3);
      assert.deepEqual(
        seen.map((call) => call.abortedDuringCall),
        [false, false, false],
      );
      assert.ok(seen[0]?.signal instanceof AbortSignal);
      assert.equal(seen[0]?.signal, seen[1]?.signal, 'one signal per connection');
      assert.notEqual(seen[2]?.signal, seen[0]?.signal);
      await withDeadline(
        (async () => {
          while (seen[0]?.signal?.aborted !== true) await new Promise((resolve) => setTimeout(resolve, 5));
        })(),
        'the first connection signal aborted after its close',
      );
      assert.equal(seen[2]?.signal?.aborted, false, 'the open connection is not gone');
      second.ws.close();
      await second.closed;
    } finally {
      await gateway.service.stop();
    }
  });

  it('is aborted when the gateway closes the connection (stop)', async () => {
    let signal: AbortSignal | undefined;
    const gateway = await startGateway({
      routes: [lambdaRoute('$default', 'echo-fn')],
      lambdas: {
        'echo-fn': (_event, limits: LambdaInvokeLimits) => {
          signal = limits.signal;
          return { statusCode: 200, body: 'ok' };
        },
      },
    });
    let stopped = false;
    try {
      const client = await connect(gateway.wsUrl);
      client.ws.send('hi');
      assert.equal(await client.nextFrame(), 'ok');
      assert.equal(signal?.aborted, false);
      await gateway.service.stop();
      stopped = true;
      assert.equal(signal?.aborted, true);
      assert.equal((await client.closed).code, 1001);
    } finally {
      if (!stopped) await gateway.service.stop();
    }
  });
});
