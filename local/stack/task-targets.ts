import { allStates, type AslStates } from '../../lang/asl/states.ts';
import { parseTaskResource } from '../../lang/asl/task-resources.ts';
import type { LocalStateMachine } from '../template/index.ts';
import { type RunnableFunctions, whyNotRunnable } from './function-targets.ts';

/**
 * Every workflow Task whose function the local stack cannot run, one line each naming the state machine and the
 * state: a function ARN as the Resource, or a literal `FunctionName` of `lambda:invoke`, that is not a function of
 * the template running locally (`notRun` says why). Refused at start, as routes with such targets are
 * (route-targets.ts). A `FunctionName.$` is known only at run time: the Task fails then (ResourceNotFoundException).
 */
export function unrunnableTaskTargets(machines: LocalStateMachine[], functions: RunnableFunctions): string[] {
  const problems: string[] = [];
  const known = new Set(functions.names.values());
  for (const machine of machines) {
    for (const { name, state } of allStates(machine.definition as AslStates)) {
      if (state.Type !== 'Task') continue;
      const resource = parseTaskResource(state['Resource']);
      const parameters = state['Parameters'] as Record<string, unknown> | undefined;
      const target =
        resource.kind === 'lambdaFunction'
          ? resource.functionArn
          : resource.kind === 'lambdaInvoke' && typeof parameters?.['FunctionName'] === 'string'
            ? parameters['FunctionName']
            : undefined;
      // The ARN or name as written: no qualifier is dropped.
      const reason = target === undefined || known.has(target) ? undefined : whyNotRunnable([target], functions);
      if (reason === undefined) continue;
      problems.push(
        `state machine ${machine.logicalId}, state ${JSON.stringify(name)}: its function cannot run locally: ${reason}`,
      );
    }
  }
  return problems;
}
