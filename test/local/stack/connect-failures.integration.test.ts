/**
 * `$connect` failures through the whole sample stack: DynamoDB refusing the session record turns the
 * handshake down and leaves nothing behind; clients that reset mid-handshake (through the edge and
 * straight to the API) leave no record and do not disturb the next client.
 */
import assert from 'node:assert/strict';
import { connect as netConnect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { connect, expectRefused } from '../../../smoke/client.ts';
import { parseStackOutputs, type StackOutputs } from '../../../smoke/outputs.ts';
import { echoOnDefault } from '../../../smoke/steps/echo.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';

const WAIT_MS = 10_000;

function upgradeRequest(path: string): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
  );
}

/** Writes a full upgrade request, then resets the TCP connection after `delayMs`. */
function resetDuringHandshake(wsUrl: string, path: string, delayMs: number): Promise<void> {
  const { hostname, port } = new URL(wsUrl);
  return new Promise((resolve) => {
    const socket = netConnect(Number(port), hostname, () => {
      socket.write(upgradeRequest(path));
      setTimeout(() => {
        socket.resetAndDestroy();
        resolve();
      }, delayMs);
    });
    socket.on('error', () => undefined);
  });
}

describe('local stack: $connect failures', () => {
  let stack: LocalStack;
  let dynamo: DynamoDBClient;
  let outputs: StackOutputs;
  /** Until DescribeTable finds no such table (a deletion still under way answers DELETING), within WAIT_MS. */
  const tableGone = async (name: string) => {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      try {
        await dynamo.send(new DescribeTableCommand({ TableName: name }));
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return;
        throw error;
      }
      assert.ok(Date.now() < deadline, `table ${name} still exists ${WAIT_MS} ms after DeleteTable`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const scanCount = async () =>
    (await dynamo.send(new ScanCommand({ TableName: outputs.Sessions, Select: 'COUNT' }))).Count;
  before(async () => {
    stack = await startLocalStack({ waitTimeScale: 0.01, bundleDir: freshBundleDir(), log: () => {} });
    outputs = parseStackOutputs(stack.outputs, 'local stack');
    dynamo = new DynamoDBClient({
      endpoint: outputs.DynamoDBEndpoint,
      region: outputs.Region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  after(async () => {
    dynamo.destroy();
    await stack.stop();
  });

  it('leaves no record and serves the next client after resets at every point of the handshake', async () => {
    const api = new URL(outputs.APIEndpoint);
    for (let delayMs = 0; delayMs < 30; delayMs += 3) {
      await resetDuringHandshake(outputs.Distribution!, `/reset/${delayMs}?x=1`, delayMs);
      await resetDuringHandshake(outputs.APIEndpoint, api.pathname, delayMs);
    }
    const deadline = Date.now() + WAIT_MS;
    while ((await scanCount()) !== 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await scanCount(), 0, 'session records left behind by reset handshakes');
    const next = await connect(`${outputs.Distribution}/after/the/resets`, WAIT_MS);
    await echoOnDefault(next, 'still here', WAIT_MS);
    await next.close();
  });

  it('refuses the handshake with 500 and stores nothing when DynamoDB rejects the session record', async () => {
    // A table whose key is not the one the $connect template writes: every PutItem is a ValidationException.
    await dynamo.send(new DeleteTableCommand({ TableName: outputs.Sessions }));
    // DeleteTable answers while the table is still DELETING (as on AWS); a CreateTable before it is gone is refused
    // with ResourceInUseException, which a busy machine made this test meet.
    await tableGone(outputs.Sessions);
    await dynamo.send(
      new CreateTableCommand({
        TableName: outputs.Sessions,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      }),
    );
    const result = await expectRefused(
      `${outputs.Distribution}/refused/path?q=1`,
      WAIT_MS,
      'a handshake whose session record could not be written',
    );
    assert.equal(result.statusCode, 500);
    assert.equal(await scanCount(), 0);
  });
});
