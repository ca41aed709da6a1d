import { createHash, randomUUID } from 'node:crypto';
import type { LocalQueue } from '../template/index.ts';

/** One message as SQS keeps it. */
export interface StoredMessage {
  messageId: string;
  body: string;
  /** MD5 of the body, hex (SQS's MD5OfBody). */
  bodyDigest: string;
  messageAttributes: Record<string, unknown>;
  sentTimestamp: number;
  senderId: string;
  firstReceiveTimestamp: number | undefined;
  receiveCount: number;
  /** Epoch ms when it may be received again. */
  visibleAt: number;
  /** The handle of the latest receive; only it deletes or changes the visibility (as in SQS, earlier ones expire). */
  receiptHandle: string | undefined;
}

export type QueueError = { error: 'ReceiptHandleIsInvalid' | 'MessageNotInflight'; message: string };

export interface LocalQueueState {
  spec: LocalQueue;
  send(body: string, sender: string, messageAttributes: Record<string, unknown>, delaySeconds?: number): StoredMessage;
  receive(max: number, visibilityTimeoutSeconds?: number): StoredMessage[];
  delete(receiptHandle: string): QueueError | undefined;
  changeVisibility(receiptHandle: string, timeoutSeconds: number): QueueError | undefined;
  counts(): { visible: number; inFlight: number; delayed: number };
  /** A message moved here by redrive: SQS keeps its id, body, attributes and sent time; receives count again. */
  adopt(message: StoredMessage): void;
}

export const md5Hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * The stack's queues, in memory. A message received more than the source queue's `maxReceiveCount` times
 * moves to its dead-letter queue when it would be received again, as SQS's redrive does.
 */
export function createQueueStore(specs: readonly LocalQueue[], now: () => number = Date.now) {
  const byArn = new Map<string, LocalQueueState>();
  for (const spec of specs) byArn.set(spec.arn, queueState(spec));
  const byName = new Map([...byArn.values()].map((queue) => [queue.spec.name, queue]));

  function queueState(spec: LocalQueue): LocalQueueState {
    const messages: StoredMessage[] = [];
    const find = (handle: string) => messages.findIndex((m) => m.receiptHandle === handle);
    const expire = () => {
      const oldest = now() - spec.messageRetentionSeconds * 1000;
      for (let i = messages.length - 1; i >= 0; i--)
        if ((messages[i]?.sentTimestamp ?? 0) < oldest) messages.splice(i, 1);
    };
    return {
      spec,
      send(body, sender, messageAttributes, delaySeconds = spec.delaySeconds) {
        const message: StoredMessage = {
          messageId: randomUUID(),
          body,
          bodyDigest: md5Hex(body),
          messageAttributes,
          sentTimestamp: now(),
          senderId: sender,
          firstReceiveTimestamp: undefined,
          receiveCount: 0,
          visibleAt: now() + delaySeconds * 1000,
          receiptHandle: undefined,
        };
        messages.push(message);
        return message;
      },
      receive(max, visibilityTimeoutSeconds = spec.visibilityTimeoutSeconds) {
        expire();
        const taken: StoredMessage[] = [];
        for (let i = 0; i < messages.length && taken.length < max; i++) {
          const message = messages[i];
          if (message === undefined || message.visibleAt > now()) continue;
          const redrive = spec.redrive;
          const deadLetters = redrive && byArn.get(redrive.deadLetterTargetArn);
          if (redrive && deadLetters && message.receiveCount >= redrive.maxReceiveCount) {
            messages.splice(i--, 1);
            deadLetters.adopt(message);
            continue;
          }
          message.receiveCount += 1;
          message.firstReceiveTimestamp ??= now();
          message.visibleAt = now() + visibilityTimeoutSeconds * 1000;
          message.receiptHandle = Buffer.from(`${spec.name}:${message.messageId}:${randomUUID()}`).toString('base64');
          taken.push(message);
        }
        return taken;
      },
      delete(receiptHandle) {
        const index = find(receiptHandle);
        // SQS answers success for a handle of a message already deleted; a handle it never issued is invalid.
        if (index >= 0) messages.splice(index, 1);
        else if (!issuedHere(receiptHandle, spec.name))
          return {
            error: 'ReceiptHandleIsInvalid',
            message: `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
          };
        return undefined;
      },
      changeVisibility(receiptHandle, timeoutSeconds) {
        const message = messages[find(receiptHandle)];
        if (message === undefined)
          return issuedHere(receiptHandle, spec.name)
            ? { error: 'MessageNotInflight', message: 'The message referred to is not in flight.' }
            : {
                error: 'ReceiptHandleIsInvalid',
                message: `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
              };
        message.visibleAt = now() + timeoutSeconds * 1000;
        return undefined;
      },
      adopt(message) {
        messages.push({
          ...message,
          receiveCount: 0,
          firstReceiveTimestamp: undefined,
          receiptHandle: undefined,
          visibleAt: now(),
        });
      },
      counts() {
        expire();
        const at = now();
        const inFlight = messages.filter((m) => m.receiveCount > 0 && m.visibleAt > at).length;
        const delayed = messages.filter((m) => m.receiveCount === 0 && m.visibleAt > at).length;
        return { visible: messages.length - inFlight - delayed, inFlight, delayed };
      },
    };
  }

  return {
    byArn: (arn: string) => byArn.get(arn),
    byName: (name: string) => byName.get(name),
    all: () => [...byArn.values()],
  };
}

export type QueueStore = ReturnType<typeof createQueueStore>;

function issuedHere(receiptHandle: string, queueName: string): boolean {
  return Buffer.from(receiptHandle, 'base64').toString('utf8').startsWith(`${queueName}:`);
}
