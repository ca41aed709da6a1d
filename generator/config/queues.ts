/**
 * SQS queues the config declares, for handlers and workflows to hand work to. Each becomes an `AWS::SQS::Queue`
 * (with a dead-letter queue when `deadLetter` is set, and an event source mapping to its `consumer`:
 * generator/visitors/queues.ts); `access.queues` grants a function `send`/`receive` on it, and workflows name it as
 * `${Queue_<name>}` in `arn:aws:states:::sqs:sendMessage` Tasks. Limits from the SQS Developer Guide
 * (sqs-quotas, "Message quotas") and the AWS::SQS::Queue reference.
 */
import { z } from 'zod';
import { declaredRecord } from './tables.ts';

export const queueSchema = z
  .object({
    /** A FIFO queue: exactly-once, in order per `MessageGroupId`; its generated name ends in `.fifo`. @default false */
    fifo: z.boolean().default(false),
    /** FIFO only: deduplicate by a SHA-256 of the body when a message has no `MessageDeduplicationId`. @default false */
    contentBasedDeduplication: z.boolean().default(false),
    /** Seconds a received message stays hidden from other receivers: 0-43200 (12 hours). @default 30 */
    visibilityTimeoutSeconds: z
      .number()
      .int()
      .min(0)
      .max(43_200, 'must be at most 43200 (12 hours, SQS maximum)')
      .default(30),
    /** Seconds SQS keeps a message: 60 (1 minute) to 1209600 (14 days). @default 345600 (4 days) */
    messageRetentionSeconds: z
      .number()
      .int()
      .min(60, 'must be at least 60 (SQS minimum)')
      .max(1_209_600, 'must be at most 1209600 (14 days, SQS maximum)')
      .default(345_600),
    /**
     * A dead-letter queue (`<Name>DeadLetterQueue`, same type, 14 days' retention) that takes a message after
     * `maxReceiveCount` receives without a delete. @default none
     */
    deadLetter: z
      .object({
        /** Receives before a message moves to the dead-letter queue: 1-1000 (RedrivePolicy). */
        maxReceiveCount: z
          .number()
          .int('must be a whole number')
          .min(1, 'must be at least 1 (SQS RedrivePolicy)')
          .max(1000, 'must be at most 1000 (SQS RedrivePolicy)'),
      })
      .strict()
      .optional(),
    /**
     * A function in `functions` that Lambda invokes with batches of messages (an event source mapping with
     * `ReportBatchItemFailures`: a handler answers `{ batchItemFailures: [{ itemIdentifier: messageId }] }` for the
     * messages to retry). Its role may receive, delete and change the visibility of this queue's messages. @default none
     */
    consumer: z
      .object({
        /** The function's name in `functions` (checked against them: ./declared-rules.ts). @example 'notify' */
        function: z.string(),
        /** Messages per invocation: 1-10 (Lambda's maximum for SQS without a batching window). @default 10 */
        batchSize: z.number().int().min(1).max(10, 'must be at most 10 (more needs a batching window)').default(10),
      })
      .strict()
      .optional(),
  })
  .strict();

/**
 * Queues of the config. @default {}
 * @example { notifications: { deadLetter: { maxReceiveCount: 3 }, consumer: { function: 'notify' } } }
 */
export const queuesSchema = declaredRecord('<Name>Queue resource, <NAME>_QUEUE_URL and ${Queue_<name>}', queueSchema);

export type QueueConfig = z.output<typeof queueSchema>;

/**
 * `send` is SendMessage (SendMessageBatch is authorized as SendMessage); `receive` is what a worker polling the queue
 * itself needs: ReceiveMessage, DeleteMessage, ChangeMessageVisibility, GetQueueAttributes.
 */
export const QUEUE_ACCESS = {
  send: ['SendMessage'],
  receive: ['ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'GetQueueAttributes'],
} as const;
export type QueueAccess = keyof typeof QUEUE_ACCESS;

/** What Lambda's poller calls with the consumer's role (an event source mapping on SQS). */
export const CONSUMER_ACTIONS = ['ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'GetQueueAttributes'];

export { queueVariable } from '../../handlers/lib/declared-tables.ts';
