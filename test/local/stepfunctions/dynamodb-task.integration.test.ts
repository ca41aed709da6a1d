/**
 * DynamoDB Tasks on the local Step Functions service against the local DynamoDB (dynalite): the optimized
 * integration answers with DynamoDB's response plus the SDK's metadata and names errors `DynamoDB.<Exception>`
 * (`DynamoDB.AmazonDynamoDBException` for unmodeled ones); the AWS SDK integration answers with the response
 * alone and names errors `DynamoDb.<Exception>`. Each with the SDK's cause text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDynamoDbService, type DynamoDbService } from '../../../local/dynamodb/index.ts';
import { accessDeniedResponse } from '../../../local/iam/index.ts';
import { sessionsTable } from '../dynamodb/fixtures.ts';
import { oneTask, runDefinition } from './run-definition.ts';

const task = (resource: string, Parameters: object, extra: object = {}) =>
  oneTask({ Resource: `arn:aws:states:::${resource}`, Parameters, ...extra });
const KEY = { connectionId: { 'S.$': '$.id' } };

describe('DynamoDB Tasks against the local DynamoDB', () => {
  let dynamodb: DynamoDbService;
  const calls: string[] = [];
  const backend = () => ({
    callDynamoDb: (operation: string, body: string) => {
      calls.push(operation);
      return dynamodb.send(operation, body);
    },
  });
  before(async () => {
    dynamodb = createDynamoDbService({ tables: [sessionsTable()], log: () => {} });
    await dynamodb.start();
  });
  after(() => dynamodb.stop());

  it('optimized putItem, updateItem, getItem, deleteItem: the response, then SdkHttpMetadata and SdkResponseMetadata', async () => {
    const item = { connectionId: { 'S.$': '$.id' }, identity: { S: 'CP001' } };
    const put = await runDefinition(
      task('dynamodb:putItem', { TableName: 'Sessions', Item: item }),
      { id: 'c1' },
      backend(),
    );
    assert.equal(put.record.status, 'SUCCEEDED', put.record.cause);
    assert.deepEqual(Object.keys(put.output as object), ['SdkHttpMetadata', 'SdkResponseMetadata']);
    const metadata = (put.output as Record<string, any>)['SdkHttpMetadata'];
    assert.deepEqual(Object.keys(metadata.HttpHeaders), [
      'Connection',
      'Content-Length',
      'Content-Type',
      'Date',
      'Server',
      'x-amz-crc32',
      'x-amzn-RequestId',
    ]);
    assert.deepEqual(metadata.AllHttpHeaders['Content-Type'], ['application/x-amz-json-1.0']);
    assert.equal(metadata.HttpHeaders['Content-Length'], '2', 'PutItem answers {}');
    assert.equal(metadata.HttpStatusCode, 200);

    const updated = await runDefinition(
      task('dynamodb:updateItem', {
        TableName: 'Sessions',
        Key: KEY,
        UpdateExpression: 'ADD greetings :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
        ReturnValues: 'UPDATED_NEW',
      }),
      { id: 'c1' },
      backend(),
    );
    assert.deepEqual((updated.output as Record<string, unknown>)['Attributes'], { greetings: { N: '1' } });

    const got = await runDefinition(
      task('dynamodb:getItem', { TableName: 'Sessions', Key: KEY }),
      { id: 'c1' },
      backend(),
    );
    const output = got.output as Record<string, unknown>;
    assert.deepEqual(Object.keys(output), ['Item', 'SdkHttpMetadata', 'SdkResponseMetadata']);
    assert.deepEqual(output['Item'], { connectionId: { S: 'c1' }, identity: { S: 'CP001' }, greetings: { N: '1' } });

    await runDefinition(task('dynamodb:deleteItem', { TableName: 'Sessions', Key: KEY }), { id: 'c1' }, backend());
    const gone = await runDefinition(
      task('dynamodb:getItem', { TableName: 'Sessions', Key: KEY }),
      { id: 'c1' },
      backend(),
    );
    assert.deepEqual(
      Object.keys(gone.output as object),
      ['SdkHttpMetadata', 'SdkResponseMetadata'],
      'no Item once deleted',
    );
  });

  it("AWS SDK query (on an index) and putItem: DynamoDB's response alone", async () => {
    await runDefinition(
      task('aws-sdk:dynamodb:putItem', {
        TableName: 'Sessions',
        Item: { connectionId: { S: 'c2' }, identity: { S: 'CP002' } },
      }),
      {},
      backend(),
    );
    const { output } = await runDefinition(
      task('aws-sdk:dynamodb:query', {
        TableName: 'Sessions',
        IndexName: 'byIdentity',
        KeyConditionExpression: '#i = :i',
        ExpressionAttributeNames: { '#i': 'identity' },
        ExpressionAttributeValues: { ':i': { S: 'CP002' } },
      }),
      {},
      backend(),
    );
    assert.deepEqual(output, {
      Count: 1,
      Items: [{ connectionId: { S: 'c2' }, identity: { S: 'CP002' } }],
      ScannedCount: 1,
    });
  });

  it('errors: a failed condition is DynamoDB.ConditionalCheckFailedException (caught), a ValidationException DynamoDB.AmazonDynamoDBException', async () => {
    const conditional = await runDefinition(
      {
        StartAt: 'Task',
        States: {
          Task: {
            Type: 'Task',
            Resource: 'arn:aws:states:::dynamodb:updateItem',
            End: true,
            Parameters: {
              TableName: 'Sessions',
              Key: KEY,
              UpdateExpression: 'SET x = :x',
              ConditionExpression: 'attribute_exists(connectionId)',
              ExpressionAttributeValues: { ':x': { S: 'y' } },
            },
            Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.error', Next: 'Gone' }],
          },
          Gone: { Type: 'Succeed' },
        },
      },
      { id: 'nobody' },
      backend(),
    );
    const error = (conditional.output as Record<string, { Error: string; Cause: string }>)['error'];
    assert.equal(error?.Error, 'DynamoDB.ConditionalCheckFailedException');
    assert.match(
      error?.Cause ?? '',
      /^The conditional request failed \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: \S+; Proxy: null\)$/,
    );

    const invalid = await runDefinition(
      task('dynamodb:getItem', { TableName: 'Sessions', Key: { wrong: { S: 'x' } } }),
      {},
      backend(),
    );
    assert.equal(invalid.record.error, 'DynamoDB.AmazonDynamoDBException');
    assert.match(
      invalid.record.cause ?? '',
      /\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException; Request ID: \S+; Proxy: null\)$/,
    );

    const sdk = await runDefinition(
      task('aws-sdk:dynamodb:getItem', { TableName: 'Missing', Key: KEY }),
      { id: 'x' },
      backend(),
    );
    assert.equal(sdk.record.error, 'DynamoDb.ResourceNotFoundException');
    assert.match(
      sdk.record.cause ?? '',
      /^Requested resource not found \(Service: DynamoDb, Status Code: 400, Request ID: \S+\)$/,
    );
  });

  it('an AccessDenied answer (IAM) fails the optimized Task with DynamoDB.AmazonDynamoDBException, the SDK Task with DynamoDb.DynamoDbException', async () => {
    const message =
      'User: arn:aws:sts::123456789012:assumed-role/local-FlowRole/states is not authorized to perform: dynamodb:GetItem on resource: ' +
      'arn:aws:dynamodb:us-east-1:123456789012:table/Sessions because no identity-based policy allows the dynamodb:GetItem action';
    const denied = { callDynamoDb: async () => accessDeniedResponse('dynamodb', message) };
    const optimized = await runDefinition(
      task('dynamodb:getItem', { TableName: 'Sessions', Key: KEY }),
      { id: 'x' },
      denied,
    );
    assert.equal(optimized.record.error, 'DynamoDB.AmazonDynamoDBException');
    assert.match(
      optimized.record.cause ?? '',
      /\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
    assert.ok(optimized.record.cause?.startsWith(message));
    const sdk = await runDefinition(
      task('aws-sdk:dynamodb:getItem', { TableName: 'Sessions', Key: KEY }),
      { id: 'x' },
      denied,
    );
    assert.equal(sdk.record.error, 'DynamoDb.DynamoDbException');
    assert.ok(sdk.record.cause?.startsWith(`${message} (Service: DynamoDb, Status Code: 400, Request ID: `));
  });

  it('refuses a field the optimized integration does not take at construction, naming it', async () => {
    await assert.rejects(
      runDefinition(task('dynamodb:getItem', { TableName: 'Sessions', Key: KEY, Limit: 1 }), {}, backend()),
      /state "Task": Task Resource "arn:aws:states:::dynamodb:getItem" cannot be run locally \(Step Functions does not support the field "Limit" for dynamodb:GetItem/,
    );
  });
});
