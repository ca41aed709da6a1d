import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerSqs, type SqsCaller } from '../../../local/sqs/api.ts';
import { createQueueStore } from '../../../local/sqs/queue-store.ts';
import type { LocalQueue } from '../../../local/template/index.ts';

const queue = (name: string, fifo = false): LocalQueue => ({
  logicalId: name,
  name,
  url: `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`,
  arn: `arn:aws:sqs:us-east-1:123456789012:${name}`,
  fifo,
  visibilityTimeoutSeconds: 30,
  messageRetentionSeconds: 345_600,
  delaySeconds: 0,
  redrive: undefined,
});
const JOBS = queue('jobs');
const ORDERS = queue('orders.fifo', true);
const allowAll: SqsCaller = { senderId: 'AKID', authorize: async () => undefined };

async function call(operation: string, input: unknown, caller = allowAll) {
  const queues = createQueueStore([JOBS, ORDERS]);
  const answer = await answerSqs(operation, typeof input === 'string' ? input : JSON.stringify(input), queues, caller);
  return { status: answer.statusCode, body: JSON.parse(String(answer.body)) as Record<string, unknown>, queues };
}
const type = async (operation: string, input: unknown) => (await call(operation, input)).body['__type'];

describe('local SQS API (JSON 1.0)', () => {
  it('sends and answers the MD5 of the body, found by the URL path whatever the host', async () => {
    const sent = await call('SendMessage', { QueueUrl: 'http://127.0.0.1:9/123456789012/jobs', MessageBody: 'hello' });
    assert.equal(sent.status, 200);
    assert.equal(sent.body['MD5OfMessageBody'], '5d41402abc4b2a76b9719d911017c592');
    assert.deepEqual(sent.queues.byName('jobs')?.counts(), { visible: 1, inFlight: 0, delayed: 0 });
  });

  it('refuses hostile input with SQS error types, naming the parameter', async () => {
    assert.equal(await type('SendMessage', 'not json'), 'com.amazonaws.sqs#InvalidParameterValue');
    assert.equal(await type('SendMessage', { QueueUrl: JOBS.url }), 'com.amazonaws.sqs#MissingRequiredParameter');
    assert.equal(
      await type('SendMessage', { QueueUrl: 'not a url', MessageBody: 'x' }),
      'com.amazonaws.sqs#QueueDoesNotExist',
    );
    assert.equal(
      await type('SendMessage', { QueueUrl: `${JOBS.url}/extra`, MessageBody: 'x' }),
      'com.amazonaws.sqs#QueueDoesNotExist',
    );
    assert.equal(
      await type('SendMessage', { QueueUrl: JOBS.url, MessageBody: 'a\u0000b' }),
      'com.amazonaws.sqs#InvalidParameterValue',
    );
    assert.equal(
      await type('SendMessage', { QueueUrl: JOBS.url, MessageBody: 'x', DelaySeconds: 901 }),
      'com.amazonaws.sqs#InvalidParameterValue',
    );
    assert.equal(
      await type('SendMessage', { QueueUrl: ORDERS.url, MessageBody: 'x' }),
      'com.amazonaws.sqs#MissingRequiredParameter',
    );
    assert.equal(
      await type('ReceiveMessage', { QueueUrl: JOBS.url, MaxNumberOfMessages: 11 }),
      'com.amazonaws.sqs#InvalidParameterValue',
    );
    assert.equal(
      await type('ChangeMessageVisibility', { QueueUrl: JOBS.url, ReceiptHandle: 'x', VisibilityTimeout: 43_201 }),
      'com.amazonaws.sqs#InvalidParameterValue',
    );
    // Every batch action takes 1 to 10 entries (API reference, TooManyEntriesInBatchRequest).
    for (const [operation, entry] of [
      ['SendMessageBatch', { MessageBody: 'x' }],
      ['DeleteMessageBatch', { ReceiptHandle: 'x' }],
    ] as const) {
      const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: String(i), ...entry }));
      assert.equal(
        await type(operation, { QueueUrl: JOBS.url, Entries: eleven }),
        'com.amazonaws.sqs#TooManyEntriesInBatchRequest',
        operation,
      );
      assert.equal(
        await type(operation, { QueueUrl: JOBS.url, Entries: [] }),
        'com.amazonaws.sqs#EmptyBatchRequest',
        operation,
      );
    }
    assert.equal(await type('CreateQueue', { QueueName: 'x' }), 'com.amazonaws.sqs#UnsupportedOperation');
  });

  it('a batch reports each entry: the good ones are sent, the bad ones fail by Id', async () => {
    const batch = await call('SendMessageBatch', {
      QueueUrl: JOBS.url,
      Entries: [
        { Id: 'a', MessageBody: 'fine' },
        { Id: 'b', MessageBody: '' },
      ],
    });
    assert.deepEqual(
      (batch.body['Successful'] as Array<{ Id: string }>).map((entry) => entry.Id),
      ['a'],
    );
    assert.deepEqual(
      (batch.body['Failed'] as Array<{ Id: string; SenderFault: boolean }>).map((e) => [e.Id, e.SenderFault]),
      [['b', true]],
    );
    assert.equal(batch.queues.byName('jobs')?.counts().visible, 1);
  });

  it('asks IAM for the operation on the queue ARN and answers its denial unchanged, doing nothing', async () => {
    const asked: unknown[] = [];
    const denied = { statusCode: 403, headers: {}, body: '{"__type":"denied"}' };
    const caller: SqsCaller = {
      senderId: 'AKID',
      authorize: async (checks) => {
        asked.push(checks);
        return denied;
      },
    };
    const answer = await call(
      'SendMessageBatch',
      { QueueUrl: JOBS.url, Entries: [{ Id: 'a', MessageBody: 'x' }] },
      caller,
    );
    assert.equal(answer.status, 403);
    assert.deepEqual(asked, [{ kind: 'checks', checks: [{ action: 'sqs:SendMessage', resource: JOBS.arn }] }]);
    assert.equal(answer.queues.byName('jobs')?.counts().visible, 0);
  });
});
