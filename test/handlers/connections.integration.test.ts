/**
 * handlers/lib/connections.ts against the local stack's real `@connections` and DynamoDB, signed with the keys of
 * the chat example's function role. The local stack does not check functions' own SDK calls against IAM yet
 * (local/FEATURES.md, IAM), so test/generator/function-access-iam.test.ts evaluates that role for these calls.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  broadcast,
  postToConnection,
  recordedConnections,
  type ConnectionStore,
} from '../../handlers/lib/connections.ts';
import { startLocalStack, type LocalStack } from '../../local/stack/index.ts';
import { connect, type SmokeClient } from '../../smoke/client.ts';
import { roleCredentials, developerDynamoDb } from '../support/aws-credentials.ts';
import { freshBundleDir } from '../support/generated-stack.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const TEMPLATE = 'examples/chat/template.yaml';
const STEP_MS = 10_000;

describe('handlers/lib/connections.ts on the local stack', () => {
  let stack: LocalStack;
  let developer: DynamoDBClient;
  let clients: SmokeClient[] = [];
  before(async () => {
    stack = await startLocalStack({ templateFile: TEMPLATE, bundleDir: freshBundleDir(), log: () => {} });
    developer = developerDynamoDb(stack);
  });
  after(async () => {
    developer.destroy();
    await stack.stop();
  });

  /** The store a function running as `role` builds, pointed at the local services. */
  function storeAs(role: string): ConnectionStore {
    const { credentials } = roleCredentials(TEMPLATE, role);
    const common = { region: stack.outputs.Region, credentials };
    return {
      dynamodb: new DynamoDBClient({ ...common, endpoint: stack.outputs.DynamoDBEndpoint }),
      connections: new ApiGatewayManagementApiClient({ ...common, endpoint: stack.outputs.ConnectionsEndpoint }),
      table: stack.outputs.Sessions!,
      partitionKey: 'connectionid',
    };
  }

  const recorded = async () =>
    ((await developer.send(new ScanCommand({ TableName: stack.outputs.Sessions }))).Items ?? [])
      .map((item) => item['connectionid']!.S!)
      .sort();

  async function connectClients(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const before = new Set(await recorded());
      clients.push(await connect(stack.outputs.APIEndpoint, STEP_MS));
      ids.push((await recorded()).find((id) => !before.has(id))!);
    }
    return ids;
  }

  const closeClients = async () => {
    for (const client of clients) await client.close();
    clients = [];
  };

  it('postToConnection: delivered to a live connection (a string as-is, an object as JSON); gone (410) deletes that record only', async () => {
    const store = storeAs('SendmessageFunctionRole');
    try {
      const [live] = await connectClients(1);
      assert.equal(await postToConnection(store, live!, 'plain text'), 'delivered');
      assert.equal(await clients[0]!.next('the string', STEP_MS), 'plain text');
      assert.equal(await postToConnection(store, live!, { a: [1, 'b'] }), 'delivered');
      assert.equal(await clients[0]!.next('the object', STEP_MS), '{"a":[1,"b"]}');
      assert.equal(await postToConnection(store, live!, new TextEncoder().encode('bytes')), 'delivered');
      assert.equal(await clients[0]!.next('the bytes', STEP_MS), 'bytes');

      await developer.send(
        new PutItemCommand({ TableName: stack.outputs.Sessions, Item: { connectionid: { S: 'GoneConnection1=' } } }),
      );
      assert.equal(await postToConnection(store, 'GoneConnection1=', 'x'), 'gone');
      assert.deepEqual(await recorded(), [live]);
    } finally {
      await closeClients();
      store.dynamodb.destroy();
      store.connections.destroy();
    }
  });

  it('broadcast: every recorded connection but the excepted ones, stale records removed, counts reported', async () => {
    const store = storeAs('SendmessageFunctionRole');
    try {
      const ids = await connectClients(3);
      for (const stale of ['StaleConnectionA=', 'StaleConnectionB=']) {
        await developer.send(
          new PutItemCommand({ TableName: stack.outputs.Sessions, Item: { connectionid: { S: stale } } }),
        );
      }
      assert.deepEqual(
        (await recordedConnections(store)).sort(),
        [...ids, 'StaleConnectionA=', 'StaleConnectionB='].sort(),
      );
      const report = await broadcast(store, { hello: 'all' }, { except: [ids[0]!] });
      assert.deepEqual(report, { delivered: 2, removedStale: 2, failed: [] });
      for (const client of clients.slice(1))
        assert.equal(await client.next('the broadcast', STEP_MS), '{"hello":"all"}');
      assert.deepEqual(await recorded(), [...ids].sort());
      // The excepted client got nothing: its next message is this one.
      assert.equal(await postToConnection(store, ids[0]!, 'only you'), 'delivered');
      assert.equal(await clients[0]!.next('the direct message', STEP_MS), 'only you');
    } finally {
      await closeClients();
      store.dynamodb.destroy();
      store.connections.destroy();
    }
  });
});
