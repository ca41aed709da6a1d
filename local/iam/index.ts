export { collectTemplatePolicies, IamTemplateError } from './collect-roles.ts';
export { samResourcePolicies } from './sam-resource-policies.ts';
export type { SamResourcePolicies } from './sam-resource-policies.ts';
export { expandPolicyTemplate, isSamPolicyTemplateName } from './expand-policy-template.ts';
export type { PolicyTemplateExpansion, PolicyTemplatePseudo } from './expand-policy-template.ts';
export { SAM_POLICY_TEMPLATES } from './sam-policy-templates.ts';
export { knownManagedPolicy, managedPolicyArn } from './managed-policies.ts';
export { functionPolicies } from './lambda-permissions.ts';
export { createIamEvaluator } from './evaluator.ts';
export { validateTemplatePolicies } from './validate-policies.ts';
export type { IamEvaluatorOptions } from './evaluator.ts';
export { authorizeChecks } from './authorize-checks.ts';
export { accessDeniedResponse } from './access-denied.ts';
export type { DeniedResponse, DenyingService } from './access-denied.ts';
export { decisionRecord, parseDecisionRecords } from './decision-record.ts';
export type { DecisionRecord } from './decision-record.ts';
export { createCredentialDirectory } from './credentials.ts';
export type { CallerFromAuthorization, CredentialDirectory, RoleCredentials } from './credentials.ts';
export { dynamodbAuthorizations, tableArn } from './requests/dynamodb.ts';
export {
  apiGatewaySourceArn,
  connectionsAuthorizations,
  connectionsResource,
  lambdaInvokeAuthorizations,
  statesAuthorizations,
} from './requests/services.ts';
export type { ConnectionsMethod } from './requests/services.ts';
export type { ArnScope, RequestAuthorizations, ResourceAction } from './requests/types.ts';
export type {
  DecidingStatement,
  IamDecision,
  IamEvaluator,
  IamRequest,
  LocalRole,
  NamedPolicy,
  PolicyDocument,
  PolicyStatement,
  TemplatePolicies,
} from './types.ts';
