import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InvokeOutcome } from '../../../local/lambda/index.ts';
import { handlesToDelete, sqsEvent } from '../../../local/sqs/poller.ts';
import { createQueueStore, md5Hex } from '../../../local/sqs/queue-store.ts';
import type { LocalQueue } from '../../../local/template/index.ts';

const ARN = 'arn:aws:sqs:us-east-1:123456789012:';
const queue = (name: string, extra: Partial<LocalQueue> = {}): LocalQueue => ({
  logicalId: name,
  name,
  url: `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`,
  arn: `${ARN}${name}`,
  fifo: false,
  visibilityTimeoutSeconds: 30,
  messageRetentionSeconds: 60,
  delaySeconds: 0,
  redrive: undefined,
  ...extra,
});

function store() {
  let time = 1_000_000;
  const queues = createQueueStore(
    [queue('jobs', { redrive: { deadLetterTargetArn: `${ARN}dead`, maxReceiveCount: 2 } }), queue('dead')],
    () => time,
  );
  return { jobs: queues.byName('jobs')!, dead: queues.byName('dead')!, advance: (ms: number) => (time += ms) };
}

describe('local SQS queue store', () => {
  it('hides a received message for the visibility timeout and counts its receives', () => {
    const { jobs, advance } = store();
    const sent = jobs.send('hello', 'AKID', {});
    assert.equal(sent.bodyDigest, md5Hex('hello'));
    assert.equal(sent.bodyDigest, '5d41402abc4b2a76b9719d911017c592', 'MD5 of "hello" as SQS reports it');
    const [first] = jobs.receive(10);
    assert.equal(first?.receiveCount, 1);
    assert.deepEqual(jobs.receive(10), [], 'in flight: not received again');
    assert.deepEqual(jobs.counts(), { visible: 0, inFlight: 1, delayed: 0 });
    advance(30_000);
    const [second] = jobs.receive(10);
    assert.equal(second?.receiveCount, 2);
    assert.notEqual(second?.receiptHandle, undefined);
  });

  it('deletes only with the latest receipt handle; a forged handle is invalid', () => {
    const { jobs, advance } = store();
    jobs.send('x', 'AKID', {});
    const oldHandle = jobs.receive(1)[0]!.receiptHandle!;
    advance(30_000);
    const newHandle = jobs.receive(1)[0]!.receiptHandle!;
    assert.equal(jobs.delete(oldHandle), undefined, 'SQS answers success for an outdated handle');
    assert.equal(jobs.counts().inFlight, 1, '...but keeps the message');
    assert.equal(jobs.delete('forged')?.error, 'ReceiptHandleIsInvalid');
    assert.equal(jobs.delete(newHandle), undefined);
    assert.deepEqual(jobs.counts(), { visible: 0, inFlight: 0, delayed: 0 });
    assert.equal(jobs.changeVisibility(newHandle, 5)?.error, 'MessageNotInflight');
  });

  it('moves a message received maxReceiveCount times to the dead-letter queue, keeping its id and body', () => {
    const { jobs, dead, advance } = store();
    const sent = jobs.send('poison', 'AKID', {});
    jobs.receive(1);
    advance(30_000);
    jobs.receive(1);
    advance(30_000);
    assert.deepEqual(jobs.receive(1), [], 'the third receive moves it instead');
    const [moved] = dead.receive(1);
    assert.equal(moved?.messageId, sent.messageId);
    assert.equal(moved?.body, 'poison');
    assert.equal(moved?.receiveCount, 1);
  });

  it('drops messages older than the retention period and delays as asked', () => {
    const { jobs, advance } = store();
    jobs.send('old', 'AKID', {});
    jobs.send('later', 'AKID', {}, 5);
    assert.deepEqual(jobs.counts(), { visible: 1, inFlight: 0, delayed: 1 });
    advance(61_000);
    assert.deepEqual(jobs.counts(), { visible: 0, inFlight: 0, delayed: 0 });
  });
});

describe('local SQS poller outcomes', () => {
  const { jobs } = store();
  jobs.send('a', 'AKID', {});
  jobs.send('b', 'AKID', {});
  const messages = jobs.receive(10);
  const all = messages.map((m) => m.receiptHandle);
  const result = (value: unknown): InvokeOutcome => ({ kind: 'result', result: value });

  it('builds the SQS event Lambda hands a consumer', () => {
    const [record] = sqsEvent(messages, `${ARN}jobs`, 'us-east-1').Records;
    assert.equal(record?.eventSource, 'aws:sqs');
    assert.equal(record?.eventSourceARN, `${ARN}jobs`);
    assert.equal(record?.attributes.ApproximateReceiveCount, '1');
    assert.equal(record?.['md5OfBody'], md5Hex('a'));
  });

  it('deletes the whole batch on success, none on an error, all but the reported failures', () => {
    assert.deepEqual(handlesToDelete(messages, result(null), false), all);
    assert.deepEqual(handlesToDelete(messages, { kind: 'error', errorType: 'Error', errorMessage: 'x' }, true), []);
    assert.deepEqual(handlesToDelete(messages, { kind: 'timeout', timeoutSeconds: 1 }, true), []);
    const failures = { batchItemFailures: [{ itemIdentifier: messages[0]!.messageId }] };
    assert.deepEqual(handlesToDelete(messages, result(failures), true), [all[1]]);
    assert.deepEqual(handlesToDelete(messages, result(failures), false), all, 'without ReportBatchItemFailures');
    assert.deepEqual(handlesToDelete(messages, result({ batchItemFailures: [] }), true), all);
  });

  it('fails the whole batch on an unreadable failure report, as Lambda does', () => {
    assert.deepEqual(handlesToDelete(messages, result({ batchItemFailures: 'all' }), true), []);
    assert.deepEqual(handlesToDelete(messages, result({ batchItemFailures: [{ itemIdentifier: 'nope' }] }), true), []);
    assert.deepEqual(handlesToDelete(messages, result({ batchItemFailures: [{}] }), true), []);
  });
});
