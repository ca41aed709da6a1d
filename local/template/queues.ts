import { TemplateError } from './errors.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { LocalTemplate } from './types.ts';

/** An `AWS::SQS::Queue` as the local SQS runs it (AWS's defaults filled in). */
export interface LocalQueue {
  logicalId: string;
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  delaySeconds: number;
  redrive: { deadLetterTargetArn: string; maxReceiveCount: number } | undefined;
}

/** An `AWS::Lambda::EventSourceMapping` from an SQS queue to a function. */
export interface LocalQueueMapping {
  logicalId: string;
  queueArn: string;
  /** As the template names it: a function name or ARN. */
  functionName: string;
  batchSize: number;
  reportBatchItemFailures: boolean;
  enabled: boolean;
}

/** A whole number in [min, max], as CloudFormation validates these properties on deploy. */
function wholeNumber(where: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new TemplateError(`${where}: must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

function redrivePolicy(where: string, raw: unknown): LocalQueue['redrive'] {
  if (raw === undefined) return undefined;
  let policy: unknown = raw;
  if (typeof raw === 'string') {
    try {
      policy = JSON.parse(raw);
    } catch {
      throw new TemplateError(`${where}: must be a mapping or JSON text, got ${JSON.stringify(raw)}`);
    }
  }
  const record = (typeof policy === 'object' && policy !== null ? policy : {}) as Record<string, unknown>;
  const target = record['deadLetterTargetArn'];
  const count = Number(record['maxReceiveCount']);
  if (typeof target !== 'string' || !target.startsWith('arn:'))
    throw new TemplateError(`${where}.deadLetterTargetArn: must be a queue ARN, got ${JSON.stringify(target)}`);
  return { deadLetterTargetArn: target, maxReceiveCount: wholeNumber(`${where}.maxReceiveCount`, count, 1, 1000) };
}

export function queuesFromTemplate(template: LocalTemplate): LocalQueue[] {
  return resourcesOfType(template, 'AWS::SQS::Queue').map((resource) => {
    const read = propertyReader(resource);
    const where = (key: string) => `Resources.${resource.logicalId}.Properties.${key}`;
    const id = template.physicalIds.get(resource.logicalId);
    if (id === undefined) throw new TemplateError(`Resources.${resource.logicalId}: no physical id (was it loaded?)`);
    const fifoValue = read.raw('FifoQueue');
    return {
      logicalId: resource.logicalId,
      name: id.attributes['QueueName'] ?? '',
      url: id.ref,
      arn: id.attributes['Arn'] ?? '',
      fifo: fifoValue === true || fifoValue === 'true',
      // Defaults and limits: AWS::SQS::Queue in the CloudFormation reference (docs/aws-behaviour.md#sqs-queues).
      visibilityTimeoutSeconds: wholeNumber(
        where('VisibilityTimeout'),
        read.number('VisibilityTimeout', 30),
        0,
        43_200,
      ),
      messageRetentionSeconds: wholeNumber(
        where('MessageRetentionPeriod'),
        read.number('MessageRetentionPeriod', 345_600),
        60,
        1_209_600,
      ),
      delaySeconds: wholeNumber(where('DelaySeconds'), read.number('DelaySeconds', 0), 0, 900),
      redrive: redrivePolicy(where('RedrivePolicy'), read.raw('RedrivePolicy')),
    };
  });
}

export function queueMappingsFromTemplate(template: LocalTemplate): LocalQueueMapping[] {
  return resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').map((resource) => {
    const read = propertyReader(resource);
    const where = (key: string) => `Resources.${resource.logicalId}.Properties.${key}`;
    const queueArn = read.string('EventSourceArn');
    if (!queueArn.includes(':sqs:'))
      throw new TemplateError(
        `${where('EventSourceArn')}: only SQS queues are emulated as event sources, got ${queueArn}`,
      );
    const enabled = read.raw('Enabled');
    return {
      logicalId: resource.logicalId,
      queueArn,
      functionName: read.string('FunctionName'),
      batchSize: wholeNumber(where('BatchSize'), read.number('BatchSize', 10), 1, 10_000),
      reportBatchItemFailures: read.stringList('FunctionResponseTypes', []).includes('ReportBatchItemFailures'),
      enabled: enabled !== false && enabled !== 'false',
    };
  });
}
