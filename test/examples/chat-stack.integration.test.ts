/**
 * The chat example end to end on the local stack (IAM enforced, so the function's generated role must be enough):
 * three real clients; each message reaches the other two (and its sender, as in AWS's sample); a record whose
 * connection vanished without `$disconnect` is removed when a broadcast meets its 410, and nothing else is.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { startLocalStack, type LocalStack } from '../../local/stack/index.ts';
import { connect, type SmokeClient } from '../../smoke/client.ts';
import { developerDynamoDb } from '../support/aws-credentials.ts';
import { freshBundleDir } from '../support/generated-stack.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const TEMPLATE = 'examples/chat/template.yaml';
const STEP_MS = 10_000;
/** How long a client must stay silent to count as "received nothing". */
const QUIET_MS = 500;

describe('examples/chat on the local stack', () => {
  let stack: LocalStack;
  let dynamodb: DynamoDBClient;
  const logs: string[] = [];
  before(async () => {
    stack = await startLocalStack({
      templateFile: TEMPLATE,
      bundleDir: freshBundleDir(),
      log: (line) => logs.push(line),
    });
    dynamodb = developerDynamoDb(stack);
  });
  after(async () => {
    dynamodb.destroy();
    await stack.stop();
  });

  const recordedIds = async () =>
    ((await dynamodb.send(new ScanCommand({ TableName: stack.outputs.Sessions }))).Items ?? [])
      .map((item) => item['connectionid']!.S!)
      .sort();

  /** Three clients, each told apart by the ID of its record (records appear in connect order). */
  async function threeClients(): Promise<Array<{ client: SmokeClient; id: string }>> {
    const clients: Array<{ client: SmokeClient; id: string }> = [];
    for (let i = 0; i < 3; i++) {
      const before = new Set(await recordedIds());
      const client = await connect(stack.outputs.APIEndpoint, STEP_MS);
      const added = (await recordedIds()).filter((id) => !before.has(id));
      assert.equal(added.length, 1, 'each client has one session record');
      clients.push({ client, id: added[0]! });
    }
    return clients;
  }

  it('each message reaches the other two clients (and its sender), strings as sent and anything else as JSON', async () => {
    const clients = await threeClients();
    try {
      for (const [i, { client }] of clients.entries()) {
        client.socket.send(JSON.stringify({ action: 'sendmessage', data: `hello from ${i}` }));
        for (const [j, other] of clients.entries())
          assert.equal(await other.client.next(`client ${i}'s message at client ${j}`, STEP_MS), `hello from ${i}`);
      }
      clients[1]!.client.socket.send(JSON.stringify({ action: 'sendmessage', data: { text: 'structured', n: 1 } }));
      for (const other of clients)
        assert.equal(await other.client.next('the structured message', STEP_MS), '{"text":"structured","n":1}');
    } finally {
      for (const { client } of clients) await client.close();
    }
  });

  it('a message without data is answered to its sender alone', async () => {
    const clients = await threeClients();
    try {
      clients[0]!.client.socket.send(JSON.stringify({ action: 'sendmessage', text: 'no data field' }));
      assert.deepEqual(await clients[0]!.client.nextJson('the usage answer', STEP_MS), {
        message: 'send {"action": "sendmessage", "data": <your message>}',
      });
      // The others get nothing: the next thing they see is a later broadcast.
      await new Promise((done) => setTimeout(done, QUIET_MS));
      clients[2]!.client.socket.send(JSON.stringify({ action: 'sendmessage', data: 'after' }));
      for (const { client } of clients) assert.equal(await client.next('the later broadcast', STEP_MS), 'after');
    } finally {
      for (const { client } of clients) await client.close();
    }
  });

  it('each message is kept in the declared messages table; history (read-only) answers the latest, newest first', async () => {
    const clients = await threeClients();
    try {
      const [writer, reader] = [clients[0]!, clients[1]!];
      for (const text of ['first kept', 'second kept']) {
        writer.client.socket.send(JSON.stringify({ action: 'sendmessage', data: text }));
        for (const { client } of clients) assert.equal(await client.next(`the broadcast of ${text}`, STEP_MS), text);
      }
      const table = (
        await dynamodb.send(new ScanCommand({ TableName: stack.outputs.Sessions!.replace(/-Sessions$/, '-Messages') }))
      ).Items;
      const kept = (table ?? []).filter((item) => item['from']?.S === writer.id);
      assert.deepEqual(kept.map((item) => item['data']!.S).sort(), ['first kept', 'second kept']);
      for (const item of kept) {
        assert.equal(item['room']!.S, 'lobby');
        assert.equal(Number(item['expiresAt']!.N) - Math.floor(Number(item['sentAt']!.N) / 1000), 86_400);
      }
      reader.client.socket.send(JSON.stringify({ action: 'history' }));
      const answer = (await reader.client.nextJson('the history', STEP_MS)) as {
        messages: Array<{ from: string; data: string }>;
      };
      const mine = answer.messages.filter((message) => message.from === writer.id).map((message) => message.data);
      assert.deepEqual(mine, ['second kept', 'first kept'], 'newest first');
      assert.deepEqual(
        logs.filter((line) => line.startsWith('iam:')),
        [],
        'the generated roles allowed every call',
      );
    } finally {
      for (const { client } of clients) await client.close();
    }
  });

  it('a connection gone without $disconnect is removed on its 410; the live records and other items stay', async () => {
    const clients = await threeClients();
    try {
      // A record left by a connection that vanished without $disconnect (a lost disconnect event), with the live
      // records' shape: @connections answers 410 for it.
      const vanished = 'VanishedConn0=';
      const live = await dynamodb.send(new ScanCommand({ TableName: stack.outputs.Sessions }));
      const shape = live.Items![0]!;
      await dynamodb.send(
        new PutItemCommand({ TableName: stack.outputs.Sessions, Item: { ...shape, connectionid: { S: vanished } } }),
      );
      assert.deepEqual(await recordedIds(), [...clients.map(({ id }) => id), vanished].sort());

      clients[0]!.client.socket.send(JSON.stringify({ action: 'sendmessage', data: 'anyone there?' }));
      for (const { client } of clients) assert.equal(await client.next('the broadcast', STEP_MS), 'anyone there?');
      await waitFor(
        async () => !(await recordedIds()).includes(vanished),
        "the vanished connection's record to be removed",
      );
      assert.deepEqual(
        await recordedIds(),
        clients.map(({ id }) => id).sort(),
        'exactly the three live records remain',
      );
      assert.deepEqual(
        logs.filter((line) => line.startsWith('iam:')),
        [],
        'the generated role allowed every call',
      );
    } finally {
      for (const { client } of clients) await client.close();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
