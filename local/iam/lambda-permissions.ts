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

/** Lambda's alias and version names (a version is digits; `$LATEST` is matched on its own). */
const QUALIFIER = /^[a-zA-Z0-9_-]{1,128}$/;

/**
 * The ARN a permission's FunctionName puts its statement on: a function of the template by name or ARN, or an alias
 * or version of one (`name:live`, `arn:…:function:name:3`). Lambda keeps one policy per qualifier, and an invocation
 * of a qualified ARN is decided by that qualifier's policy alone (API_AddPermission: "If you use a qualifier, the
 * invoker must use the full ARN of that version or alias"), so the qualified ARN is its own key.
 */
function permissionTarget(functionName: string, functionArns: ReadonlyMap<string, string>): string | { why: string } {
  const unqualified = functionArns.get(functionName);
  if (unqualified !== undefined) return unqualified;
  const colon = functionName.lastIndexOf(':');
  const qualifier = functionName.slice(colon + 1);
  const functionArn = colon > 0 ? functionArns.get(functionName.slice(0, colon)) : undefined;
  if (functionArn === undefined || (!QUALIFIER.test(qualifier) && qualifier !== '$LATEST'))
    return { why: 'is not a function of this template, or an alias or version of one' };
  // AddPermission: "Lambda does not support adding policies to version $LATEST."
  if (qualifier === '$LATEST') return { why: 'names $LATEST, which Lambda does not accept policies on' };
  return `${functionArn}:${qualifier}`;
}

/**
 * Each function's resource-based policy, built from the template's AWS::Lambda::Permission resources the
 * way Lambda's AddPermission builds it: one Allow statement per permission, `SourceArn` as an `ArnLike`
 * condition on `AWS:SourceArn`, `SourceAccount` as `StringEquals` on `AWS:SourceAccount`. FunctionName may
 * be the function's name or ARN, or an alias or version of it (that qualifier's own policy, keyed by its ARN); a
 * permission on `$LATEST` or on a function outside the template is named in `warnings`.
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
    const target = permissionTarget(functionName, functionArns);
    if (typeof target !== 'string') {
      warnings.push(`${where}.FunctionName: ${JSON.stringify(functionName)} ${target.why} (permission not evaluated)`);
      continue;
    }
    const functionArn = target;
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
