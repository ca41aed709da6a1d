import type { AwsAnswer } from '../aws-api/answer.ts';
import type { RequestAuthorizations } from '../iam/index.ts';
import type { InvokeOutcome } from '../lambda/index.ts';
import type { LocalLog } from '../shared/log.ts';
import type { LocalQueue, LocalQueueMapping } from '../template/index.ts';
import { answerSqs } from './api.ts';
import { startQueuePoller } from './poller.ts';
import { createQueueStore } from './queue-store.ts';

export interface SqsServiceOptions {
  queues: readonly LocalQueue[];
  mappings: readonly LocalQueueMapping[];
  region: string;
  /** The local Lambda name of a mapping's FunctionName (a name or ARN); undefined when no such function runs. */
  functionName(nameOrArn: string): string | undefined;
  invoke(functionName: string, event: unknown): Promise<InvokeOutcome>;
  /** IAM for a signed request: the denied answer, or undefined (absent with `iam: 'off'`). */
  authorize?: (authorization: string | undefined, checks: RequestAuthorizations) => Promise<AwsAnswer | undefined>;
  log: LocalLog;
}

/** `Credential=AKID/...` of a SigV4 header: SQS's SenderId is the caller's identity. */
const SIGNER = /Credential=([A-Za-z0-9]+)\//;

/** The local SQS: the template's queues in memory, their API on the local AWS endpoint, one poller per mapping. */
export function createSqsService(options: SqsServiceOptions) {
  const queues = createQueueStore(options.queues);
  const consumers = options.mappings.map((mapping) => {
    const queue = queues.byArn(mapping.queueArn);
    if (queue === undefined)
      throw new Error(`${mapping.logicalId}: EventSourceArn ${mapping.queueArn} is not a queue of this template`);
    const functionName = options.functionName(mapping.functionName);
    if (functionName === undefined)
      throw new Error(
        `${mapping.logicalId}: FunctionName ${mapping.functionName} is not a function the local stack runs`,
      );
    return { mapping, queue, functionName };
  });
  let pollers: Array<{ stop(): Promise<void> }> = [];
  return {
    queues,
    handle(operation: string, body: string, authorization: string | undefined): Promise<AwsAnswer> {
      return answerSqs(operation, body, queues, {
        senderId: (authorization && SIGNER.exec(authorization)?.[1]) ?? 'local',
        authorize: async (checks) => options.authorize?.(authorization, checks),
      });
    },
    start() {
      if (pollers.length > 0) throw new Error('sqs: start() called twice');
      // The generated names carry a hash: the URLs are printed so a developer can reach the queues.
      for (const queue of queues.all()) options.log(`queue ${queue.spec.logicalId}: ${queue.spec.url}`);
      pollers = consumers
        .filter((consumer) => consumer.mapping.enabled)
        .map((consumer) =>
          startQueuePoller({ ...consumer, region: options.region, invoke: options.invoke, log: options.log }),
        );
      if (consumers.length > 0) options.log(`${pollers.length} queue poller(s) running`);
    },
    async stop() {
      const stopping = pollers;
      pollers = [];
      await Promise.all(stopping.map((poller) => poller.stop()));
    },
  };
}

export type SqsService = ReturnType<typeof createSqsService>;
