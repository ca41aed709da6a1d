import {
  accessDeniedResponse,
  authorizeChecks,
  dynamodbAuthorizations,
  lambdaInvokeAuthorizations,
  type ArnScope,
  type DeniedResponse,
  type IamEvaluator,
  type RequestAuthorizations,
} from '../iam/index.ts';

/** A Task's call as its state machine's role: undefined when the role may make it, else AWS's answer. */
export interface StateMachineTaskGuard {
  /** `lambda:InvokeFunction` on the function; a denial is the AccessDenied message Lambda returns (HTTP 403). */
  lambda(stateMachineArn: string, functionArn: string): Promise<string | undefined>;
  /** The DynamoDB request's actions and resources (`dynamodbAuthorizations`); a denial is DynamoDB's own answer. */
  dynamodb(stateMachineArn: string, operation: string, body: string): Promise<DeniedResponse | undefined>;
}

interface TaskGuardContext {
  evaluator: IamEvaluator;
  /** State machine ARN → the role it runs as (undefined: none the template names). */
  machineRoles: ReadonlyMap<string, string | undefined>;
  scope: ArnScope;
  /** Names, once, a request the local stack cannot map to IAM actions (it goes ahead). */
  unmapped: (reason: string) => void;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * Step Functions calls a Task's service with the state machine's role (its credentials, session `states`), so
 * the role's policies decide each call, as they decide the `apigateway:invoke` Tasks (iam-guard.ts).
 */
export function stateMachineTaskGuard(context: TaskGuardContext): StateMachineTaskGuard {
  async function decide(stateMachineArn: string, checks: RequestAuthorizations) {
    const roleArn = context.machineRoles.get(stateMachineArn);
    if (roleArn === undefined)
      throw new Error(`state machine ${stateMachineArn} has no role to call its Task's service with`);
    return authorizeChecks(context.evaluator, { principal: roleArn, sessionName: 'states' }, checks, context.unmapped);
  }
  return {
    async lambda(stateMachineArn, functionArn) {
      const decision = await decide(stateMachineArn, lambdaInvokeAuthorizations(functionArn));
      return decision.allowed ? undefined : decision.message;
    },
    async dynamodb(stateMachineArn, operation, body) {
      const decision = await decide(stateMachineArn, dynamodbAuthorizations(operation, parseJson(body), context.scope));
      return decision.allowed ? undefined : accessDeniedResponse('dynamodb', decision.message);
    },
  };
}
