/**
 * Least-privilege checks on inline IAM policy documents: AWS::IAM::Role `Policies[].PolicyDocument`,
 * AWS::IAM::ManagedPolicy / AWS::IAM::Policy `PolicyDocument`, and the documents among SAM
 * `Policies` (managed-policy names and SAM policy templates are not documents and are skipped).
 *
 * Rules for each statement:
 * - `Effect` must be `Allow` or `Deny`.
 * - Allow statements only (a wildcard in a Deny narrows access, so it is not a risk):
 *   no `*` in any `Action`; no `NotAction` / `NotResource`; no wildcard `Resource` (see
 *   ./iam-resource.ts) unless every action is on RESOURCE_STAR_ONLY_ACTIONS.
 */
import type { CfnObject, CfnTemplate, CfnValue } from '../cfn/types.ts';
import { asList, isIntrinsic, isPlainObject } from './cfn-values.ts';
import { childPath, type Finding } from './finding.ts';
import { literalText, wildcardReason } from './iam-resource.ts';

/**
 * Actions AWS only supports with `Resource: "*"` (no resource-level permissions), so `*` is
 * the narrowest possible grant for them: X-Ray trace upload/sampling (Lambda/Step Functions
 * tracing), CloudWatch Logs vended-log delivery (Step Functions and API Gateway logging),
 * and template validation. Compared case-insensitively, as IAM does.
 */
export const RESOURCE_STAR_ONLY_ACTIONS: readonly string[] = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  'cloudformation:ValidateTemplate',
];

export function checkIam(template: CfnTemplate): Finding[] {
  const findings: Finding[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const path = childPath(childPath('Resources', id), 'Properties');
    for (const [doc, at] of policyDocuments(resource.Type, resource.Properties ?? {}, path)) {
      checkDocument(doc, at, findings);
    }
  }
  return findings;
}

function policyDocuments(type: string, props: CfnObject, path: string): [CfnValue, string][] {
  switch (type) {
    case 'AWS::IAM::Role':
      return asList(props.Policies).flatMap((policy, i): [CfnValue, string][] =>
        isPlainObject(policy) && policy.PolicyDocument !== undefined
          ? [[policy.PolicyDocument, childPath(childPath(childPath(path, 'Policies'), i), 'PolicyDocument')]]
          : [],
      );
    case 'AWS::IAM::ManagedPolicy':
    case 'AWS::IAM::Policy':
      return props.PolicyDocument === undefined ? [] : [[props.PolicyDocument, childPath(path, 'PolicyDocument')]];
    case 'AWS::Serverless::Function':
    case 'AWS::Serverless::StateMachine': {
      const policies = props.Policies;
      const isDocument = (p: CfnValue | undefined) => isPlainObject(p) && 'Statement' in p;
      if (isDocument(policies)) return [[policies!, childPath(path, 'Policies')]];
      if (!Array.isArray(policies)) return [];
      return policies.flatMap((p, i): [CfnValue, string][] =>
        isDocument(p) ? [[p, childPath(childPath(path, 'Policies'), i)]] : [],
      );
    }
    default:
      return [];
  }
}

function checkDocument(doc: CfnValue, path: string, findings: Finding[]): void {
  let document = doc;
  if (typeof doc === 'string') {
    try {
      document = JSON.parse(doc) as CfnValue;
    } catch {
      return;
    } // a non-JSON string is cfn-lint's to report
  }
  if (!isPlainObject(document)) return;
  const statements = document.Statement;
  const base = childPath(path, 'Statement');
  asList(statements).forEach((statement, i) => {
    if (isIntrinsic(statement) || !isPlainObject(statement)) return;
    checkStatement(statement, Array.isArray(statements) ? childPath(base, i) : base, findings);
  });
}

function checkStatement(statement: CfnObject, path: string, findings: Finding[]): void {
  const error = (check: string, at: string, message: string) =>
    findings.push({ check, level: 'error', path: at, message });
  const effect = statement.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    const got = effect === undefined ? 'none' : JSON.stringify(effect);
    error('iam/effect', childPath(path, 'Effect'), `Effect must be 'Allow' or 'Deny' (got ${got})`);
    return;
  }
  if (effect === 'Deny') return;
  for (const key of ['NotAction', 'NotResource'] as const) {
    if (key in statement) {
      error(
        `iam/${key === 'NotAction' ? 'not-action' : 'not-resource'}`,
        childPath(path, key),
        `${key} in an Allow statement grants everything except what it lists; use ${key.slice(3)} with explicit values`,
      );
    }
  }
  const itemPath = (key: string, list: CfnValue | undefined, i: number) =>
    Array.isArray(list) ? childPath(childPath(path, key), i) : childPath(path, key);
  const actions = asList(statement.Action);
  actions.forEach((action, i) => {
    if (typeof action === 'string' && action.includes('*')) {
      error(
        'iam/action-wildcard',
        itemPath('Action', statement.Action, i),
        `Action '${action}' contains a wildcard; list the needed actions explicitly`,
      );
    }
  });
  const starOnly = new Set(RESOURCE_STAR_ONLY_ACTIONS.map((a) => a.toLowerCase()));
  const others = actions.filter((a) => typeof a !== 'string' || !starOnly.has(a.toLowerCase()));
  if (actions.length > 0 && others.length === 0) return; // '*' is the only possible scope for these
  const shownActions = others.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', ') || '(no Action)';
  asList(statement.Resource).forEach((resource, i) => {
    const text = literalText(resource);
    const reason = text === undefined ? undefined : wildcardReason(text);
    if (reason === undefined) return;
    error(
      'iam/resource-wildcard',
      itemPath('Resource', statement.Resource, i),
      `Resource '${text}' (${reason}) is too broad for ${shownActions}; scope it to specific ARNs ` +
        `('*' is accepted only when every action is one AWS supports solely on '*', e.g. xray:PutTraceSegments)`,
    );
  });
}
