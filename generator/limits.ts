/**
 * Limits AWS applies to what the generator writes from config values, checked on the finished
 * template so that generated values count as well as the user's. The config schema refuses user
 * input early (generator/config/environment.ts); this catches what only the generator composes,
 * such as the subprotocol `$connect` function's record description.
 */
import type { CfnTemplate, CfnValue } from '../cfn/types.ts';
import { LAMBDA_ENVIRONMENT_LIMIT, LONGEST_REFERENCE_VALUE } from './config/environment.ts';
import { utf8Bytes } from './config/names.ts';
import { configFunctionId, LOGICAL_IDS, routeIds } from './naming.ts';

/** One line per function whose environment Lambda would refuse, named by the config field it comes from. */
export function environmentLimitProblems(
  template: CfnTemplate,
  routeNames: Map<string, string>,
  functionNames: string[] = [],
): string[] {
  const origins = functionOrigins(routeNames, functionNames);
  const problems: string[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const environment = resource.Properties?.['Environment'] as { Variables?: Record<string, CfnValue> } | undefined;
    const variables = environment?.Variables ?? {};
    const bytes = Object.entries(variables).reduce(
      (total, [name, value]) => total + utf8Bytes(name) + longestValueBytes(value),
      0,
    );
    if (bytes > LAMBDA_ENVIRONMENT_LIMIT) {
      problems.push(
        `${origins.get(logicalId) ?? logicalId}: the function's environment (${Object.keys(variables).join(', ')}) would hold up to ${bytes} bytes; Lambda allows ${LAMBDA_ENVIRONMENT_LIMIT} (names plus values, references counted at ${LONGEST_REFERENCE_VALUE}) (got ${bytes} bytes)`,
      );
    }
  }
  return problems;
}

/** A literal counts as written; a reference or `Fn::Sub` placeholder at the longest value it can resolve to. */
function longestValueBytes(value: CfnValue): number {
  if (typeof value === 'string') return utf8Bytes(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value['Fn::Sub'] === 'string') {
    const text = value['Fn::Sub'];
    const placeholders = text.match(/\$\{[^}]+\}/g) ?? [];
    return utf8Bytes(text.replace(/\$\{[^}]+\}/g, '')) + placeholders.length * LONGEST_REFERENCE_VALUE;
  }
  return LONGEST_REFERENCE_VALUE;
}

/** Function logical ID → the config field that shapes its environment. */
function functionOrigins(routeNames: Map<string, string>, functionNames: string[]): Map<string, string> {
  const origins = new Map<string, string>([[LOGICAL_IDS.authorizerFunction, 'connect.authorization.environment']]);
  for (const name of functionNames) origins.set(configFunctionId(name), `functions.${name}.environment`);
  for (const [key, base] of routeNames) {
    origins.set(
      routeIds(base).function,
      key === '$connect'
        ? 'connect (the subprotocol $connect function: subprotocols, indexes, authorizer context keys)'
        : `routes.${key}.environment`,
    );
  }
  return origins;
}
