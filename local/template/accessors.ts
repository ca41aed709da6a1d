import { TemplateError } from './errors.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import { stateMachineDefinition } from './state-machine.ts';
import type { LocalResource, LocalTemplate, PhysicalId } from './types.ts';

export interface LocalTable {
  logicalId: string;
  tableName: string;
  arn: string;
  billingMode: string;
  attributeDefinitions: Record<string, unknown>[];
  keySchema: Record<string, unknown>[];
  globalSecondaryIndexes: Record<string, unknown>[];
  localSecondaryIndexes: Record<string, unknown>[];
  provisionedThroughput: Record<string, unknown> | undefined;
  /** From TimeToLiveSpecification, only when Enabled (dynalite ignores TTL; the stack sweeps itself). */
  timeToLiveAttribute: string | undefined;
}

export interface LocalStateMachine {
  logicalId: string;
  name: string;
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  /** Definition with DefinitionSubstitutions applied. */
  definition: Record<string, unknown>;
  roleArn: string | undefined;
  /** SAM `Policies`, resolved but not interpreted (local/iam expands them). */
  policies: unknown;
}

function physical(template: LocalTemplate, resource: LocalResource): PhysicalId {
  const id = template.physicalIds.get(resource.logicalId);
  if (id === undefined) throw new TemplateError(`Resources.${resource.logicalId}: no physical id (was it loaded?)`);
  return id;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** SimpleTable's PrimaryKey.Type → the attribute type (SAM's documented mapping; default `id` of type String). */
const SIMPLE_KEY_TYPES: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' };

/** An `AWS::Serverless::SimpleTable` as the DynamoDB table SAM turns it into: one hash key, on demand unless throughput is set. */
function simpleTable(template: LocalTemplate, resource: LocalResource): LocalTable {
  const read = propertyReader(resource);
  const key = asRecord(read.raw('PrimaryKey') ?? { Name: 'id', Type: 'String' });
  const where = `Resources.${resource.logicalId}.Properties.PrimaryKey`;
  if (typeof key['Name'] !== 'string')
    throw new TemplateError(`${where}.Name: must be a string, got ${JSON.stringify(key['Name'])}`);
  const attributeType = SIMPLE_KEY_TYPES[String(key['Type'])];
  if (attributeType === undefined)
    throw new TemplateError(`${where}.Type: must be String, Number or Binary, got ${JSON.stringify(key['Type'])}`);
  const throughput = read.raw('ProvisionedThroughput');
  const id = physical(template, resource);
  return {
    logicalId: resource.logicalId,
    tableName: id.ref,
    arn: id.attributes['Arn'] ?? '',
    billingMode: throughput === undefined ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    attributeDefinitions: [{ AttributeName: key['Name'], AttributeType: attributeType }],
    keySchema: [{ AttributeName: key['Name'], KeyType: 'HASH' }],
    globalSecondaryIndexes: [],
    localSecondaryIndexes: [],
    provisionedThroughput: throughput === undefined ? undefined : asRecord(throughput),
    timeToLiveAttribute: undefined,
  };
}

export function tablesFromTemplate(template: LocalTemplate): LocalTable[] {
  const simple = resourcesOfType(template, 'AWS::Serverless::SimpleTable').map((resource) =>
    simpleTable(template, resource),
  );
  return [
    ...resourcesOfType(template, 'AWS::DynamoDB::Table').map((resource) => {
      const read = propertyReader(resource);
      const id = physical(template, resource);
      const ttl = asRecord(read.raw('TimeToLiveSpecification'));
      const ttlEnabled = ttl['Enabled'] === true || ttl['Enabled'] === 'true';
      return {
        logicalId: resource.logicalId,
        tableName: id.ref,
        arn: id.attributes['Arn'] ?? '',
        billingMode: read.optionalString('BillingMode') ?? 'PROVISIONED',
        attributeDefinitions: read.records('AttributeDefinitions'),
        keySchema: read.records('KeySchema'),
        globalSecondaryIndexes: read.records('GlobalSecondaryIndexes'),
        localSecondaryIndexes: read.records('LocalSecondaryIndexes'),
        provisionedThroughput:
          read.raw('ProvisionedThroughput') === undefined ? undefined : asRecord(read.raw('ProvisionedThroughput')),
        timeToLiveAttribute: ttlEnabled && typeof ttl['AttributeName'] === 'string' ? ttl['AttributeName'] : undefined,
      };
    }),
    ...simple,
  ];
}

export function stateMachinesFromTemplate(template: LocalTemplate): LocalStateMachine[] {
  const machines = [
    ...resourcesOfType(template, 'AWS::Serverless::StateMachine'),
    ...resourcesOfType(template, 'AWS::StepFunctions::StateMachine'),
  ];
  return machines.map((resource) => {
    const read = propertyReader(resource);
    const id = physical(template, resource);
    const sam = resource.type === 'AWS::Serverless::StateMachine';
    const typeKey = sam ? 'Type' : 'StateMachineType';
    const type = read.optionalString(typeKey) ?? 'STANDARD';
    if (type !== 'STANDARD' && type !== 'EXPRESS') {
      throw new TemplateError(
        `Resources.${resource.logicalId}.Properties.${typeKey}: must be STANDARD or EXPRESS, got ${JSON.stringify(type)}`,
      );
    }
    return {
      logicalId: resource.logicalId,
      name: id.attributes['Name'] ?? '',
      arn: id.ref,
      type,
      definition: stateMachineDefinition(resource, template.baseDir),
      roleArn: read.optionalString(sam ? 'Role' : 'RoleArn'),
      policies: read.raw('Policies'),
    };
  });
}
