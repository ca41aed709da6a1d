import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { createDynamoDbService, type DynamoDbService } from '../../../local/dynamodb/index.ts';
import { auditTable, eventually, sdkClient, sessionsTable } from './fixtures.ts';

const NOW_MS = Date.UTC(2026, 0, 1);
const NOW_SECONDS = NOW_MS / 1000;
const YEAR_SECONDS = 365 * 24 * 60 * 60;

function session(connectionId: string, ttl?: AttributeValue): Record<string, AttributeValue> {
  return { connectionId: { S: connectionId }, identity: { S: 'CP001' }, ...(ttl === undefined ? {} : { ttl }) };
}

describe('sweepExpired()', () => {
  let service: DynamoDbService;
  let client: DynamoDBClient;

  before(async () => {
    service = createDynamoDbService({ tables: [sessionsTable(), auditTable()], now: () => NOW_MS });
    await service.start();
    client = sdkClient(service.endpoint);
  });

  after(async () => {
    client.destroy();
    await service.stop();
  });

  it('deletes only items whose TTL (epoch seconds) passed less than five years ago', async () => {
    const items = [
      session('expired', { N: String(NOW_SECONDS - 60) }),
      session('future', { N: String(NOW_SECONDS + 3600) }),
      // requestTimeEpoch (ms) + 86400 written into a seconds field: far future, never expires (like AWS).
      session('milliseconds', { N: String(NOW_MS + 86_400) }),
      session('older-than-five-years', { N: String(NOW_SECONDS - 6 * YEAR_SECONDS) }),
      session('ttl-is-a-string', { S: String(NOW_SECONDS - 60) }),
      session('no-ttl'),
    ];
    for (const item of items) await client.send(new PutItemCommand({ TableName: 'Sessions', Item: item }));
    // Same expired value in a table without TTL: never swept.
    await client.send(
      new PutItemCommand({
        TableName: 'Audit',
        Item: { pk: { S: 'a' }, sk: { N: '1' }, ttl: { N: String(NOW_SECONDS - 60) } },
      }),
    );

    const deleted = await service.sweepExpired();

    const remaining = await client.send(new ScanCommand({ TableName: 'Sessions' }));
    const audit = await client.send(new ScanCommand({ TableName: 'Audit' }));
    assert.equal(deleted, 1);
    assert.deepEqual(remaining.Items?.map((item) => item['connectionId']?.S).sort(), [
      'future',
      'milliseconds',
      'no-ttl',
      'older-than-five-years',
      'ttl-is-a-string',
    ]);
    assert.equal(audit.Count, 1);
    assert.equal(await service.sweepExpired(), 0);
  });
});

describe('periodic TTL sweeper', () => {
  let nowMs = NOW_MS;
  let service: DynamoDbService;
  let client: DynamoDBClient;

  before(async () => {
    service = createDynamoDbService({ tables: [sessionsTable()], ttlSweepIntervalMs: 10, now: () => nowMs });
    await service.start();
    client = sdkClient(service.endpoint);
  });

  after(async () => {
    client.destroy();
    await service.stop();
  });

  it('removes an item once its TTL has passed, without a manual sweep', async () => {
    await client.send(
      new PutItemCommand({ TableName: 'Sessions', Item: session('short-lived', { N: String(NOW_SECONDS + 10) }) }),
    );
    const stillThere = await client.send(
      new GetItemCommand({ TableName: 'Sessions', Key: { connectionId: { S: 'short-lived' } } }),
    );
    assert.notEqual(stillThere.Item, undefined);

    nowMs = NOW_MS + 20_000;

    await eventually(
      async () => {
        const { Item } = await client.send(
          new GetItemCommand({ TableName: 'Sessions', Key: { connectionId: { S: 'short-lived' } } }),
        );
        return Item === undefined;
      },
      5000,
      'the background sweep to delete the expired item',
    );
  });
});
