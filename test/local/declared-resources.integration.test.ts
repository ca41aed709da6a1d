/**
 * Declared tables and queues on the local stack (IAM enforced): a table exists in the local DynamoDB and a function's
 * own SDK call on it is decided by its role (`write` may put, `read` may not); queues run locally (test/local/sqs/).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { LocalStack } from '../../local/stack/index.ts';
import { connect } from '../../smoke/client.ts';
import { developerDynamoDb } from '../support/aws-credentials.ts';
import { startStackFromConfig } from '../support/generated-stack.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const STEP_MS = 10_000;
const WRITER = 'test/fixtures/declared/table-writer.ts';

describe('declared tables and queues on the local stack', () => {
  let stack: LocalStack;
  const logs: string[] = [];
  before(async () => {
    stack = await startStackFromConfig(
      {
        edge: { enabled: false },
        sessions: { store: { path: false } },
        observability: { accessLogs: { enabled: false }, tracing: false },
        tables: { notes: { partitionKey: { name: 'id' }, ttlAttribute: 'expiresAt' } },
        queues: { jobs: { deadLetter: { maxReceiveCount: 2 }, consumer: { function: 'work' } } },
        routes: {
          write: { integration: 'lambda', handler: WRITER, access: { tables: { notes: ['write'] } } },
          peek: { integration: 'lambda', handler: WRITER, access: { tables: { notes: ['read'] } } },
        },
        functions: { work: { handler: WRITER } },
      },
      { log: (line) => logs.push(line) },
    );
  });
  after(async () => {
    await stack?.stop();
  });

  it('a function granted write puts the item; one granted read only is denied, as AWS would deny it', async () => {
    const client = await connect(stack.outputs.APIEndpoint, STEP_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'write' }));
      assert.equal(await client.next('the write answer', STEP_MS), 'written');
      client.socket.send(JSON.stringify({ action: 'peek' }));
      assert.equal(await client.next('the read-only answer', STEP_MS), 'AccessDeniedException');
    } finally {
      await client.close();
    }
    const dynamodb = developerDynamoDb(stack);
    try {
      const table = stack.outputs.Sessions!.replace(/-Sessions$/, '-Notes');
      const scan = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'missing' } } }));
      assert.equal(scan.Item, undefined, 'the declared table exists locally (a missing table would throw)');
    } finally {
      dynamodb.destroy();
    }
    assert.ok(
      logs.some((line) => line.includes('dynamodb:PutItem') && line.includes('PeekFunctionRole')),
      `the denial is logged with the action and the role:\n${logs.filter((line) => line.startsWith('iam:')).join('\n')}`,
    );
  });

  it('runs the queues and the event source mapping locally instead of naming them as not emulated', () => {
    assert.ok(!logs.some((line) => line.includes('not emulated: AWS::SQS::Queue')));
    assert.ok(!logs.some((line) => line.includes('not emulated: AWS::Lambda::EventSourceMapping')));
    assert.ok(
      logs.some((line) => line.startsWith('sqs: queue JobsQueue: https://sqs.')),
      logs.join('\n'),
    );
    assert.ok(logs.some((line) => line.startsWith('sqs: queue JobsDeadLetterQueue: https://sqs.')));
  });
});
