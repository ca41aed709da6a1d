import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { createDynamoDbService, type DynamoDbService } from '../../../local/dynamodb/index.ts';
import { auditTable, sdkClient, sessionsTable } from './fixtures.ts';

describe('DynamoDB service (in memory) through the AWS SDK and raw send()', () => {
  let service: DynamoDbService;
  let client: DynamoDBClient;

  before(async () => {
    service = createDynamoDbService({ tables: [sessionsTable(), auditTable()] });
    await service.start();
    client = sdkClient(service.endpoint);
  });

  after(async () => {
    client.destroy();
    await service.stop();
  });

  it('creates tables from the definitions, with their GSI, ACTIVE', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'Sessions' }));

    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.equal(Table?.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
    assert.deepEqual(
      Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus]),
      [['byIdentity', 'ACTIVE']],
    );
    const audit = await client.send(new DescribeTableCommand({ TableName: 'Audit' }));
    assert.equal(audit.Table?.ProvisionedThroughput?.ReadCapacityUnits, 5);
  });

  it('stores and reads items through the SDK, including via the GSI', async () => {
    await client.send(
      new PutItemCommand({ TableName: 'Sessions', Item: { connectionId: { S: 'c-1' }, identity: { S: 'CP001' } } }),
    );

    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'Sessions', Key: { connectionId: { S: 'c-1' } } }),
    );
    const byIdentity = await client.send(
      new QueryCommand({
        TableName: 'Sessions',
        IndexName: 'byIdentity',
        KeyConditionExpression: '#i = :i',
        ExpressionAttributeNames: { '#i': 'identity' },
        ExpressionAttributeValues: { ':i': { S: 'CP001' } },
      }),
    );

    assert.deepEqual(Item, { connectionId: { S: 'c-1' }, identity: { S: 'CP001' } });
    assert.deepEqual(
      byIdentity.Items?.map((item) => item['connectionId']?.S),
      ['c-1'],
    );
  });

  it('send() posts a raw PutItem that the SDK can read back', async () => {
    const raw =
      '{"TableName":"Sessions","Item":{"connectionId":{"S":"c-raw"},"identity":{"S":"CP002"},"n":{"N":"123"}}}';

    const response = await service.send('PutItem', raw);
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'Sessions', Key: { connectionId: { S: 'c-raw' } } }),
    );

    assert.equal(response.statusCode, 200);
    assert.equal(response.body, '{}');
    assert.match(response.headers['content-type'] ?? '', /application\/x-amz-json-1\.0/);
    assert.deepEqual(Item, { connectionId: { S: 'c-raw' }, identity: { S: 'CP002' }, n: { N: '123' } });
  });

  it('send() with a body that is not JSON gives 400 SerializationException', async () => {
    const response = await service.send('PutItem', '{"TableName":"Sessions","Item":{"connectionId":{"S":"\\\'x"}}}');

    assert.equal(response.statusCode, 400);
    assert.deepEqual(JSON.parse(response.body), { __type: 'com.amazon.coral.service#SerializationException' });
  });

  it('send() relays DynamoDB errors unchanged (missing table)', async () => {
    const response = await service.send('GetItem', '{"TableName":"Nope","Key":{"pk":{"S":"a"}}}');

    assert.equal(response.statusCode, 400);
    assert.equal(JSON.parse(response.body).__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
  });

  it('send() (in process, no HTTP) answers exactly as the HTTP endpoint does', async () => {
    const overHttp = async (operation: string, body: string) => {
      const date = '20250101T000000Z';
      const response = await fetch(service.endpoint, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${operation}`,
          'x-amz-date': date,
          authorization: `AWS4-HMAC-SHA256 Credential=local/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
        },
      });
      return {
        statusCode: response.status,
        body: await response.text(),
        crc: response.headers.get('x-amz-crc32'),
        type: response.headers.get('content-type'),
      };
    };
    const cases: Array<[string, string]> = [
      ['PutItem', '{"TableName":"Sessions","Item":{"connectionId":{"S":"c-same"}}}'],
      ['GetItem', '{"TableName":"Sessions","Key":{"connectionId":{"S":"c-same"}}}'],
      ['PutItem', '{"TableName":"Sessions","Item":{"connectionId":{"S":"\\\'x"}}}'],
      ['GetItem', '{"TableName":"Nope","Key":{"pk":{"S":"a"}}}'],
      ['PutItem', '{"TableName":"Sessions","Item":{}}'],
      ['DeleteItem', ''],
    ];
    for (const [operation, body] of cases) {
      const direct = await service.send(operation, body);
      const relayed = await overHttp(operation, body);
      assert.deepEqual(
        {
          statusCode: direct.statusCode,
          body: direct.body,
          crc: direct.headers['x-amz-crc32'],
          type: direct.headers['content-type'],
        },
        relayed,
        `${operation} ${body}`,
      );
    }
  });

  it('send() rejects an operation name that could not be a DynamoDB target', async () => {
    await assert.rejects(service.send('PutItem\r\nX-Evil: 1', '{}'), /operation must be letters only/);
  });

  it('relays non-DynamoDB requests to dynalite unchanged (GET health check, wrong content type)', async () => {
    const health = await fetch(service.endpoint);
    const wrongType = await fetch(service.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });

    assert.equal(health.status, 200);
    assert.equal(await health.text(), 'healthy: dynamodb.us-east-1.amazonaws.com ');
    assert.equal(health.headers.get('x-amz-crc32'), '3128867991');
    assert.equal(wrongType.status, 404);
    assert.equal(await wrongType.text(), '<UnknownOperationException/>\n');
  });

  it('survives clients that hang up halfway through a request body', async () => {
    const { port } = new URL(service.endpoint);
    for (const operation of ['PutItem', 'UpdateTimeToLive']) {
      const socket = connect(Number(port), '127.0.0.1');
      await once(socket, 'connect');
      socket.write(
        'POST / HTTP/1.1\r\nHost: local\r\nContent-Type: application/x-amz-json-1.0\r\n' +
          `X-Amz-Target: DynamoDB_20120810.${operation}\r\nContent-Length: 100\r\n\r\n{"TableName":`,
      );
      socket.resetAndDestroy();
      await once(socket, 'close');
    }

    const response = await service.send('DescribeTable', '{"TableName":"Sessions"}');

    assert.equal(response.statusCode, 200);
  });

  it('answers DescribeTimeToLive from the table definitions', async () => {
    const sessions = await client.send(new DescribeTimeToLiveCommand({ TableName: 'Sessions' }));
    const audit = await client.send(new DescribeTimeToLiveCommand({ TableName: 'Audit' }));

    assert.deepEqual(sessions.TimeToLiveDescription, { AttributeName: 'ttl', TimeToLiveStatus: 'ENABLED' });
    assert.deepEqual(audit.TimeToLiveDescription, { TimeToLiveStatus: 'DISABLED' });
  });

  it('DescribeTimeToLive on a missing table is ResourceNotFoundException', async () => {
    await assert.rejects(client.send(new DescribeTimeToLiveCommand({ TableName: 'Missing' })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('UpdateTimeToLive records the change and returns the AWS response shape', async () => {
    const enabled = await client.send(
      new UpdateTimeToLiveCommand({
        TableName: 'Audit',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
    const described = await client.send(new DescribeTimeToLiveCommand({ TableName: 'Audit' }));
    const again = client.send(
      new UpdateTimeToLiveCommand({
        TableName: 'Audit',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );

    assert.deepEqual(enabled.TimeToLiveSpecification, { AttributeName: 'expiresAt', Enabled: true });
    assert.deepEqual(described.TimeToLiveDescription, { AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
    await assert.rejects(again, { name: 'ValidationException', message: 'TimeToLive is already enabled' });

    const disabled = await client.send(
      new UpdateTimeToLiveCommand({
        TableName: 'Audit',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: false },
      }),
    );
    assert.deepEqual(disabled.TimeToLiveSpecification, { AttributeName: 'expiresAt', Enabled: false });
  });

  it('UpdateTimeToLive without a specification is a ValidationException naming the field', async () => {
    const response = await service.send('UpdateTimeToLive', '{"TableName":"Audit"}');

    assert.equal(response.statusCode, 400);
    assert.deepEqual(JSON.parse(response.body), {
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null",
    });
  });

  it('TTL calls still require authentication headers, like every other call', async () => {
    const response = await fetch(service.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.DescribeTimeToLive' },
      body: '{"TableName":"Sessions"}',
    });

    assert.equal(response.status, 400);
    assert.equal(
      ((await response.json()) as { __type: string }).__type,
      'com.amazon.coral.service#MissingAuthenticationTokenException',
    );
  });
});
