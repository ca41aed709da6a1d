import { getAtt, ref, type CfnObject, type CfnResource } from '../../cfn/types.ts';
import { problemLine } from '../config/errors.ts';
import type { QueueConfig } from '../config/queues.ts';
import type { Visitor } from '../context.ts';
import { configFunctionId, declaredQueueIds } from '../naming.ts';

/** SQS's longest retention: a dead-letter queue keeps what failed as long as SQS allows, to be looked at. */
const DEAD_LETTER_RETENTION_SECONDS = 1_209_600;

/**
 * No QueueName: CloudFormation generates one (with the `.fifo` suffix a FIFO queue needs), so a stack name of any
 * length fits SQS's 80 characters and two stacks never share a queue.
 */
function queueResource(queue: QueueConfig, retention: number, extra: CfnObject = {}): CfnResource {
  return {
    Type: 'AWS::SQS::Queue',
    Properties: {
      ...(queue.fifo ? { FifoQueue: true } : {}),
      ...(queue.fifo && queue.contentBasedDeduplication ? { ContentBasedDeduplication: true } : {}),
      VisibilityTimeout: queue.visibilityTimeoutSeconds,
      MessageRetentionPeriod: retention,
      SqsManagedSseEnabled: true,
      ...extra,
    },
  };
}

/**
 * The queues of `queues`: the queue, its dead-letter queue (RedrivePolicy), and an `AWS::Lambda::EventSourceMapping`
 * to its consumer. The mapping is written out rather than as a SAM `Events: SQS`, because SAM then attaches the
 * managed policy AWSLambdaSQSQueueExecutionRole (every queue of the account: aws/serverless-application-model#2118);
 * here the consumer's role gets the poller's four actions on its own queue only (config-functions.ts).
 */
export const queuesVisitor: Visitor = (template, context) => {
  for (const [name, queue] of Object.entries(context.config.queues)) {
    const ids = declaredQueueIds(name);
    const wanted = [
      ids.queue,
      ...(queue.deadLetter ? [ids.deadLetterQueue] : []),
      ...(queue.consumer ? [ids.consumerMapping] : []),
    ];
    const taken = wanted.find((id) => id in template.Resources);
    if (taken !== undefined) {
      context.problems.push(
        problemLine(
          `queues.${name}`,
          `its resources would be named ${wanted.join(', ')}, and the template already has ${taken}; rename the queue`,
          name,
        ),
      );
      continue;
    }
    if (queue.deadLetter) template.Resources[ids.deadLetterQueue] = queueResource(queue, DEAD_LETTER_RETENTION_SECONDS);
    template.Resources[ids.queue] = queueResource(
      queue,
      queue.messageRetentionSeconds,
      queue.deadLetter
        ? {
            RedrivePolicy: {
              deadLetterTargetArn: getAtt(ids.deadLetterQueue, 'Arn'),
              maxReceiveCount: queue.deadLetter.maxReceiveCount,
            },
          }
        : {},
    );
    if (queue.consumer) {
      template.Resources[ids.consumerMapping] = {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: getAtt(ids.queue, 'Arn'),
          FunctionName: ref(configFunctionId(queue.consumer.function)),
          BatchSize: queue.consumer.batchSize,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        },
      };
    }
  }
};
