import type { InvokeOutcome } from '../lambda/index.ts';
import type { LocalLog } from '../shared/log.ts';
import type { LocalQueueMapping } from '../template/index.ts';
import type { LocalQueueState, StoredMessage } from './queue-store.ts';

/** How long an idle poller waits before looking again (AWS long-polls; a short local wait stands in). */
export const IDLE_POLL_MS = 50;

export interface QueuePollerOptions {
  mapping: LocalQueueMapping;
  queue: LocalQueueState;
  /** The consumer's name in the local Lambda service. */
  functionName: string;
  region: string;
  invoke(functionName: string, event: unknown): Promise<InvokeOutcome>;
  log: LocalLog;
}

/** The event Lambda's SQS poller hands a consumer (docs/aws-behaviour.md#sqs-lambda-event). */
export function sqsEvent(messages: readonly StoredMessage[], queueArn: string, region: string) {
  return {
    Records: messages.map((message) => ({
      messageId: message.messageId,
      receiptHandle: message.receiptHandle,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentTimestamp),
        SenderId: message.senderId,
        ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? message.sentTimestamp),
      },
      messageAttributes: message.messageAttributes,
      md5OfBody: message.bodyDigest,
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: region,
    })),
  };
}

/** The receipt handles to delete after an invocation: all on success, none on failure, all but the reported ones. */
export function handlesToDelete(
  messages: readonly StoredMessage[],
  outcome: InvokeOutcome,
  reportBatchItemFailures: boolean,
): string[] {
  const handles = (list: readonly StoredMessage[]) => list.flatMap((m) => (m.receiptHandle ? [m.receiptHandle] : []));
  if (outcome.kind !== 'result') return [];
  if (!reportBatchItemFailures) return handles(messages);
  const result = outcome.result as { batchItemFailures?: unknown } | null | undefined;
  const failures = result?.batchItemFailures;
  if (failures === undefined || failures === null) return handles(messages);
  if (!Array.isArray(failures)) return []; // an unreadable response fails the whole batch, as Lambda does
  const failed = new Set<unknown>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !messages.some((m) => m.messageId === id)) return [];
    failed.add(id);
  }
  return handles(messages.filter((m) => !failed.has(m.messageId)));
}

/** One event source mapping: receive up to BatchSize messages, invoke the consumer, delete what it handled. */
export function startQueuePoller(options: QueuePollerOptions): { stop(): Promise<void> } {
  const { mapping, queue, log } = options;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (delay: number) => {
    if (!stopped) timer = setTimeout(poll, delay);
  };
  const poll = () => {
    timer = undefined;
    void once().then(
      (busy) => schedule(busy ? 0 : IDLE_POLL_MS),
      (error: unknown) => {
        if (stopped) return; // the Lambda service stopping under an invocation in flight
        log(`${mapping.logicalId}: ${String(error)}`, 'error');
        schedule(IDLE_POLL_MS);
      },
    );
  };
  async function once(): Promise<boolean> {
    // Lambda's poller takes at most 10 messages per receive; a batch of more is several receives (no batching window).
    const messages: StoredMessage[] = [];
    while (messages.length < mapping.batchSize) {
      const got = queue.receive(Math.min(10, mapping.batchSize - messages.length));
      if (got.length === 0) break;
      messages.push(...got);
    }
    if (messages.length === 0) return false;
    const outcome = await options.invoke(options.functionName, sqsEvent(messages, queue.spec.arn, options.region));
    if (outcome.kind !== 'result')
      log(
        `${mapping.logicalId}: ${options.functionName} failed (${outcome.kind}); ${messages.length} message(s) return after the visibility timeout`,
        'warn',
      );
    for (const handle of handlesToDelete(messages, outcome, mapping.reportBatchItemFailures)) queue.delete(handle);
    return true;
  }
  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      // An invocation in flight is not awaited: a looping consumer would hold the stop for its whole timeout. The
      // Lambda service, stopped next, ends it; its messages stay undeleted, as a failed batch's are.
    },
  };
}
