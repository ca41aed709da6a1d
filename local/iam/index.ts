export { collectTemplatePolicies, IamTemplateError } from './collect-roles.ts';
export { expandPolicyTemplate, isSamPolicyTemplateName } from './expand-policy-template.ts';
export { SAM_POLICY_TEMPLATES } from './sam-policy-templates.ts';
export { createIamEvaluator } from './evaluator.ts';
export { validateTemplatePolicies } from './validate-policies.ts';
export { authorizeChecks } from './authorize-checks.ts';
export { accessDeniedResponse } from './access-denied.ts';
export type { DeniedResponse } from './access-denied.ts';
export { decisionRecord, parseDecisionRecords } from './decision-record.ts';
export type { DecisionRecord } from './decision-record.ts';
export { createCredentialDirectory } from './credentials.ts';
export type { CredentialDirectory } from './credentials.ts';
export { dynamodbAuthorizations, tableArn } from './requests/dynamodb.ts';
export {
  apiGatewaySourceArn,
  connectionsAuthorizations,
  connectionsResource,
  lambdaInvokeAuthorizations,
  statesAuthorizations,
} from './requests/services.ts';
export type { ArnScope, RequestAuthorizations } from './requests/types.ts';
export type {
  IamDecision,
  IamEvaluator,
  IamRequest,
  LocalRole,
  PolicyDocument,
  PolicyStatement,
  TemplatePolicies,
} from './types.ts';
