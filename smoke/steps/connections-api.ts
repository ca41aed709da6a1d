/** The `@connections` management API through the AWS SDK: GET, POST, DELETE, and 410 once the client is gone. */
import assert from 'node:assert/strict';
import {
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { connectIdentified, connectionsApiClient } from '../connection-id.ts';
import type { SmokeContext } from '../context.ts';
import { smokeStep } from './smoke-step.ts';
import { plainClientUrl } from '../features.ts';

async function expectGone(send: () => Promise<unknown>, what: string): Promise<void> {
  await assert.rejects(send, (error: unknown) => {
    assert.ok(error instanceof GoneException, `${what}: expected GoneException (410), got ${String(error)}`);
    assert.equal(error.$metadata.httpStatusCode, 410, `${what}: HTTP status`);
    return true;
  });
}

export function connectionsApiSteps(context: SmokeContext): void {
  const { settings } = context;

  smokeStep(context, '@connections: GET, POST and DELETE through the SDK, then 410 GoneException', async () => {
    const outputs = context.outputs();
    const api = connectionsApiClient(context);
    const { client, connectionId } = await connectIdentified(context, plainClientUrl(outputs));
    try {
      const described = await api.send(new GetConnectionCommand({ ConnectionId: connectionId }));
      assert.ok(described.ConnectedAt instanceof Date, 'GET @connections: ConnectedAt');
      assert.ok(described.LastActiveAt instanceof Date, 'GET @connections: LastActiveAt');
      assert.equal(typeof described.Identity?.SourceIp, 'string', 'GET @connections: Identity.SourceIp');

      const note = JSON.stringify({ pushed: context.uniqueId() });
      await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(note) }));
      assert.equal(
        await client.next('the message POSTed to @connections', settings.stepTimeoutMs),
        note,
        'POST @connections: the client receives the data',
      );

      await api.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      // The close code AWS sends on DELETE is not documented; the close itself is the contract.
      await client.closedWithin('the close after DELETE @connections', settings.stepTimeoutMs);
      await expectGone(() => api.send(new GetConnectionCommand({ ConnectionId: connectionId })), 'GET after DELETE');
      await expectGone(
        () =>
          api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode('late') })),
        'POST after DELETE',
      );
    } finally {
      await client.close();
      api.destroy();
    }
  });
}
