import { isMapping } from '../shared/is-mapping.ts';
import type { LocalResource, LocalTemplate } from '../template/index.ts';
import { functionPolicies } from './lambda-permissions.ts';
import { knownManagedPolicy } from './managed-policies.ts';
import { samResourcePolicies } from './sam-resource-policies.ts';
import type { LocalRole, NamedPolicy, PolicyDocument, TemplatePolicies } from './types.ts';

/** A template whose IAM the local stack cannot evaluate as written (CloudFormation or SAM would refuse it too). */
export class IamTemplateError extends Error {
  override readonly name = 'IamTemplateError';
  constructor(readonly problems: string[]) {
    super(
      `IAM: the template's roles cannot be evaluated:\n  ${problems.join('\n  ')}\n(start with --iam off to run without IAM enforcement)`,
    );
  }
}

const list = (value: unknown): unknown[] => (value === undefined ? [] : [value].flat());
const ofType = (template: LocalTemplate, type: string) =>
  [...template.resources.values()].filter((r) => r.type === type);
const props = (resource: LocalResource): Record<string, unknown> =>
  isMapping(resource.properties) ? resource.properties : {};

/**
 * Every role of a loaded template with the policies attached to it: AWS::IAM::Role (inline Policies,
 * ManagedPolicyArns), AWS::IAM::Policy / AWS::IAM::ManagedPolicy (`Roles`) and AWS::IAM::RolePolicy
 * (`RoleName`) attached to it, and the roles SAM creates for functions and state machines. Managed
 * policies resolve to the template's own AWS::IAM::ManagedPolicy documents or the known AWS ones;
 * anything else is named in `warnings`. Throws IamTemplateError for what CloudFormation or SAM would refuse.
 */
export function collectTemplatePolicies(template: LocalTemplate): TemplatePolicies {
  const pseudo = template.pseudoParameters as Record<
    'AWS::Partition' | 'AWS::Region' | 'AWS::AccountId' | 'AWS::StackName',
    string
  >;
  const warnings: string[] = [];
  const problems: string[] = [];
  const document = (value: unknown, where: string) => {
    if (isMapping(value) && value['Statement'] !== undefined) return value as unknown as PolicyDocument;
    problems.push(`${where}: must be a policy document with a Statement, got ${JSON.stringify(value)}`);
    return undefined;
  };
  const documentAt = (resource: LocalResource, key: string) =>
    document(props(resource)[key], `Resources.${resource.logicalId}.Properties.${key}`);

  const templateManaged = new Map<string, PolicyDocument>();
  for (const resource of ofType(template, 'AWS::IAM::ManagedPolicy')) {
    const policy = documentAt(resource, 'PolicyDocument');
    const arn = template.physicalIds.get(resource.logicalId)?.ref;
    if (policy && arn) templateManaged.set(arn, policy);
  }
  const roles = new Map<string, LocalRole & { managedPolicyArns: string[] }>();
  for (const resource of ofType(template, 'AWS::IAM::Role')) {
    const id = template.physicalIds.get(resource.logicalId);
    const inline: NamedPolicy[] = [];
    list(props(resource)['Policies']).forEach((entry, index) => {
      const where = `Resources.${resource.logicalId}.Properties.Policies[${index}]`;
      const name = isMapping(entry) ? entry['PolicyName'] : undefined;
      const policy = document(isMapping(entry) ? entry['PolicyDocument'] : undefined, `${where}.PolicyDocument`);
      if (typeof name !== 'string') problems.push(`${where}.PolicyName: must be a string, got ${JSON.stringify(name)}`);
      else if (policy) inline.push({ name: `${resource.logicalId}/${name}`, document: policy });
    });
    if (props(resource)['PermissionsBoundary'] !== undefined) {
      warnings.push(
        `Resources.${resource.logicalId}.Properties.PermissionsBoundary: not evaluated locally (the role is evaluated without its boundary)`,
      );
    }
    const trustPolicy = documentAt(resource, 'AssumeRolePolicyDocument');
    roles.set(id?.ref ?? resource.logicalId, {
      logicalId: resource.logicalId,
      roleName: id?.ref ?? resource.logicalId,
      arn: id?.attributes['Arn'] ?? '',
      trustPolicy,
      policies: inline,
      managedPolicyArns: list(props(resource)['ManagedPolicyArns']).map(String),
    });
  }
  const executionRoles = new Map<string, string>();
  for (const resource of [
    ...ofType(template, 'AWS::Serverless::Function'),
    ...ofType(template, 'AWS::Serverless::StateMachine'),
  ]) {
    const sam = samResourcePolicies(resource, pseudo);
    warnings.push(...sam.warnings);
    problems.push(...sam.errors);
    if (sam.roleArn !== undefined) executionRoles.set(resource.logicalId, sam.roleArn);
    const implicit = sam.implicitRole;
    if (implicit === undefined) continue;
    const roleName = `${pseudo['AWS::StackName']}-${implicit.logicalId}`.slice(0, 64);
    const arn = `arn:${pseudo['AWS::Partition']}:iam::${pseudo['AWS::AccountId']}:role${implicit.path}${roleName}`;
    executionRoles.set(resource.logicalId, arn);
    roles.set(roleName, {
      logicalId: implicit.logicalId,
      roleName,
      arn,
      trustPolicy: implicit.trustPolicy,
      policies: implicit.inline,
      managedPolicyArns: implicit.managedPolicyArns,
    });
  }
  const attach = (resource: LocalResource, roleNames: unknown[], policy: NamedPolicy) => {
    for (const roleName of roleNames) {
      const role = typeof roleName === 'string' ? roles.get(roleName) : undefined;
      if (role) role.policies.push(policy);
      else
        warnings.push(
          `Resources.${resource.logicalId}: attached to ${JSON.stringify(roleName)}, which is not a role of this template (not evaluated)`,
        );
    }
  };
  const inlineName = (resource: LocalResource) => `${resource.logicalId}/${String(props(resource)['PolicyName'])}`;
  for (const resource of ofType(template, 'AWS::IAM::Policy')) {
    const policy = documentAt(resource, 'PolicyDocument');
    if (policy) attach(resource, list(props(resource)['Roles']), { name: inlineName(resource), document: policy });
  }
  for (const resource of ofType(template, 'AWS::IAM::RolePolicy')) {
    const policy = documentAt(resource, 'PolicyDocument');
    if (policy) attach(resource, [props(resource)['RoleName']], { name: inlineName(resource), document: policy });
  }
  for (const resource of ofType(template, 'AWS::IAM::ManagedPolicy')) {
    const arn = template.physicalIds.get(resource.logicalId)?.ref ?? '';
    const policy = templateManaged.get(arn);
    if (policy)
      attach(resource, list(props(resource)['Roles']), { name: `${resource.logicalId} (${arn})`, document: policy });
  }
  for (const role of roles.values()) {
    for (const arn of role.managedPolicyArns) {
      const policy = templateManaged.get(arn) ?? knownManagedPolicy(arn);
      if (policy) role.policies.push({ name: arn, document: policy });
      else
        warnings.push(
          `role ${role.logicalId}: managed policy ${arn} is not known locally; its permissions are missing`,
        );
    }
  }
  if (problems.length > 0) throw new IamTemplateError(problems);
  const functions = functionPolicies(template);
  return {
    roles: [...roles.values()].map(({ managedPolicyArns: _, ...role }) => role),
    executionRoles,
    functionPolicies: functions.policies,
    warnings: [...warnings, ...functions.warnings],
  };
}
