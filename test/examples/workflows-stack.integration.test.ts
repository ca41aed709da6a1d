/**
 * The workflows example end to end on the local stack with a real WebSocket client: `greet` runs its own ASL
 * (DynamoDB GetItem, a Lambda, DynamoDB UpdateItem) and answers through `@connections`; `shout` runs a function
 * ARN Task synchronously. Then the same stack with one statement removed from greet's derived role: the workflow
 * fails as AWS would, and writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { CfnObject } from '../../cfn/types.ts';
import { startLocalStack, type LocalStack } from '../../local/stack/index.ts';
import { connect, type SmokeClient } from '../../smoke/client.ts';
import { freshBundleDir } from '../support/generated-stack.ts';
import { writeTemplateVariant } from '../support/template-variant.ts';
import { developerDynamoDb } from '../support/aws-credentials.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const TEMPLATE = 'examples/workflows/template.yaml';
const STEP_MS = 10_000;

/** The session record of the client's (only) connection, read through the stack's DynamoDB endpoint. */
async function sessionRecord(stack: LocalStack, client: SmokeClient): Promise<Record<string, unknown> | undefined> {
  // The shout answer must be the next message: nothing else (a greeting) arrived before it.
  client.socket.send(JSON.stringify({ action: 'shout', data: { text: 'x' } }));
  assert.equal((await client.nextJson<Record<string, unknown>>('the shout answer', STEP_MS))['output'], '{"text":"X"}');
  const dynamodb = developerDynamoDb(stack);
  try {
    const { Items } = await dynamodb.send(new ScanCommand({ TableName: stack.outputs.Sessions }));
    assert.equal(Items?.length, 1, 'one client, one session record');
    const id = Items![0]!['connectionid']!.S!;
    return (
      await dynamodb.send(new GetItemCommand({ TableName: stack.outputs.Sessions, Key: { connectionid: { S: id } } }))
    ).Item;
  } finally {
    dynamodb.destroy();
  }
}

describe('examples/workflows on the local stack', () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack({ templateFile: TEMPLATE, bundleDir: freshBundleDir(), log: () => {} });
  });
  after(() => stack.stop());

  it('greet: the execution ARN at once, then the greeting and its count through @connections; the count is on the record', async () => {
    const client = await connect(`${stack.outputs.APIEndpoint}?name=Ada`, STEP_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'greet' }));
      const started = await client.nextJson<{ executionArn: string }>('the StartExecution answer', STEP_MS);
      assert.match(started.executionArn, /^arn:aws:states:us-east-1:123456789012:execution:local-GreetStateMachine:/);
      const first = await client.nextJson<{ greeting: string; count: number }>('the greeting', STEP_MS);
      assert.match(first.greeting, /^Hello, Ada! You connected at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\.$/);
      assert.equal(first.count, 1);

      client.socket.send(JSON.stringify({ action: 'greet', data: { name: 'Grace' } }));
      await client.nextJson('the StartExecution answer', STEP_MS);
      assert.deepEqual(await client.nextJson('the second greeting', STEP_MS), {
        greeting: first.greeting.replace('Ada', 'Grace'),
        count: 2,
      });
      assert.deepEqual((await sessionRecord(stack, client))?.['greetings'], { N: '2' });
    } finally {
      await client.close();
    }
  });

  it("greet: the function's RangeError is caught by the workflow and told to the client", async () => {
    const client = await connect(stack.outputs.APIEndpoint, STEP_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'greet', data: { name: 'n'.repeat(65) } }));
      await client.nextJson('the StartExecution answer', STEP_MS);
      assert.deepEqual(await client.nextJson('the refusal', STEP_MS), {
        error: 'RangeError',
        message: 'name is longer than 64 characters',
      });
    } finally {
      await client.close();
    }
  });

  it("shout: the function ARN Task's result is the synchronous execution's output; its error the execution's", async () => {
    const client = await connect(stack.outputs.APIEndpoint, STEP_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'shout', data: { text: 'quiet "please"' } }));
      const done = await client.nextJson<Record<string, unknown>>('the StartSyncExecution answer', STEP_MS);
      assert.equal(done['status'], 'SUCCEEDED');
      assert.equal(done['output'], JSON.stringify({ text: 'QUIET "PLEASE"' }));

      client.socket.send(JSON.stringify({ action: 'shout', data: { text: 3 } }));
      const failed = await client.nextJson<Record<string, unknown>>('the StartSyncExecution answer', STEP_MS);
      assert.equal(failed['status'], 'FAILED');
      assert.equal(failed['error'], 'TypeError');
      assert.equal(JSON.parse(String(failed['cause'])).errorMessage, 'data.text must be a string');
    } finally {
      await client.close();
    }
  });
});

describe("examples/workflows without dynamodb:UpdateItem in greet's role", () => {
  let stack: LocalStack;
  const lines: string[] = [];
  before(async () => {
    const templateFile = writeTemplateVariant(TEMPLATE, (template) => {
      const document = (
        (template.Resources['GreetStateMachineRole']!.Properties as CfnObject)['Policies'] as CfnObject[]
      )[0]?.['PolicyDocument'] as CfnObject;
      document['Statement'] = (document['Statement'] as CfnObject[]).filter(
        (statement) => !(statement['Action'] as string[]).includes('dynamodb:UpdateItem'),
      );
    });
    stack = await startLocalStack({ templateFile, bundleDir: freshBundleDir(), log: (line) => lines.push(line) });
  });
  after(() => stack.stop());

  it('greet fails at the UpdateItem Task as AWS fails it: no greeting is sent, nothing is written', async () => {
    const client = await connect(stack.outputs.APIEndpoint, STEP_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'greet' }));
      const { executionArn } = await client.nextJson<{ executionArn: string }>('the StartExecution answer', STEP_MS);
      // The Step Functions log names an execution by its state machine and execution name (the ARN's last two parts).
      const execution = executionArn.split(':').slice(-2).join(':');
      const failure = await waitFor(
        () => lines.find((line) => line.includes(execution) && line.includes(' FAILED ')),
        STEP_MS,
      );
      assert.match(
        failure,
        / FAILED after \d+ ms: DynamoDB\.AmazonDynamoDBException: User: arn:aws:sts::123456789012:assumed-role\/local-GreetStateMachineRole\/states is not authorized to perform: dynamodb:UpdateItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table\/\S+ because no identity-based policy allows the dynamodb:UpdateItem action \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException; /,
      );
      assert.ok(
        lines.some((line) => line.startsWith('iam: AccessDenied: role GreetStateMachineRole')),
        lines.join('\n'),
      );
      const record = await sessionRecord(stack, client);
      assert.ok(record !== undefined);
      assert.equal(record['greetings'], undefined);
    } finally {
      await client.close();
    }
  });
});

describe("examples/workflows with shout's lambda:InvokeFunction narrowed to another function", () => {
  let stack: LocalStack;
  const lines: string[] = [];
  before(async () => {
    const templateFile = writeTemplateVariant(TEMPLATE, (template) => {
      const document = (
        ((template.Resources['ShoutStateMachineRole']?.Properties ?? {}) as CfnObject)['Policies'] as CfnObject[]
      )[0]?.['PolicyDocument'] as CfnObject;
      const [statement] = document['Statement'] as CfnObject[];
      assert.deepEqual(statement?.['Resource'], [{ 'Fn::GetAtt': ['UpperFunction', 'Arn'] }]);
      statement!['Resource'] = [{ 'Fn::GetAtt': ['ComposeFunction', 'Arn'] }];
    });
    stack = await startLocalStack({ templateFile, bundleDir: freshBundleDir(), log: (line) => lines.push(line) });
  });
  after(() => stack.stop());

  it("shout: the synchronous answer is FAILED with Lambda.AWSLambdaException and AWS's AccessDenied cause, and no output", async () => {
    const client = await connect(stack.outputs.APIEndpoint, STEP_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'shout', data: { text: 'x' } }));
      const done = await client.nextJson<Record<string, unknown>>('the StartSyncExecution answer', STEP_MS);
      const fn = 'arn:aws:lambda:us-east-1:123456789012:function:local-UpperFunction';
      assert.equal(done['status'], 'FAILED');
      assert.equal(done['error'], 'Lambda.AWSLambdaException');
      assert.equal(done['output'], undefined);
      assert.match(
        String(done['cause']),
        new RegExp(
          `^User: arn:aws:sts::123456789012:assumed-role/local-ShoutStateMachineRole/states is not authorized to perform: lambda:InvokeFunction on resource: ${fn} because no identity-based policy allows the lambda:InvokeFunction action \\(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; `,
        ),
      );
      const line = await waitFor(
        () => lines.find((l) => l.startsWith('iam: AccessDenied: role ShoutStateMachineRole')),
        STEP_MS,
      );
      assert.match(
        line,
        new RegExp(
          `may not lambda:InvokeFunction on ${fn}: no statement allows it\\. A statement that would allow it: \\{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"${fn}"\\}$`,
        ),
      );
    } finally {
      await client.close();
    }
  });
});

/** Polls `find` every 20 ms until it returns something, failing after `timeoutMs`. */
async function waitFor<T>(find: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`nothing found within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
