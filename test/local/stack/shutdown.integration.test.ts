/**
 * Stopping the stack (Ctrl-C in `npm start`): every open connection gets `$disconnect` (its session
 * record is deleted), and what DynamoDB holds on disk survives a restart from the same data folder.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { asEdge, withKnownOriginSecret } from '../../support/edge-secret.ts';
import { connect } from '../../../smoke/client.ts';
import { echoOnDefault } from '../../../smoke/steps/echo.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';
import { developerDynamoDb } from '../../support/aws-credentials.ts';

const WAIT_MS = 10_000;
const dynamoOf = (stack: LocalStack) => developerDynamoDb(stack);

describe('local stack: clean stop', () => {
  it('runs $disconnect for every open connection and keeps on-disk data across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stack-data-'));
    const bundleDir = freshBundleDir();
    const first = await startLocalStack({ dataDir, bundleDir, log: () => {}, ...withKnownOriginSecret() });
    const dynamo = dynamoOf(first);
    const table = first.outputs.Sessions;
    const clients = await Promise.all([1, 2, 3].map(() => connect(first.outputs.APIEndpoint, WAIT_MS, asEdge())));
    for (const client of clients) await echoOnDefault(client, 'open', WAIT_MS);
    assert.equal((await dynamo.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count, 3);
    await dynamo.send(
      new PutItemCommand({
        TableName: table,
        Item: { connectionid: { S: 'kept-across-restarts' }, ttl: { N: '4102444800' } },
      }),
    );
    dynamo.destroy();

    await first.stop();
    for (const client of clients)
      assert.equal((await client.closedWithin('the 1001 close on stop', WAIT_MS)).code, 1001);

    const second = await startLocalStack({ dataDir, bundleDir, log: () => {}, ...withKnownOriginSecret() });
    const reopened = dynamoOf(second);
    try {
      const items = (await reopened.send(new ScanCommand({ TableName: table }))).Items ?? [];
      assert.deepEqual(
        items.map((item) => item['connectionid']?.S),
        ['kept-across-restarts'],
        'only the marker survives; every session record was deleted by $disconnect',
      );
      const marker = await reopened.send(
        new GetItemCommand({ TableName: table, Key: { connectionid: { S: 'kept-across-restarts' } } }),
      );
      assert.equal(marker.Item?.['ttl']?.N, '4102444800');
    } finally {
      reopened.destroy();
      await second.stop();
    }
  });
});
