import { apiGatewaySourceArn, type ArnScope, type IamEvaluator } from '../iam/index.ts';
import { isMapping } from '../shared/is-mapping.ts';
import { integrationsFromTemplate, type LocalTemplate } from '../template/index.ts';

/** API Gateway invoking a function: undefined when it may, else why not (AWS: "Invalid permissions on Lambda function"). */
export interface LambdaInvokeGuard {
  /** Synchronous once a (function, source, role) was decided, so the `$default` echo pays no extra promise. */
  check(
    functionArn: string,
    event: unknown,
    credentialsArn: string | undefined,
  ): string | undefined | Promise<string | undefined>;
}

interface Context {
  scope: ArnScope;
  apiId: string;
  stage: string;
  assumable(roleArn: string, service: string): Promise<boolean>;
}

/**
 * Lambda's side of an API Gateway invocation. Without CredentialsArn, API Gateway calls as the service
 * principal and the function's resource policy (AWS::Lambda::Permission) must allow it for the source:
 * `{apiId}/{stage}/{routeKey}` for a route, `{apiId}/authorizers/{authorizerId}` for the `$connect`
 * authorizer. With CredentialsArn, API Gateway assumes that role and its policies decide.
 */
export function lambdaInvokeGuard(
  template: LocalTemplate,
  evaluator: IamEvaluator,
  context: Context,
): LambdaInvokeGuard {
  const connect = integrationsFromTemplate(template).find((route) => route.routeKey === '$connect');
  const authorizerId =
    connect?.authorization.type === 'CUSTOM' ? connect.authorization.authorizer.authorizerId : undefined;
  const decided = new Map<string, string | undefined>();

  /** What the source ARN depends on: the authorizer, or the route key (the ARN is built only on a new one). */
  const sourceOf = (event: unknown): { authorizerId: string } | { stage: string; routeKey: string } => {
    const record = isMapping(event) ? event : {};
    if (record['type'] === 'REQUEST' && typeof record['methodArn'] === 'string' && authorizerId !== undefined)
      return { authorizerId };
    const requestContext = isMapping(record['requestContext']) ? record['requestContext'] : {};
    return {
      stage: context.stage,
      routeKey: typeof requestContext['routeKey'] === 'string' ? requestContext['routeKey'] : '$default',
    };
  };

  async function decide(
    functionArn: string,
    sourceArn: string,
    credentialsArn: string | undefined,
  ): Promise<string | undefined> {
    if (credentialsArn !== undefined) {
      if (!(await context.assumable(credentialsArn, 'apigateway.amazonaws.com')))
        return `API Gateway cannot assume ${credentialsArn}`;
      const decision = await evaluator.authorize({
        principal: credentialsArn,
        action: 'lambda:InvokeFunction',
        resource: functionArn,
        sessionName: 'apigateway',
      });
      return decision.allowed ? undefined : `Invalid permissions on Lambda function: ${decision.message}`;
    }
    const decision = await evaluator.authorize({
      principal: 'apigateway.amazonaws.com',
      action: 'lambda:InvokeFunction',
      resource: functionArn,
      context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': context.scope.accountId },
    });
    return decision.allowed ? undefined : `Invalid permissions on Lambda function: ${decision.message}`;
  }

  return {
    check(functionArn, event, credentialsArn) {
      const source = sourceOf(event);
      const key = `${functionArn}\n${'authorizerId' in source ? `authorizer ${source.authorizerId}` : source.routeKey}\n${credentialsArn ?? ''}`;
      if (decided.has(key)) return decided.get(key);
      const sourceArn = apiGatewaySourceArn({ ...context.scope, apiId: context.apiId }, source);
      return decide(functionArn, sourceArn, credentialsArn).then((reason) => {
        decided.set(key, reason);
        return reason;
      });
    },
  };
}
