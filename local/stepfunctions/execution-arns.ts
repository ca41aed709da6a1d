import { randomUUID } from 'node:crypto';
import type { StateMachineConfig } from './types.ts';

/**
 * Execution ARNs as Step Functions forms them: Standard
 * `arn:aws:states:{region}:{account}:execution:{machine}:{name}`; Express
 * `arn:aws:states:{region}:{account}:express:{machine}:{name}:{uuid}`. The name defaults to a UUID.
 */
export function newExecutionIdentity(
  machine: StateMachineConfig,
  requestedName: string | undefined,
): { executionArn: string; name: string } {
  const name = requestedName ?? randomUUID();
  const prefix = machine.arn.replace(/:stateMachine:[^:]+$/, '');
  const executionArn =
    machine.type === 'STANDARD'
      ? `${prefix}:execution:${machine.name}:${name}`
      : `${prefix}:express:${machine.name}:${name}:${randomUUID()}`;
  return { executionArn, name };
}
