/**
 * Faults through the whole local stack (generated from a fixture config): a handler that throws or
 * outlives its timeout answers API Gateway's `Internal server error` frame and never takes the
 * gateway or other connections down; with no `$default`, unknown and non-JSON messages get `Forbidden`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { LocalStack } from '../../../local/stack/index.ts';
import { connect } from '../../../smoke/client.ts';
import { startGeneratedStack } from '../../support/generated-stack.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/faults/ws.config.ts', import.meta.url));
const WAIT_MS = 10_000;

function errorFrame(message: string, connectionId: string): RegExp {
  return new RegExp(
    `^\\{"message": "${message}", "connectionId":"${connectionId.replace(/[-=]/g, '\\$&')}", "requestId":"[A-Za-z0-9_=-]+"\\}$`,
  );
}

describe('local stack: handler faults and missing routes', () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startGeneratedStack(FIXTURE);
  });
  after(() => stack.stop());

  async function connectionIdOf(client: Awaited<ReturnType<typeof connect>>): Promise<string> {
    client.socket.send(JSON.stringify({ action: 'faulty', do: 'echo' }));
    return (await client.nextJson<{ connectionId: string }>('the faulty route echo', WAIT_MS)).connectionId;
  }

  it('a handler that throws yields Internal server error, and the connection keeps working', async () => {
    const client = await connect(stack.outputs.APIEndpoint, WAIT_MS);
    try {
      const connectionId = await connectionIdOf(client);
      client.socket.send(JSON.stringify({ action: 'faulty', do: 'throw' }));
      assert.match(await client.next('the error frame', WAIT_MS), errorFrame('Internal server error', connectionId));
      assert.equal(await connectionIdOf(client), connectionId);
    } finally {
      await client.close();
    }
  });

  it('a handler past its timeout yields Internal server error; another connection is served meanwhile', async () => {
    const slow = await connect(stack.outputs.APIEndpoint, WAIT_MS);
    const other = await connect(stack.outputs.APIEndpoint, WAIT_MS);
    try {
      const slowId = await connectionIdOf(slow);
      slow.socket.send(JSON.stringify({ action: 'faulty', do: 'hang' }));
      const otherId = await connectionIdOf(other);
      assert.notEqual(otherId, slowId);
      assert.match(
        await slow.next('the error frame after the 1 s timeout', WAIT_MS),
        errorFrame('Internal server error', slowId),
      );
      assert.equal(await connectionIdOf(slow), slowId);
    } finally {
      await slow.close();
      await other.close();
    }
  });

  it('with no $default route, an unknown action, a non-JSON and an array message get the Forbidden frame', async () => {
    const client = await connect(stack.outputs.APIEndpoint, WAIT_MS);
    try {
      const connectionId = await connectionIdOf(client);
      for (const message of [JSON.stringify({ action: 'no_such_route' }), 'not json at all', '[1,2,3]']) {
        client.socket.send(message);
        assert.match(
          await client.next(`the Forbidden frame for ${message}`, WAIT_MS),
          errorFrame('Forbidden', connectionId),
          message,
        );
      }
      assert.equal(client.socket.readyState, client.socket.OPEN);
    } finally {
      await client.close();
    }
  });
});
