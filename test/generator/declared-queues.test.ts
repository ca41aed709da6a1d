/** `queues`: exact config errors for every hostile input, the queues generated, their consumers, and `access.queues`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnObject } from '../../cfn/types.ts';
import { problemsOf } from '../support/config-problems.ts';
import {
  allow,
  policyStatements as statements,
  propertiesOf as props,
  templateOf as generate,
} from '../support/config-template.ts';

const ARN = { 'Fn::GetAtt': ['NotificationsQueue', 'Arn'] };

describe('config: queues', () => {
  it('a standard queue with a dead-letter queue and a consumer: redrive, a scoped event source mapping, the poller actions', () => {
    const template = generate({
      queues: {
        notifications: {
          visibilityTimeoutSeconds: 60,
          deadLetter: { maxReceiveCount: 3 },
          consumer: { function: 'notify', batchSize: 5 },
        },
      },
      functions: { notify: { handler: 'n.ts', timeout: 30 } },
    });
    assert.deepEqual(template.Resources['NotificationsDeadLetterQueue'], {
      Type: 'AWS::SQS::Queue',
      Properties: { VisibilityTimeout: 60, MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true },
    });
    assert.deepEqual(template.Resources['NotificationsQueue'], {
      Type: 'AWS::SQS::Queue',
      Properties: {
        VisibilityTimeout: 60,
        MessageRetentionPeriod: 345_600,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': ['NotificationsDeadLetterQueue', 'Arn'] },
          maxReceiveCount: 3,
        },
      },
    });
    assert.deepEqual(template.Resources['NotificationsQueueConsumer'], {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: ARN,
        FunctionName: { Ref: 'NotifyFunction' },
        BatchSize: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    });
    assert.equal(
      props(template, 'NotifyFunction')['Events'],
      undefined,
      'no SAM event: SAM would add a policy on every queue',
    );
    assert.deepEqual(statements(template, 'NotifyFunction'), [
      allow('sqs:ReceiveMessage', ARN),
      allow('sqs:DeleteMessage', ARN),
      allow('sqs:ChangeMessageVisibility', ARN),
      allow('sqs:GetQueueAttributes', ARN),
    ]);
  });

  it('a FIFO queue: FifoQueue, content-based deduplication, no name (CloudFormation adds .fifo to the one it generates)', () => {
    const queue = props(
      generate({ queues: { orders: { fifo: true, contentBasedDeduplication: true } } }),
      'OrdersQueue',
    );
    assert.deepEqual(queue, {
      FifoQueue: true,
      ContentBasedDeduplication: true,
      VisibilityTimeout: 30,
      MessageRetentionPeriod: 345_600,
      SqsManagedSseEnabled: true,
    });
    assert.equal((queue as CfnObject)['QueueName'], undefined);
  });

  it('access.queues grants send and receive per queue, one statement per action, and the URL in <NAME>_QUEUE_URL', () => {
    const template = generate({
      queues: { notifications: {}, auditLog: {} },
      routes: { send: { integration: 'lambda', handler: 'h.ts', access: { queues: { notifications: ['send'] } } } },
      functions: { worker: { handler: 'w.ts', access: { queues: { auditLog: ['receive'] } } } },
    });
    assert.deepEqual(statements(template, 'SendFunction'), [allow('sqs:SendMessage', ARN)]);
    const send = (props(template, 'SendFunction')['Environment'] as CfnObject)['Variables'] as CfnObject;
    assert.deepEqual(send['NOTIFICATIONS_QUEUE_URL'], { Ref: 'NotificationsQueue' });
    assert.equal(send['AUDIT_LOG_QUEUE_URL'], undefined);
    const audit = { 'Fn::GetAtt': ['AuditLogQueue', 'Arn'] };
    assert.deepEqual(statements(template, 'WorkerFunction'), [
      allow('sqs:ReceiveMessage', audit),
      allow('sqs:DeleteMessage', audit),
      allow('sqs:ChangeMessageVisibility', audit),
      allow('sqs:GetQueueAttributes', audit),
    ]);
  });

  it('refuses bad names and values, each with field, rule and value', () => {
    assert.deepEqual(
      problemsOf({
        routes: {},
        queues: {
          'orders.fifo': { fifo: true },
          Orders: {},
          a: { visibilityTimeoutSeconds: 43_201, messageRetentionSeconds: 59, fifo: 'yes' },
          b: { deadLetter: { maxReceiveCount: 0 }, consumer: { function: 'x', batchSize: 11 } },
          c: { deadLetter: {}, consumer: 'notify', delaySeconds: 5 },
        },
      }),
      [
        'queues.orders.fifo: must be 1-64 letters and digits starting with a lower-case letter (it names the <Name>Queue resource, <NAME>_QUEUE_URL and ${Queue_<name>}) (got "orders.fifo")',
        'queues.Orders: must be 1-64 letters and digits starting with a lower-case letter (it names the <Name>Queue resource, <NAME>_QUEUE_URL and ${Queue_<name>}) (got "Orders")',
        'queues.a.fifo: must be a boolean (got "yes")',
        'queues.a.visibilityTimeoutSeconds: must be at most 43200 (12 hours, SQS maximum) (got 43201)',
        'queues.a.messageRetentionSeconds: must be at least 60 (SQS minimum) (got 59)',
        'queues.b.deadLetter.maxReceiveCount: must be at least 1 (SQS RedrivePolicy) (got 0)',
        'queues.b.consumer.batchSize: must be at most 10 (more needs a batching window) (got 11)',
        'queues.c.deadLetter.maxReceiveCount: must be a number (got nothing)',
        'queues.c.consumer: must be an object (got "notify")',
        'queues.c.delaySeconds: unknown field (got 5)',
      ],
    );
  });

  it('refuses a consumer that is not a declared function, a visibility timeout shorter than its timeout, deduplication without FIFO, access to an undeclared queue, a hand-set <NAME>_QUEUE_URL', () => {
    assert.deepEqual(
      problemsOf({
        queues: {
          a: { consumer: { function: 'send' } },
          b: { consumer: { function: 'slow' }, visibilityTimeoutSeconds: 30 },
          c: { contentBasedDeduplication: true },
        },
        routes: { send: { integration: 'lambda', handler: 'h.ts', access: { queues: { orders: ['send'] } } } },
        functions: {
          slow: {
            handler: 's.ts',
            timeout: 120,
            access: { queues: { a: ['send'] } },
            environment: { A_QUEUE_URL: 'x' },
          },
        },
      }),
      [
        'queues.a.consumer.function: must name a function declared in functions ("slow"); a route\'s function serves its route (got "send")',
        "queues.b.visibilityTimeoutSeconds: must be at least the consumer's timeout (functions.slow.timeout: 120 s): Lambda refuses an SQS event source whose visibility timeout is shorter, or a message would reappear while it is being handled (got 30)",
        'queues.c.contentBasedDeduplication: needs fifo: true (SQS deduplicates FIFO queues only) (got true)',
        'routes.send.access.queues.orders: must name a queue declared in queues ("a", "b", "c") (got "orders")',
        'functions.slow.environment.A_QUEUE_URL: is set by the generator for access.queues.a (the queue\'s URL) (got "A_QUEUE_URL")',
      ],
    );
    assert.deepEqual(
      problemsOf({ routes: {}, functions: { w: { handler: 'w.ts', access: { queues: { jobs: ['send'] } } } } }),
      ['functions.w.access.queues.jobs: must name a queue declared in queues (none is declared) (got "jobs")'],
    );
  });

  it('refuses a queue whose resources another queue already named', () => {
    assert.throws(
      () => generate({ queues: { a: { deadLetter: { maxReceiveCount: 2 } }, aDeadLetter: {} } }),
      /queues\.aDeadLetter: its resources would be named ADeadLetterQueue, and the template already has ADeadLetterQueue; rename the queue/,
    );
  });
});
