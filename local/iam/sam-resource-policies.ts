import { isMapping } from '../shared/is-mapping.ts';
import type { LocalResource } from '../template/index.ts';
import { expandPolicyTemplate, type PolicyTemplatePseudo } from './expand-policy-template.ts';
import { awsManagedPolicyArn, managedPolicyArn } from './managed-policies.ts';
import type { NamedPolicy, PolicyDocument } from './types.ts';

/** What SAM gives the role of an `AWS::Serverless::Function` or `AWS::Serverless::StateMachine`. */
export interface SamResourcePolicies {
  /** `Role` as written (resolved): SAM then creates no role, and the resource runs with that one. */
  roleArn: string | undefined;
  /** The role SAM creates (`<LogicalId>Role`) when `Role` is absent. */
  implicitRole:
    | {
        logicalId: string;
        path: string;
        trustPolicy: PolicyDocument;
        inline: NamedPolicy[];
        managedPolicyArns: string[];
      }
    | undefined;
  /** What SAM would add that the local stack does not evaluate, by name. */
  warnings: string[];
  /** What SAM itself refuses (the stack could not deploy). */
  errors: string[];
}

const trust = (service: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
});
/** SAM's X-Ray policy: the older name in the `aws` partition, the newer one elsewhere (samtranslator xray_utils). */
const xrayPolicy = (partition: string) => (partition === 'aws' ? 'AWSXrayWriteOnlyAccess' : 'AWSXRayDaemonWriteAccess');
/** Event sources for which SAM adds a managed policy to the function's role. */
const POLLING_EVENTS = new Set(['DynamoDB', 'Kinesis', 'SQS', 'MSK', 'MQ', 'SelfManagedKafka', 'DocumentDB']);

/**
 * The policies SAM attaches for one SAM resource, from its resolved properties, following the SAM
 * translator (sam_resources.py `_construct_role`, stepfunctions/generators.py, role_constructor.py):
 * functions always get AWSLambdaBasicExecutionRole, plus X-Ray with Tracing, VPC access with VpcConfig;
 * each Policies entry is a managed policy (string), a policy document (has `Statement`), or a policy
 * template (one key naming it), in that order, inline ones named `<LogicalId>RolePolicy<index>`.
 */
export function samResourcePolicies(resource: LocalResource, pseudo: PolicyTemplatePseudo): SamResourcePolicies {
  const properties = isMapping(resource.properties) ? resource.properties : {};
  const where = `Resources.${resource.logicalId}.Properties`;
  const isFunction = resource.type === 'AWS::Serverless::Function';
  const result: SamResourcePolicies = { roleArn: undefined, implicitRole: undefined, warnings: [], errors: [] };
  const partition = pseudo['AWS::Partition'];
  const policies = properties['Policies'] === undefined ? [] : [properties['Policies']].flat();

  if (properties['Role'] !== undefined) {
    result.roleArn = typeof properties['Role'] === 'string' ? properties['Role'] : undefined;
    if (result.roleArn === undefined)
      result.errors.push(`${where}.Role: must resolve to a role ARN, got ${JSON.stringify(properties['Role'])}`);
    if (policies.length > 0) {
      if (isFunction)
        result.warnings.push(
          `${where}.Policies: ignored because Role is set (SAM attaches Policies only to the role it creates)`,
        );
      else
        result.errors.push(
          `${where}: Specify either 'Role' or 'Policies' (but not both at the same time) or neither of them`,
        );
    }
    return result;
  }

  const roleLogicalId = `${resource.logicalId}Role`;
  const managed: string[] = [];
  const addManaged = (arn: string) => {
    if (!managed.includes(arn)) managed.push(arn);
  };
  const inline: NamedPolicy[] = [];
  if (isFunction) {
    addManaged(awsManagedPolicyArn('service-role/AWSLambdaBasicExecutionRole', partition));
    if (properties['Tracing'] !== undefined && properties['Tracing'] !== 'Disabled')
      addManaged(awsManagedPolicyArn(xrayPolicy(partition), partition));
    if (properties['VpcConfig'] !== undefined)
      addManaged(awsManagedPolicyArn('service-role/AWSLambdaVPCAccessExecutionRole', partition));
    functionExtras(properties, where, result, inline, roleLogicalId);
  } else if (isMapping(properties['Tracing']) && properties['Tracing']['Enabled'] === true) {
    policies.push(xrayPolicy(partition));
  }
  for (const [index, entry] of policies.entries()) {
    const name = `${roleLogicalId}Policy${index}`;
    if (typeof entry === 'string') {
      addManaged(managedPolicyArn(entry, partition));
      continue;
    }
    if (isMapping(entry) && 'Statement' in entry) {
      inline.push({ name, document: entry as unknown as PolicyDocument });
      continue;
    }
    const [key, ...more] = isMapping(entry) ? Object.keys(entry) : [];
    if (key === undefined || more.length > 0) {
      result.errors.push(
        `${where}.Policies[${index}]: Policy at index ${index} in the 'Policies' property is not valid (got ${JSON.stringify(entry)})`,
      );
      continue;
    }
    const expansion = expandPolicyTemplate(key, (entry as Record<string, unknown>)[key], pseudo);
    if (expansion.kind === 'expanded') inline.push({ name: `${name} (${key})`, document: expansion.document });
    else if (expansion.kind === 'unsupported')
      result.warnings.push(
        `${where}.Policies[${index}]: SAM policy template ${key} is not expanded locally; its permissions are missing`,
      );
    else result.errors.push(`${where}.Policies[${index}]: ${expansion.message}`);
  }
  for (const field of ['PermissionsBoundary'] as const) {
    if (properties[field] !== undefined)
      result.warnings.push(`${where}.${field}: not evaluated locally (the role is evaluated without its boundary)`);
  }
  const path = typeof properties['RolePath'] === 'string' ? properties['RolePath'] : '/';
  const trustPolicy =
    isFunction && isMapping(properties['AssumeRolePolicyDocument'])
      ? (properties['AssumeRolePolicyDocument'] as unknown as PolicyDocument)
      : trust(isFunction ? 'lambda.amazonaws.com' : 'states.amazonaws.com');
  result.implicitRole = { logicalId: roleLogicalId, path, trustPolicy, inline, managedPolicyArns: managed };
  return result;
}

/** Dead-letter queue policy and event-source policies: what SAM adds to a function's role besides Policies. */
function functionExtras(
  properties: Record<string, unknown>,
  where: string,
  result: SamResourcePolicies,
  inline: NamedPolicy[],
  roleLogicalId: string,
) {
  const dlq = properties['DeadLetterQueue'];
  if (isMapping(dlq)) {
    const action = dlq['Type'] === 'SQS' ? 'sqs:SendMessage' : dlq['Type'] === 'SNS' ? 'sns:Publish' : undefined;
    if (action === undefined || typeof dlq['TargetArn'] !== 'string') {
      result.errors.push(`${where}.DeadLetterQueue: needs Type SQS or SNS and a TargetArn, got ${JSON.stringify(dlq)}`);
    } else {
      inline.push({
        name: `${roleLogicalId}/DeadLetterQueue`,
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: action, Resource: dlq['TargetArn'] }],
        },
      });
    }
  }
  if (properties['EventInvokeConfig'] !== undefined) {
    result.warnings.push(`${where}.EventInvokeConfig: the destination policies SAM adds are not evaluated locally`);
  }
  for (const [name, event] of Object.entries(isMapping(properties['Events']) ? properties['Events'] : {})) {
    const type = isMapping(event) ? event['Type'] : undefined;
    if (typeof type === 'string' && POLLING_EVENTS.has(type)) {
      result.warnings.push(
        `${where}.Events.${name}: the ${type} event-source policy SAM adds is not evaluated locally`,
      );
    }
  }
}
