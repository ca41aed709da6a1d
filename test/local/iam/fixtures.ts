import {
  createIamEvaluator,
  type IamEvaluator,
  type LocalRole,
  type PolicyDocument,
  type PolicyStatement,
} from '../../../local/iam/index.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/local-TestRole`;
export const TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/Sessions`;
export const API = `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc123defg`;
export const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:local-DefaultFunction`;

export const document = (...statements: PolicyStatement[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements,
});

export function role(statements: PolicyStatement[], trust?: PolicyDocument): LocalRole {
  return {
    logicalId: 'TestRole',
    roleName: 'local-TestRole',
    arn: ROLE_ARN,
    trustPolicy: trust,
    policies: [{ name: 'TestRole/Inline', document: document(...statements) }],
  };
}

/** An evaluator over one role with `statements` (and functions' resource policies), collecting its log lines. */
export function evaluatorFor(
  statements: PolicyStatement[],
  options: { functionPolicies?: Map<string, PolicyDocument>; trust?: PolicyDocument } = {},
) {
  const lines: string[] = [];
  const evaluator: IamEvaluator = createIamEvaluator({
    policies: {
      roles: [role(statements, options.trust)],
      executionRoles: new Map(),
      functionPolicies: options.functionPolicies ?? new Map(),
      warnings: [],
    },
    accountId: ACCOUNT,
    region: REGION,
    log: (line) => lines.push(line),
  });
  return { evaluator, lines };
}
