import type { LambdaFunctionSpec } from '../lambda/index.ts';
import type { LocalFunction } from '../template/index.ts';
import type { StackIamGuard } from './iam-guard.ts';

/**
 * Each function runs with keys of its execution role's session named after the function (Lambda's session name, which
 * AWS's AccessDenied messages show), so the local endpoints know which role signed its SDK calls. A function whose role
 * is not in the template keeps the base environment's keys: its calls go ahead, as the developer's would.
 */
export function withRoleCredentials(
  specs: LambdaFunctionSpec[],
  functions: LocalFunction[],
  iam: StackIamGuard | undefined,
): LambdaFunctionSpec[] {
  if (iam === undefined) return specs;
  const roleOf = new Map(functions.map((fn) => [fn.functionName, fn.role ?? iam.executionRoles.get(fn.logicalId)]));
  return specs.map((spec) => {
    const role = roleOf.get(spec.name);
    const credentials = role === undefined ? undefined : iam.credentials.credentialsFor(role, spec.name);
    return credentials ? { ...spec, credentials } : spec;
  });
}
