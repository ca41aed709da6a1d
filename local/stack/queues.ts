import { accessDeniedResponse } from '../iam/index.ts';
import { createSqsService, type SqsService } from '../sqs/index.ts';
import type { LocalLog } from '../shared/log.ts';
import { queueMappingsFromTemplate, queuesFromTemplate, type LocalTemplate } from '../template/index.ts';
import type { DeferredServices } from './deferred-services.ts';
import type { StackIamGuard } from './iam-guard.ts';

/**
 * The template's queues and event source mappings, or undefined when it declares none. Consumers are invoked
 * through the local Lambda service once the backends are ready; a role-signed call is decided by its role's policies.
 */
export function stackQueues(
  template: LocalTemplate,
  options: {
    region: string;
    /** Function ARN → local name. */
    functionNames: ReadonlyMap<string, string>;
    iam: StackIamGuard | undefined;
    backends: DeferredServices;
    log: LocalLog;
  },
): SqsService | undefined {
  const queues = queuesFromTemplate(template);
  const mappings = queueMappingsFromTemplate(template);
  if (queues.length === 0 && mappings.length === 0) return undefined;
  const { iam, functionNames } = options;
  const localNames = new Set(functionNames.values());
  return createSqsService({
    queues,
    mappings,
    region: options.region,
    functionName: (nameOrArn) => functionNames.get(nameOrArn) ?? (localNames.has(nameOrArn) ? nameOrArn : undefined),
    invoke: (name, event) => options.backends.use((ready) => ready.lambda.invoke(name, event)),
    ...(iam
      ? {
          authorize: async (authorization, checks) => {
            const denied = await iam.endpointCall(authorization, checks);
            return denied === undefined ? undefined : accessDeniedResponse('sqs', denied);
          },
        }
      : {}),
    log: options.log,
  });
}
