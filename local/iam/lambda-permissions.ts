import { isMapping } from '../shared/is-mapping.ts';
import type { LocalTemplate } from '../template/index.ts';
import type { PolicyDocument, PolicyStatement } from './types.ts';

/** AddPermission's Principal → the policy's Principal, as Lambda writes it (GetPolicy shows the same forms). */
function principalOf(principal: string, partition: string): unknown {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:${partition}:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

/**
 * Each function's resource-based policy, built from the template's AWS::Lambda::Permission resources the
 * way Lambda's AddPermission builds it: one Allow statement per permission, `SourceArn` as an `ArnLike`
 * condition on `AWS:SourceArn`, `SourceAccount` as `StringEquals` on `AWS:SourceAccount`. FunctionName may
 * be the function's name or ARN; a permission on a qualified name (alias/version) or on a function outside
 * the template is named in `warnings`.
 */
export function functionPolicies(template: LocalTemplate): {
  policies: Map<string, PolicyDocument>;
  warnings: string[];
} {
  const partition = template.pseudoParameters['AWS::Partition'] ?? 'aws';
  const functionArns = new Map<string, string>();
  for (const resource of template.resources.values()) {
    if (resource.type !== 'AWS::Serverless::Function' && resource.type !== 'AWS::Lambda::Function') continue;
    const id = template.physicalIds.get(resource.logicalId);
    const arn = id?.attributes['Arn'];
    if (id && arn) {
      functionArns.set(id.ref, arn);
      functionArns.set(arn, arn);
    }
  }
  const statements = new Map<string, PolicyStatement[]>();
  const warnings: string[] = [];
  for (const resource of template.resources.values()) {
    if (resource.type !== 'AWS::Lambda::Permission') continue;
    const properties = isMapping(resource.properties) ? resource.properties : {};
    const where = `Resources.${resource.logicalId}.Properties`;
    const functionName = String(properties['FunctionName']);
    const functionArn = functionArns.get(functionName);
    if (functionArn === undefined) {
      warnings.push(
        `${where}.FunctionName: ${JSON.stringify(functionName)} is not an unqualified function of this template (permission not evaluated)`,
      );
      continue;
    }
    for (const unsupported of ['EventSourceToken', 'PrincipalOrgID', 'FunctionUrlAuthType', 'InvokedViaFunctionUrl']) {
      if (properties[unsupported] !== undefined) warnings.push(`${where}.${unsupported}: not evaluated locally`);
    }
    const condition: NonNullable<PolicyStatement['Condition']> = {};
    if (typeof properties['SourceArn'] === 'string')
      condition['ArnLike'] = { 'AWS:SourceArn': properties['SourceArn'] };
    if (typeof properties['SourceAccount'] === 'string')
      condition['StringEquals'] = { 'AWS:SourceAccount': properties['SourceAccount'] };
    const statement: PolicyStatement = {
      Sid: resource.logicalId,
      Effect: 'Allow',
      Principal: principalOf(String(properties['Principal']), partition),
      Action: String(properties['Action']),
      Resource: functionArn,
      ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    };
    statements.set(functionArn, [...(statements.get(functionArn) ?? []), statement]);
  }
  const policies = new Map(
    [...statements].map(([arn, list]): [string, PolicyDocument] => [arn, { Version: '2012-10-17', Statement: list }]),
  );
  return { policies, warnings };
}
