import type { Visitor } from '../context.ts';
import { problemLine } from '../config/errors.ts';
import { getAtt } from '../../cfn/types.ts';
import { CONSUMER_ACTIONS } from '../config/queues.ts';
import { configFunctionId, declaredQueueIds } from '../naming.ts';
import { allow } from './iam.ts';
import { accessGrants } from './function-access.ts';
import { typescriptFunction } from './function-resource.ts';

/**
 * The functions of `functions`: TypeScript Lambdas no route serves, for workflows to invoke. Only the state
 * machine roles whose Task states name one may invoke it (no resource policy is needed for a role in the same
 * account). Runs after every other resource visitor, so a logical ID another resource (or SAM's implicit role
 * `<Id>Role`) already has is refused, not overwritten.
 */
export const configFunctionsVisitor: Visitor = (template, context) => {
  const { config, functions } = context;
  for (const [name, fn] of Object.entries(config.functions)) {
    const id = configFunctionId(name);
    const taken = [id, `${id}Role`].find((candidate) => candidate in template.Resources);
    if (taken !== undefined) {
      context.problems.push(
        problemLine(
          `functions.${name}`,
          `its resources would be named ${id} and ${id}Role, and the template already has ${taken} (from a route key or a built-in resource); rename the function`,
          name,
        ),
      );
      continue;
    }
    const paths = functions.get(name);
    if (!paths) throw new Error(`no resolved handler for function ${name}`);
    const grants = accessGrants(fn.access, config);
    // Lambda's poller calls SQS with the consumer's role: the four actions, on each queue it consumes only.
    for (const [queueName, queue] of Object.entries(config.queues)) {
      if (queue.consumer?.function !== name) continue;
      for (const action of CONSUMER_ACTIONS)
        grants.statements.push(allow(`sqs:${action}`, getAtt(declaredQueueIds(queueName).queue, 'Arn')));
    }
    template.Resources[id] = typescriptFunction({
      paths,
      memorySize: fn.memorySize,
      timeout: fn.timeout,
      tracing: config.observability.tracing,
      environment: { ...grants.environment, ...fn.environment },
      statements: grants.statements,
      acceptances: grants.acceptances,
    });
  }
};
