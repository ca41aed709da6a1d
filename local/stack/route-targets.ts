import type { LocalRoute } from '../template/index.ts';
import {
  type RunnableFunctions,
  routeFunctionName,
  unqualifiedFunctionArn,
  whyNotRunnable,
} from './function-targets.ts';

/** AWS services whose integration actions the local stack serves (backends.ts). */
const SERVED_SERVICES = new Set(['dynamodb', 'states']);

/** Hosts of AWS's public endpoints (amazonaws.com, amazonaws.com.cn, api.aws): never called from the local stack. */
function isAwsEndpoint(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  return ['amazonaws.com', 'amazonaws.com.cn', 'api.aws'].some(
    (domain) => host === domain || host.endsWith(`.${domain}`),
  );
}

/** The functions a route invokes itself: its Lambda integration and its `$connect` authorizer, each with its role. */
function routeFunctionArns(route: LocalRoute): Array<{ arn: string; role: string }> {
  const arns: Array<{ arn: string; role: string }> = [];
  const { target } = route.integration;
  if (target?.kind === 'lambda')
    arns.push({ arn: target.functionArn, role: `integration ${route.integration.logicalId}` });
  if (route.authorization.type === 'CUSTOM') {
    const { authorizer } = route.authorization;
    arns.push({ arn: authorizer.functionArn, role: `authorizer ${authorizer.logicalId}` });
  }
  return arns;
}

/**
 * Every route (and `$connect` authorizer) whose target the local stack cannot run, one line each naming the
 * route: a function that does not run locally (`notRun` says why) or is not in the template, or an AWS service
 * the local stack does not emulate. The stack refuses to start with these, rather than fail the route later.
 */
export function unrunnableRouteTargets(routes: LocalRoute[], functions: RunnableFunctions): string[] {
  const problems: string[] = [];
  for (const route of routes) {
    for (const { arn, role } of routeFunctionArns(route)) {
      // The ARN as written, and without its alias or version qualifier (the 8th field).
      const reason = whyNotRunnable([arn, unqualifiedFunctionArn(arn)], functions);
      if (reason !== undefined)
        problems.push(`route ${route.routeKey} (${route.logicalId}): its ${role} cannot run locally: ${reason}`);
    }
    const { target } = route.integration;
    if (target?.kind === 'aws-service' && !SERVED_SERVICES.has(target.service)) {
      problems.push(
        `route ${route.routeKey} (${route.logicalId}): its integration ${route.integration.logicalId} calls ${target.service}:${target.action}, which is not emulated (served: DynamoDB, Step Functions)`,
      );
    }
    if (target?.kind === 'http' && isAwsEndpoint(target.url)) {
      problems.push(
        `route ${route.routeKey} (${route.logicalId}): its integration ${route.integration.logicalId} calls ${target.url}, an AWS endpoint: the local stack never calls AWS`,
      );
    }
  }
  return problems;
}

/**
 * The functions a client's connection or message can invoke directly, route order, each once: route integrations and
 * `$connect` authorizers. Their runtimes start with the stack (issue 20); a function only workflows or queues invoke
 * starts at its first invocation.
 */
export function functionsRoutesInvoke(routes: LocalRoute[], names: ReadonlyMap<string, string>): string[] {
  const invoked = new Set<string>();
  for (const route of routes) {
    for (const { arn } of routeFunctionArns(route)) {
      const name = routeFunctionName(names, arn);
      if (name !== undefined) invoked.add(name);
    }
  }
  return [...invoked];
}

/**
 * Routes and authorizers whose URI names a function version or alias (anything but `$LATEST`): they run the function's
 * current code locally, since versions and aliases are not emulated. One line each, for the start's warnings.
 */
export function qualifiedRouteTargets(routes: LocalRoute[], names: ReadonlyMap<string, string>): string[] {
  const lines: string[] = [];
  for (const route of routes) {
    for (const { arn, role } of routeFunctionArns(route)) {
      const qualifier = arn.split(':')[7];
      if (qualifier === undefined || qualifier === '$LATEST' || names.has(arn)) continue;
      lines.push(
        `route ${route.routeKey} (${route.logicalId}): its ${role} invokes ${arn}: versions and aliases are not emulated, so ${JSON.stringify(qualifier)} runs the function's current code ($LATEST)`,
      );
    }
  }
  return lines;
}
