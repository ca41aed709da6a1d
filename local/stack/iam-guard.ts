import type { AwsServiceResponse } from '../api/index.ts';
import type { LocalLog } from '../shared/log.ts';
import {
  accessDeniedResponse,
  createCredentialDirectory,
  type DeniedResponse,
  type CredentialDirectory,
  authorizeChecks,
  collectTemplatePolicies,
  connectionsAuthorizations,
  createIamEvaluator,
  dynamodbAuthorizations,
  IamTemplateError,
  statesAuthorizations,
  validateTemplatePolicies,
  type ArnScope,
  type IamEvaluator,
  type RequestAuthorizations,
} from '../iam/index.ts';
import type { ApiGatewayInvokeParameters, ApiGatewayInvokeResult } from '../stepfunctions/index.ts';
import { stateMachinesFromTemplate, type LocalTemplate } from '../template/index.ts';
import { createDecisionRecorder } from './iam-decisions.ts';
import { lambdaInvokeGuard, type LambdaInvokeGuard } from './iam-lambda.ts';
import { stateMachineTaskGuard, type StateMachineTaskGuard } from './iam-tasks.ts';

/** `on` (default): every call the stack makes for a role is evaluated as AWS would; `off`: nothing is. */
export type IamMode = 'on' | 'off';

/**
 * The checks the local stack makes on the way to a backend. Each returns undefined when the call may go
 * ahead, or the answer AWS would give instead; an integration that could not be made at all throws.
 */
export interface StackIamGuard {
  /** API Gateway `AWS` integration with CredentialsArn → DynamoDB / Step Functions. */
  serviceCall(
    credentialsArn: string | undefined,
    service: string,
    action: string,
    body: string,
  ): Promise<AwsServiceResponse | undefined>;
  /** Step Functions `apigateway:invoke` Task, signed as the state machine's role. */
  apiGatewayTask(
    stateMachineArn: string,
    parameters: ApiGatewayInvokeParameters,
  ): Promise<ApiGatewayInvokeResult | undefined>;
  lambda: LambdaInvokeGuard;
  /**
   * A request to the local AWS endpoint (Step Functions, Lambda Invoke): signed with the key of a template role
   * (`credentials`), that role's policies decide, and a denial returns AWS's message; signed with any other key,
   * it is the developer's own tools (the AWS CLI, a script) and goes ahead, as the account's admin would.
   */
  endpointCall(authorization: string | undefined, authorizations: RequestAuthorizations): Promise<string | undefined>;
  /**
   * A request to the local DynamoDB endpoint (a function's SDK call): signed with a template role's key, that role's
   * policies decide and a denial is DynamoDB's own AccessDeniedException; any other key goes ahead, as for `endpointCall`.
   */
  dynamodbCall(authorization: string | undefined, operation: string, body: string): Promise<DeniedResponse | undefined>;
  /** An `@connections` request (POST/GET/DELETE), likewise: a role's key needs `execute-api:ManageConnections`. */
  connectionsCall(authorization: string | undefined, method: string): Promise<DeniedResponse | undefined>;
  /** Each role's derived keys (`ASIA…`), and the role a request's SigV4 key names. */
  credentials: CredentialDirectory;
  /** Logical ID of each function and state machine → the role it runs as. */
  executionRoles: ReadonlyMap<string, string>;
  /** Step Functions Lambda and DynamoDB Tasks, as the state machine's role. */
  tasks: StateMachineTaskGuard;
}

/** What the role keys are derived from: the same stack always gives a role the same key. */
export const credentialSeed = (accountId: string, region: string, stackName: string): string =>
  `${accountId}/${region}/${stackName}`;

export interface StackIamOptions {
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  /** Seeds the roles' keys: `credentialSeed(account, region, stack)`. */
  stackName: string;
  log: LocalLog;
  /** Where every decision of this run is recorded, one JSON line each (`npm run iam -- --log` reads it). */
  decisionsFile?: string;
}

const SERVICE_ACTIONS: Record<string, (action: string, body: unknown, scope: ArnScope) => RequestAuthorizations> = {
  dynamodb: (action, body, scope) => dynamodbAuthorizations(action, body, scope),
  states: (action, body) => statesAuthorizations(action, body),
};
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * The stack's IAM: the template's roles, evaluated for each call; the start-up warnings name what is not
 * evaluated. A policy IAM would refuse stops the start (IamTemplateError), as it would stop the deployment.
 */
export async function createStackIamGuard(template: LocalTemplate, options: StackIamOptions): Promise<StackIamGuard> {
  const policies = collectTemplatePolicies(template);
  const problems = await validateTemplatePolicies(policies);
  if (problems.length > 0) throw new IamTemplateError(problems);
  for (const warning of policies.warnings) options.log(`not evaluated: ${warning}`, 'warn');
  const evaluator = createIamEvaluator({
    policies,
    accountId: options.accountId,
    region: options.region,
    log: options.log,
    onDecision: createDecisionRecorder(options.log, options.decisionsFile),
  });
  const scope: ArnScope = {
    partition: template.pseudoParameters['AWS::Partition'] ?? 'aws',
    region: options.region,
    accountId: options.accountId,
  };
  const warned = new Set<string>();
  const unmapped = (reason: string) => {
    if (!warned.has(reason)) {
      warned.add(reason);
      options.log(`not evaluated: ${reason}`, 'warn');
    }
  };
  const credentials = createCredentialDirectory(
    policies.roles,
    credentialSeed(options.accountId, options.region, options.stackName),
  );
  const assumable = memoAssume(evaluator);
  /** The request's checks as the role whose key signed it (undefined: not signed with a template role's key). */
  const asSigner = async (
    authorization: string | undefined,
    authorizations: RequestAuthorizations | (() => RequestAuthorizations),
  ) => {
    const caller = credentials.callerOf(authorization);
    if (caller.kind !== 'role') return undefined;
    const checks = typeof authorizations === 'function' ? authorizations() : authorizations;
    return authorizeChecks(
      evaluator,
      { principal: caller.role.arn, ...(caller.sessionName ? { sessionName: caller.sessionName } : {}) },
      checks,
      unmapped,
    );
  };
  const machineRoles = new Map(
    stateMachinesFromTemplate(template).map((m) => [m.arn, m.roleArn ?? policies.executionRoles.get(m.logicalId)]),
  );

  return {
    async serviceCall(credentialsArn, service, action, body) {
      const map = Object.hasOwn(SERVICE_ACTIONS, service) ? SERVICE_ACTIONS[service] : undefined;
      if (map === undefined) return undefined; // the stack answers every other service itself (UnknownOperation)
      if (credentialsArn === undefined) {
        throw new Error(
          `${service}:${action}: the integration has no CredentialsArn, so API Gateway has no role to call ${service} with (configuration error)`,
        );
      }
      if (!(await assumable(credentialsArn, 'apigateway.amazonaws.com'))) {
        throw new Error(`${service}:${action}: API Gateway cannot assume ${credentialsArn} (configuration error)`);
      }
      const decision = await authorizeChecks(
        evaluator,
        { principal: credentialsArn, sessionName: 'apigateway' },
        map(action, parseJson(body), scope),
        unmapped,
      );
      return decision.allowed
        ? undefined
        : accessDeniedResponse(service === 'dynamodb' ? 'dynamodb' : 'states', decision.message);
    },
    async apiGatewayTask(stateMachineArn, parameters) {
      if (!(parameters.Path ?? '').startsWith('/@connections/')) return undefined; // the local API answers any other path with 403
      if (parameters.AuthType !== 'IAM_ROLE') {
        // UNCONFIRMED: @connections only takes SigV4 requests; without IAM_ROLE Step Functions sends the call unsigned.
        return {
          statusCode: 403,
          headers: { 'x-amzn-ErrorType': 'MissingAuthenticationTokenException' },
          body: JSON.stringify({ message: 'Missing Authentication Token' }),
        };
      }
      const roleArn = machineRoles.get(stateMachineArn);
      if (roleArn === undefined)
        throw new Error(`state machine ${stateMachineArn} has no role to sign apigateway:invoke with`);
      const apiId = parameters.ApiEndpoint.split('.')[0] ?? '';
      const checks = connectionsAuthorizations({ ...scope, apiId, stage: parameters.Stage ?? '' }, parameters.Method);
      const decision = await authorizeChecks(
        evaluator,
        { principal: roleArn, sessionName: 'states' },
        checks,
        unmapped,
      );
      return decision.allowed ? undefined : accessDeniedResponse('execute-api', decision.message);
    },
    lambda: lambdaInvokeGuard(template, evaluator, { scope, apiId: options.apiId, stage: options.stage, assumable }),
    async endpointCall(authorization, authorizations) {
      const decision = await asSigner(authorization, authorizations);
      return decision?.allowed === false ? decision.message : undefined;
    },
    async dynamodbCall(authorization, operation, body) {
      const decision = await asSigner(authorization, () => dynamodbAuthorizations(operation, parseJson(body), scope));
      return decision?.allowed === false ? accessDeniedResponse('dynamodb', decision.message) : undefined;
    },
    async connectionsCall(authorization, method) {
      const decision = await asSigner(authorization, () =>
        connectionsAuthorizations({ ...scope, apiId: options.apiId, stage: options.stage }, method),
      );
      return decision?.allowed === false ? accessDeniedResponse('execute-api', decision.message) : undefined;
    },
    credentials,
    executionRoles: policies.executionRoles,
    tasks: stateMachineTaskGuard({ evaluator, machineRoles, scope, unmapped }),
  };
}

/** Trust-policy answers per (role, service): they cannot change while the stack runs. */
function memoAssume(evaluator: IamEvaluator) {
  const answers = new Map<string, Promise<boolean>>();
  return (roleArn: string, service: string): Promise<boolean> => {
    const key = `${roleArn} ${service}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = evaluator.canAssume(roleArn, service);
      answers.set(key, answer);
    }
    return answer;
  };
}
