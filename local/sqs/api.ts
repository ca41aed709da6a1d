import type { RequestAuthorizations } from '../iam/index.ts';
import type { AwsAnswer } from '../aws-api/answer.ts';
import type { QueueStore, LocalQueueState, StoredMessage } from './queue-store.ts';

/** `X-Amz-Target` of an SQS request in the AWS JSON 1.0 protocol. */
export const SQS_TARGET_PREFIX = 'AmazonSQS.';
/** SQS's message size limit (body and attributes): 256 KiB (docs/aws-behaviour.md#sqs-limits). */
export const MAX_SQS_MESSAGE_BYTES = 262_144;
/** Room for the JSON envelope around a largest message (escaping can double a body). */
export const MAX_SQS_REQUEST_BYTES = 4 * MAX_SQS_MESSAGE_BYTES;

const JSON_1_0 = 'application/x-amz-json-1.0';

/** An SQS JSON error: `__type` is the Smithy shape, `x-amzn-query-error` the Query-protocol code (for older SDKs). */
export function sqsError(type: string, queryCode: string, message: string, statusCode = 400): AwsAnswer {
  return {
    statusCode,
    headers: { 'Content-Type': JSON_1_0, 'x-amzn-query-error': `${queryCode};Sender` },
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${type}`, message }),
  };
}
const ok = (body: unknown): AwsAnswer => ({
  statusCode: 200,
  headers: { 'Content-Type': JSON_1_0 },
  body: JSON.stringify(body),
});
const invalid = (message: string) => sqsError('InvalidParameterValue', 'InvalidParameterValue', message);
const missing = (name: string) =>
  sqsError('MissingRequiredParameter', 'MissingParameter', `The request must contain the parameter ${name}.`);
const noQueue = () =>
  sqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');

/** What the SQS API needs besides the queues: who sent (the signer's key id), and IAM. */
export interface SqsCaller {
  senderId: string;
  /** Undefined when the call may go ahead, else the denied answer. */
  authorize(checks: RequestAuthorizations): Promise<AwsAnswer | undefined>;
}

/** The operations that name a queue and the IAM action each needs (`sqs:{Operation}`, batch calls the single one's). */
const IAM_ACTION: Record<string, string> = {
  SendMessage: 'sqs:SendMessage',
  SendMessageBatch: 'sqs:SendMessage',
  ReceiveMessage: 'sqs:ReceiveMessage',
  DeleteMessage: 'sqs:DeleteMessage',
  DeleteMessageBatch: 'sqs:DeleteMessage',
  ChangeMessageVisibility: 'sqs:ChangeMessageVisibility',
  GetQueueAttributes: 'sqs:GetQueueAttributes',
  GetQueueUrl: 'sqs:GetQueueUrl',
};

/** The queue a QueueUrl names: its path is `/{account}/{name}` whatever the host (AWS's URL or the local endpoint). */
function queueOfUrl(queues: QueueStore, url: string): LocalQueueState | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const [, account, name, ...rest] = path.split('/');
  const queue = rest.length === 0 && name ? queues.byName(decodeURIComponent(name)) : undefined;
  return queue && queue.spec.arn.split(':')[4] === account ? queue : undefined;
}

const messageBytes = (body: string, attributes: Record<string, unknown>) =>
  Buffer.byteLength(body) + Buffer.byteLength(JSON.stringify(attributes)) - 2;

/** Characters SQS accepts in a body: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters SQS refuses are the point
const INVALID_BODY_CHARACTERS = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function sendOne(queue: LocalQueueState, input: Record<string, unknown>, senderId: string) {
  const body = input['MessageBody'];
  if (typeof body !== 'string' || body === '') return { error: missing('MessageBody') };
  const attributes = (input['MessageAttributes'] ?? {}) as Record<string, unknown>;
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
    return { error: invalid('MessageAttributes must be a map.') };
  if (messageBytes(body, attributes) > MAX_SQS_MESSAGE_BYTES)
    return {
      error: invalid(
        `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_SQS_MESSAGE_BYTES} bytes.`,
      ),
    };
  if (INVALID_BODY_CHARACTERS.test(body))
    return {
      error: invalid(
        'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
      ),
    };
  const delay = input['DelaySeconds'];
  if (delay !== undefined && (!Number.isInteger(delay) || (delay as number) < 0 || (delay as number) > 900))
    return {
      error: invalid(
        `Value ${JSON.stringify(delay)} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.`,
      ),
    };
  if (queue.spec.fifo && typeof input['MessageGroupId'] !== 'string') return { error: missing('MessageGroupId') };
  return { message: queue.send(body, senderId, attributes, delay as number | undefined) };
}

function receivedShape(message: StoredMessage, wanted: unknown) {
  const names = Array.isArray(wanted) ? wanted : [];
  const all = names.includes('All');
  const attributes: Record<string, string> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentTimestamp),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? ''),
  };
  const chosen = Object.fromEntries(Object.entries(attributes).filter(([name]) => all || names.includes(name)));
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.bodyDigest,
    Body: message.body,
    ...(Object.keys(chosen).length > 0 ? { Attributes: chosen } : {}),
    ...(Object.keys(message.messageAttributes).length > 0 ? { MessageAttributes: message.messageAttributes } : {}),
  };
}

function timeout(value: unknown, name: string): number | AwsAnswer {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 43_200)
    return invalid(
      `Value ${JSON.stringify(value)} for parameter ${name} is invalid. Reason: must be between 0 and 43200.`,
    );
  return value as number;
}

/** One SQS operation on a parsed JSON body; the queue is found, IAM asked, then the queue store acts. */
export async function answerSqs(
  operation: string,
  text: string,
  queues: QueueStore,
  caller: SqsCaller,
): Promise<AwsAnswer> {
  const action = Object.hasOwn(IAM_ACTION, operation) ? IAM_ACTION[operation] : undefined;
  if (action === undefined)
    return sqsError(
      'UnsupportedOperation',
      'AWS.SimpleQueueService.UnsupportedOperation',
      `${operation} is not emulated by the local SQS (see local/FEATURES.md)`,
    );
  let input: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    input = parsed as Record<string, unknown>;
  } catch {
    return sqsError('InvalidParameterValue', 'MalformedInput', 'The request body is not a JSON object.');
  }
  let queue: LocalQueueState | undefined;
  if (operation === 'GetQueueUrl') {
    if (typeof input['QueueName'] !== 'string') return missing('QueueName');
    queue = queues.byName(input['QueueName']);
  } else {
    if (typeof input['QueueUrl'] !== 'string') return missing('QueueUrl');
    queue = queueOfUrl(queues, input['QueueUrl']);
  }
  if (queue === undefined) return noQueue();
  const denied = await caller.authorize({ kind: 'checks', checks: [{ action, resource: queue.spec.arn }] });
  if (denied !== undefined) return denied;
  return act(operation, input, queue, caller.senderId);
}

/** A batch's `Entries`: 1 to 10 of them in every SQS batch action (TooManyEntriesInBatchRequest), else its error. */
function batchEntries(input: Record<string, unknown>, entryType: string): unknown[] | AwsAnswer {
  const entries = input['Entries'];
  if (!Array.isArray(entries) || entries.length === 0)
    return sqsError(
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      `There should be at least one ${entryType} in the request.`,
    );
  if (entries.length > 10)
    return sqsError(
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
    );
  return entries;
}

function act(operation: string, input: Record<string, unknown>, queue: LocalQueueState, senderId: string): AwsAnswer {
  switch (operation) {
    case 'GetQueueUrl':
      return ok({ QueueUrl: queue.spec.url });
    case 'SendMessage': {
      const sent = sendOne(queue, input, senderId);
      if (sent.error) return sent.error;
      return ok({ MessageId: sent.message.messageId, MD5OfMessageBody: sent.message.bodyDigest });
    }
    case 'SendMessageBatch': {
      const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
      if (!Array.isArray(entries)) return entries;
      const total = entries.reduce(
        (sum: number, entry) =>
          sum + Buffer.byteLength(String((entry as Record<string, unknown>)?.['MessageBody'] ?? '')),
        0,
      );
      if (total > MAX_SQS_MESSAGE_BYTES)
        return sqsError(
          'BatchRequestTooLong',
          'AWS.SimpleQueueService.BatchRequestTooLong',
          `Batch requests cannot be longer than ${MAX_SQS_MESSAGE_BYTES} bytes.`,
        );
      const Successful: unknown[] = [];
      const Failed: unknown[] = [];
      for (const entry of entries as Record<string, unknown>[]) {
        const sent = sendOne(queue, entry ?? {}, senderId);
        if (sent.error)
          Failed.push({
            Id: entry?.['Id'],
            SenderFault: true,
            Code: 'InvalidParameterValue',
            Message: JSON.parse(String(sent.error.body)).message,
          });
        else
          Successful.push({
            Id: entry['Id'],
            MessageId: sent.message.messageId,
            MD5OfMessageBody: sent.message.bodyDigest,
          });
      }
      return ok({ Successful, Failed });
    }
    case 'ReceiveMessage': {
      const max = input['MaxNumberOfMessages'] ?? 1;
      if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 10)
        return invalid(
          `Value ${JSON.stringify(max)} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
        );
      const visibility =
        input['VisibilityTimeout'] === undefined ? undefined : timeout(input['VisibilityTimeout'], 'VisibilityTimeout');
      if (typeof visibility === 'object') return visibility;
      const wanted = input['MessageSystemAttributeNames'] ?? input['AttributeNames'];
      const messages = queue.receive(max as number, visibility).map((m) => receivedShape(m, wanted));
      return ok(messages.length > 0 ? { Messages: messages } : {});
    }
    case 'DeleteMessage': {
      if (typeof input['ReceiptHandle'] !== 'string') return missing('ReceiptHandle');
      const failure = queue.delete(input['ReceiptHandle']);
      return failure ? sqsError(failure.error, failure.error, failure.message) : ok({});
    }
    case 'DeleteMessageBatch': {
      const entries = batchEntries(input, 'DeleteMessageBatchRequestEntry');
      if (!Array.isArray(entries)) return entries;
      const Successful: unknown[] = [];
      const Failed: unknown[] = [];
      for (const entry of entries as Record<string, unknown>[]) {
        const failure = queue.delete(String(entry?.['ReceiptHandle'] ?? ''));
        if (failure)
          Failed.push({ Id: entry?.['Id'], SenderFault: true, Code: failure.error, Message: failure.message });
        else Successful.push({ Id: entry?.['Id'] });
      }
      return ok({ Successful, Failed });
    }
    case 'ChangeMessageVisibility': {
      if (typeof input['ReceiptHandle'] !== 'string') return missing('ReceiptHandle');
      const seconds = timeout(input['VisibilityTimeout'], 'VisibilityTimeout');
      if (typeof seconds === 'object') return seconds;
      const failure = queue.changeVisibility(input['ReceiptHandle'], seconds);
      return failure ? sqsError(failure.error, failure.error, failure.message) : ok({});
    }
    default: {
      // GetQueueAttributes
      const counts = queue.counts();
      const spec = queue.spec;
      const attributes: Record<string, string> = {
        QueueArn: spec.arn,
        ApproximateNumberOfMessages: String(counts.visible),
        ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
        ApproximateNumberOfMessagesDelayed: String(counts.delayed),
        VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
        MessageRetentionPeriod: String(spec.messageRetentionSeconds),
        DelaySeconds: String(spec.delaySeconds),
        MaximumMessageSize: String(MAX_SQS_MESSAGE_BYTES),
        ...(spec.fifo ? { FifoQueue: 'true' } : {}),
        ...(spec.redrive ? { RedrivePolicy: JSON.stringify(spec.redrive) } : {}),
      };
      const names = Array.isArray(input['AttributeNames']) ? (input['AttributeNames'] as unknown[]) : [];
      const all = names.includes('All');
      return ok({
        Attributes: Object.fromEntries(Object.entries(attributes).filter(([name]) => all || names.includes(name))),
      });
    }
  }
}
