/**
 * Declared queues on the local stack (IAM enforced): a route's function sends to the `jobs` queue, the event source
 * mapping invokes the consumer, which posts back to the connection; a consumer that throws gets the message again
 * after the visibility timeout and, after maxReceiveCount receives, the message is in the dead-letter queue. A role
 * without sqs:SendMessage is denied and nothing is queued; hostile calls get SQS's own errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LocalStack } from '../../../local/stack/index.ts';
import { connect, type SmokeClient } from '../../../smoke/client.ts';
import { DEVELOPER } from '../../support/aws-credentials.ts';
import { startStackFromConfig } from '../../support/generated-stack.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const STEP_MS = 15_000;
const SENDER = 'test/fixtures/declared/queue-sender.ts';
const CONSUMER = 'test/fixtures/declared/queue-consumer.ts';

/** One SQS JSON 1.0 call to the local endpoint, signed with the developer's key (allowed everything locally). */
async function sqs(endpoint: string, operation: string, input: unknown) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `AmazonSQS.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=${DEVELOPER.accessKeyId}/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The next `count` frames, sorted: the route's answer and the consumer's post race each other. */
async function frames(client: SmokeClient, count: number, what: string): Promise<string[]> {
  const got: string[] = [];
  for (let i = 0; i < count; i++) got.push(await client.next(`${what} (${i + 1} of ${count})`, STEP_MS));
  return got.sort();
}

describe('declared queues on the local stack', () => {
  let stack: LocalStack;
  let endpoint: string;
  const logs: string[] = [];
  const urls = new Map<string, string>();
  const visible = async (logicalId: string) => {
    const answer = await sqs(endpoint, 'GetQueueAttributes', {
      QueueUrl: urls.get(logicalId),
      AttributeNames: ['All'],
    });
    const attributes = answer.body['Attributes'] as Record<string, string>;
    return (
      Number(attributes['ApproximateNumberOfMessages']) + Number(attributes['ApproximateNumberOfMessagesNotVisible'])
    );
  };
  before(async () => {
    stack = await startStackFromConfig(
      {
        edge: { enabled: false },
        sessions: { store: { path: false } },
        observability: { accessLogs: { enabled: false }, tracing: false },
        queues: {
          jobs: {
            visibilityTimeoutSeconds: 1,
            deadLetter: { maxReceiveCount: 2 },
            consumer: { function: 'work', batchSize: 5 },
          },
        },
        routes: {
          enqueue: { integration: 'lambda', handler: SENDER, access: { queues: { jobs: ['send'] } } },
          sneak: { integration: 'lambda', handler: SENDER },
        },
        functions: { work: { handler: CONSUMER, timeout: 1, access: { connections: ['post'] } } },
      },
      { log: (line) => logs.push(line) },
    );
    endpoint = stack.outputs.LambdaEndpoint!;
    for (const line of logs) {
      const queue = /^sqs: queue (\w+): (\S+)$/.exec(line);
      if (queue) urls.set(queue[1]!, queue[2]!);
    }
    assert.deepEqual([...urls.keys()].sort(), ['JobsDeadLetterQueue', 'JobsQueue'], logs.join('\n'));
  });
  after(async () => {
    if (process.env['SQS_TEST_LOGS']) console.log(logs.join('\n'));
    await stack?.stop();
  });

  it('a sent message reaches the consumer, which answers the connection; a handled message is deleted', async () => {
    const client = await connect(stack.outputs.APIEndpoint, STEP_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'enqueue', text: 'hello' }));
      assert.deepEqual(await frames(client, 2, 'the route answer and the consumer post'), [
        'got hello 1 aws:sqs',
        'queued',
      ]);
    } finally {
      await client.close();
    }
    assert.equal(await visible('JobsQueue'), 0, 'the consumer returned, so the message was deleted');
  });

  it('a consumer that throws gets the message again; after maxReceiveCount it is in the dead-letter queue', async () => {
    const client = await connect(stack.outputs.APIEndpoint, STEP_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'enqueue', text: 'fail' }));
      assert.deepEqual(await frames(client, 2, 'the answer and the first try'), ['got fail 1 aws:sqs', 'queued']);
      assert.equal(
        await client.next('the second try, after the 1 s visibility timeout', STEP_MS),
        'got fail 2 aws:sqs',
      );
    } finally {
      await client.close();
    }
    // The third receive would exceed maxReceiveCount 2: the poller's next receive moves the message.
    const deadline = Date.now() + STEP_MS;
    while ((await visible('JobsDeadLetterQueue')) === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await visible('JobsDeadLetterQueue'), 1);
    assert.equal(await visible('JobsQueue'), 0);
    const received = await sqs(endpoint, 'ReceiveMessage', {
      QueueUrl: urls.get('JobsDeadLetterQueue'),
      MessageSystemAttributeNames: ['All'],
    });
    const [message] = received.body['Messages'] as Array<Record<string, unknown>>;
    assert.match(String(message?.['Body']), /"text":"fail"/);
  });

  it('a role without sqs:SendMessage is denied (403 AccessDenied) and nothing is queued', async () => {
    const client = await connect(stack.outputs.APIEndpoint, STEP_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'sneak', text: 'hello', queueUrl: urls.get('JobsQueue') }));
      assert.equal(
        await client.next('the denied answer', STEP_MS),
        '403 com.amazon.coral.service#AccessDeniedException',
      );
    } finally {
      await client.close();
    }
    assert.equal(await visible('JobsQueue'), 0);
    assert.ok(logs.some((line) => line.includes('sqs:SendMessage') && line.includes('SneakFunctionRole')));
  });

  it('refuses a body over 256 KiB with InvalidParameterValue, queuing nothing', async () => {
    const client = await connect(stack.outputs.APIEndpoint, STEP_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'enqueue', text: 'big' }));
      assert.equal(await client.next('the refusal', STEP_MS), '400 com.amazonaws.sqs#InvalidParameterValue');
    } finally {
      await client.close();
    }
    assert.equal(await visible('JobsQueue'), 0);
  });

  it('answers hostile calls with SQS errors: unknown queue, bad receipt handle, unknown operation', async () => {
    const unknown = await sqs(endpoint, 'SendMessage', {
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/nope',
      MessageBody: 'x',
    });
    assert.deepEqual(unknown, {
      status: 400,
      body: { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' },
    });
    const otherAccount = await sqs(endpoint, 'GetQueueAttributes', {
      QueueUrl: urls.get('JobsQueue')!.replace('123456789012', '999999999999'),
    });
    assert.equal(otherAccount.body['__type'], 'com.amazonaws.sqs#QueueDoesNotExist');
    const badHandle = await sqs(endpoint, 'DeleteMessage', {
      QueueUrl: urls.get('JobsQueue'),
      ReceiptHandle: 'forged',
    });
    assert.equal(badHandle.status, 400);
    assert.equal(badHandle.body['__type'], 'com.amazonaws.sqs#ReceiptHandleIsInvalid');
    const notJson = await sqs(endpoint, 'PurgeQueue', { QueueUrl: urls.get('JobsQueue') });
    assert.equal(notJson.body['__type'], 'com.amazonaws.sqs#UnsupportedOperation');
  });
});
