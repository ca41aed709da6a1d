/**
 * The DynamoDB endpoint's `authorize` hook (how the stack enforces IAM on functions' SDK calls): asked once per
 * request with the Authorization header, the operation and the body as sent; a refusal is answered in the SDK's
 * shape (request id, CRC32) and the table never sees the request; an allowed request reaches dynalite with its body
 * unchanged, the TTL operations included; a body over 16 MB is refused without being kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { createDynamoDbService, type DynamoDbService } from '../../../local/dynamodb/index.ts';
import { sdkClient, sessionsTable } from './fixtures.ts';

describe('DynamoDB endpoint with an authorize hook', () => {
  let service: DynamoDbService;
  let client: DynamoDBClient;
  const asked: Array<{ authorization: string | undefined; operation: string; body: string }> = [];
  before(async () => {
    service = createDynamoDbService({
      tables: [sessionsTable()],
      authorize: async (authorization, operation, body) => {
        asked.push({ authorization, operation, body });
        if (operation !== 'PutItem' || !body.includes('"denied"')) return undefined;
        return {
          statusCode: 400,
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-ErrorType': 'AccessDeniedException' },
          body: JSON.stringify({
            __type: 'com.amazon.coral.service#AccessDeniedException',
            Message: 'User: x is not authorized',
          }),
        };
      },
    });
    await service.start();
    client = sdkClient(service.endpoint);
  });
  after(async () => {
    client.destroy();
    await service.stop();
  });

  it("refuses in DynamoDB's shape before the table sees the request; allows the rest with the body unchanged", async () => {
    await assert.rejects(
      client.send(new PutItemCommand({ TableName: 'Sessions', Item: { connectionId: { S: 'denied' } } })),
      (error: Error & { $metadata: { httpStatusCode?: number; requestId?: string } }) => {
        assert.equal(error.name, 'AccessDeniedException');
        assert.equal(error.message, 'User: x is not authorized');
        assert.equal(error.$metadata.httpStatusCode, 400);
        assert.match(error.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
        return true;
      },
    );
    assert.equal(
      (await client.send(new GetItemCommand({ TableName: 'Sessions', Key: { connectionId: { S: 'denied' } } }))).Item,
      undefined,
    );
    await client.send(
      new PutItemCommand({
        TableName: 'Sessions',
        Item: { connectionId: { S: 'allowed' }, note: { S: 'ü'.repeat(3000) } },
      }),
    );
    assert.equal(
      (await client.send(new GetItemCommand({ TableName: 'Sessions', Key: { connectionId: { S: 'allowed' } } })))
        .Item?.['note']?.S,
      'ü'.repeat(3000),
    );
    assert.deepEqual(
      asked.map((a) => a.operation),
      ['PutItem', 'GetItem', 'PutItem', 'GetItem'],
    );
    assert.match(asked[0]!.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=/);
    assert.deepEqual(JSON.parse(asked[2]!.body), {
      TableName: 'Sessions',
      Item: { connectionId: { S: 'allowed' }, note: { S: 'ü'.repeat(3000) } },
    });
  });

  it('asks about the TTL operations the endpoint answers itself, too', async () => {
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: 'Sessions' }));
    assert.equal(ttl.TimeToLiveDescription?.AttributeName, 'ttl');
    assert.equal(asked.at(-1)?.operation, 'DescribeTimeToLive');
  });

  it('hostile requests: no target, a foreign target, an unsigned body that is not JSON, and one over 16 MB', async () => {
    const before = asked.length;
    const post = (headers: Record<string, string>, body: string | Buffer) =>
      fetch(service.endpoint, { method: 'POST', headers, body });
    // Without a DynamoDB target the hook is not asked; dynalite answers as it does.
    assert.equal((await post({ 'content-type': 'application/x-amz-json-1.0' }, '{}')).status, 400);
    assert.equal(
      (await post({ 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'Other_2020.PutItem' }, '{}')).status,
      400,
    );
    assert.equal(asked.length, before);
    // Not JSON: the hook sees the text as sent (the stack's IAM reads no table from it and lets dynalite refuse it).
    const garbled = await post(
      { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      '{"TableName":',
    );
    assert.equal(garbled.status, 400);
    assert.equal(asked.at(-1)?.body, '{"TableName":');
    const huge = await post(
      { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
      Buffer.alloc(16 * 1024 * 1024 + 1, 0x20),
    );
    assert.equal(huge.status, 413);
    assert.equal(JSON.parse(await huge.text()).__type, 'com.amazon.coral.service#RequestEntityTooLarge');
    assert.equal(asked.at(-1)?.body, '{"TableName":', 'the oversized request never reached the hook');
  });
});
