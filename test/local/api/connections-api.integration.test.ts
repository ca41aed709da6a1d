import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { Duplex } from 'node:stream';
import { watchFrameSizes } from '../../../local/api/frame-guard.ts';
import { connect, lambdaRoute, startGateway, waitFor, withDeadline } from './harness.ts';

const sdkClient = (endpoint: string) =>
  new ApiGatewayManagementApiClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('api gateway: @connections', () => {
  it('posts, describes and deletes a connection through the AWS SDK, then answers GoneException', async () => {
    const disconnects: unknown[] = [];
    const gateway = await startGateway({
      routes: [lambdaRoute('$disconnect', 'disconnect-fn')],
      lambdas: {
        'disconnect-fn': (event) => {
          disconnects.push(event);
          return { statusCode: 200 };
        },
      },
    });
    const sdk = sdkClient(gateway.connectionsEndpoint);
    try {
      const client = await connect(gateway.wsUrl, [], { headers: { 'User-Agent': 'test-agent/1.0' } });
      const [ConnectionId] = gateway.service.connections();
      assert.ok(ConnectionId?.endsWith('='), 'ids end in = so the SDK must URL-encode them');

      const posted = await sdk.send(
        new PostToConnectionCommand({ ConnectionId, Data: Buffer.from('{"hello":"from the backend"}') }),
      );
      assert.equal(posted.$metadata.httpStatusCode, 200);
      assert.equal(await client.nextFrame(), '{"hello":"from the backend"}');

      const described = await sdk.send(new GetConnectionCommand({ ConnectionId }));
      assert.equal(described.Identity?.SourceIp, '127.0.0.1');
      assert.equal(described.Identity?.UserAgent, 'test-agent/1.0');
      assert.ok(described.ConnectedAt instanceof Date && described.LastActiveAt instanceof Date);
      assert.ok(described.LastActiveAt.getTime() >= described.ConnectedAt.getTime());

      const deleted = await sdk.send(new DeleteConnectionCommand({ ConnectionId }));
      assert.equal(deleted.$metadata.httpStatusCode, 204);
      assert.deepEqual(await withDeadline(client.closed, 'the deleted socket to close'), {
        code: 1000,
        reason: 'Connection Closed Normally',
      });
      const disconnect = (await waitFor(() => disconnects[0], 'the $disconnect after DELETE')) as {
        requestContext: Record<string, unknown>;
      };
      assert.equal(disconnect.requestContext['disconnectStatusCode'], 1000);
      assert.equal(disconnect.requestContext['disconnectReason'], 'Connection Closed Normally');

      for (const command of [
        new PostToConnectionCommand({ ConnectionId, Data: Buffer.from('late') }),
        new GetConnectionCommand({ ConnectionId }),
        new DeleteConnectionCommand({ ConnectionId }),
      ]) {
        await assert.rejects(
          sdk.send(command as PostToConnectionCommand),
          (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
            assert.equal(error.name, 'GoneException');
            assert.equal(error.$metadata?.httpStatusCode, 410);
            return true;
          },
        );
      }
    } finally {
      sdk.destroy();
      await gateway.service.stop();
    }
  });

  it('speaks the raw wire format: %40connections, ISO timestamps, 413 and the 410 header', async () => {
    const gateway = await startGateway({});
    try {
      const client = await connect(gateway.wsUrl);
      const [id] = gateway.service.connections();
      const url = `${gateway.connectionsEndpoint}/%40connections/${encodeURIComponent(id ?? '')}`;

      const described = await fetch(url);
      assert.equal(described.status, 200);
      const body = (await described.json()) as {
        connectedAt: string;
        identity: Record<string, string>;
        lastActiveAt: string;
      };
      assert.deepEqual(Object.keys(body), ['connectedAt', 'identity', 'lastActiveAt']);
      assert.match(body.connectedAt, ISO);
      assert.match(body.lastActiveAt, ISO);
      assert.deepEqual(body.identity, { sourceIp: '127.0.0.1' }); // the ws client sends no User-Agent

      // Sent in frames of at most 32 KB, as the frame quota says of @connections messages: watched on the client's wire.
      const framesOver = (limit: number) => {
        const sizes: number[] = [];
        watchFrameSizes((client.ws as unknown as { _socket: Duplex })._socket, limit, (bytes) => sizes.push(bytes));
        return sizes;
      };
      const over32k = framesOver(32768);
      const overOneLess = framesOver(32767);
      const tooLarge = await fetch(url, { method: 'POST', body: 'z'.repeat(131073) });
      assert.equal(tooLarge.status, 413);
      assert.equal(tooLarge.headers.get('x-amzn-errortype'), 'PayloadTooLargeException');
      await tooLarge.arrayBuffer();
      const justFits = await fetch(url, { method: 'POST', body: 'z'.repeat(131072) });
      assert.equal(justFits.status, 200);
      assert.equal((await client.nextFrame()).length, 131072);
      assert.deepEqual(over32k, [], 'no frame over 32 KB');
      assert.deepEqual(overOneLess, [32768], 'the first frame is a full 32 KB (the watcher stops at the first)');
      const multiByte = 'é€😀'.repeat(5000); // 45,000 UTF-8 bytes: the split falls inside characters
      assert.equal((await fetch(url, { method: 'POST', body: multiByte })).status, 200);
      assert.equal(await client.nextFrame(), multiByte);

      const unknown = await fetch(`${gateway.connectionsEndpoint}/@connections/nope%3D`, { method: 'POST', body: 'x' });
      assert.equal(unknown.status, 410);
      assert.equal(unknown.headers.get('x-amzn-errortype'), 'GoneException');
      assert.equal(await unknown.text(), '{}');

      const otherStage = await fetch(
        `http://127.0.0.1:${gateway.service.port}/dev/@connections/${encodeURIComponent(id ?? '')}`,
      );
      assert.equal(otherStage.status, 403);
      assert.equal(await otherStage.text(), '{"message":"Forbidden"}');
      client.ws.close();
      await client.closed;
    } finally {
      await gateway.service.stop();
    }
  });

  it('throttles with 429 LimitExceededException only when connectionsRequestsPerSecond is set', async () => {
    const throttled = await startGateway({ connectionsRequestsPerSecond: 2 });
    const unthrottled = await startGateway({});
    // One attempt: the SDK retries a throttled call, and the bucket refills meanwhile.
    const sdk = new ApiGatewayManagementApiClient({
      endpoint: throttled.connectionsEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    try {
      const client = await connect(throttled.wsUrl);
      const [ConnectionId] = throttled.service.connections();
      const url = `${throttled.connectionsEndpoint}/@connections/${encodeURIComponent(ConnectionId ?? '')}`;
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(url)).status);
      assert.deepEqual(statuses, [200, 200, 429]);
      const refused = await fetch(url, { method: 'POST', body: 'x' });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('x-amzn-errortype'), 'LimitExceededException');
      await assert.rejects(
        sdk.send(new GetConnectionCommand({ ConnectionId })),
        (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
          assert.equal(error.name, 'LimitExceededException');
          assert.equal(error.$metadata?.httpStatusCode, 429);
          return true;
        },
      );
      client.ws.close();
      await client.closed;

      const other = await connect(unthrottled.wsUrl);
      const [otherId] = unthrottled.service.connections();
      const otherUrl = `${unthrottled.connectionsEndpoint}/@connections/${encodeURIComponent(otherId ?? '')}`;
      const many = await Promise.all(Array.from({ length: 50 }, async () => (await fetch(otherUrl)).status));
      assert.deepEqual([...new Set(many)], [200], 'no throttling by default');
      other.ws.close();
      await other.closed;
    } finally {
      sdk.destroy();
      await throttled.service.stop();
      await unthrottled.service.stop();
    }
  });

  it('refuses a connectionsRequestsPerSecond that is not a positive integer', async () => {
    await assert.rejects(
      startGateway({ connectionsRequestsPerSecond: 0.5 }),
      /connectionsRequestsPerSecond: 0\.5 must be a positive integer \(requests a second\), or absent for no throttling/,
    );
  });
});
