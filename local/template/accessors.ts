import { TemplateError } from './errors.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import { stateMachineDefinition } from './state-machine.ts';
import type { LocalResource, LocalTemplate, PhysicalId } from './types.ts';

export interface LocalFunction {
  logicalId: string;
  functionName: string;
  arn: string;
  codeUri: string;
  handler: string;
  runtime: string;
  /** Seconds; SAM's default is 3. */
  timeoutSeconds: number;
  /** MB; SAM's default is 128. */
  memorySize: number;
  architectures: string[];
  environment: Record<string, string>;
  /** `Metadata.BuildMethod` / `Metadata.BuildProperties` (SAM esbuild settings), as written. */
  buildMethod: string | undefined;
  buildProperties: Record<string, unknown>;
}

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
}

function physical(template: LocalTemplate, resource: LocalResource): PhysicalId {
  const id = template.physicalIds.get(resource.logicalId);
  if (id === undefined) throw new TemplateError(`Resources.${resource.logicalId}: no physical id (was it loaded?)`);
  return id;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function functionsFromTemplate(template: LocalTemplate): LocalFunction[] {
  return resourcesOfType(template, 'AWS::Serverless::Function').map((resource) => {
    const read = propertyReader(resource);
    const id = physical(template, resource);
    const metadata = asRecord(resource.metadata);
    return {
      logicalId: resource.logicalId,
      functionName: id.ref,
      arn: id.attributes['Arn'] ?? '',
      codeUri: read.string('CodeUri'),
      handler: read.string('Handler'),
      runtime: read.string('Runtime'),
      timeoutSeconds: read.number('Timeout', 3),
      memorySize: read.number('MemorySize', 128),
      architectures: read.stringList('Architectures', ['x86_64']),
      environment: read.stringMap('Environment', 'Variables'),
      buildMethod: typeof metadata['BuildMethod'] === 'string' ? metadata['BuildMethod'] : undefined,
      buildProperties: asRecord(metadata['BuildProperties']),
    };
  });
}

export function tablesFromTemplate(template: LocalTemplate): LocalTable[] {
  return resourcesOfType(template, 'AWS::DynamoDB::Table').map((resource) => {
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
      provisionedThroughput: read.raw('ProvisionedThroughput') === undefined ? undefined : asRecord(read.raw('ProvisionedThroughput')),
      timeToLiveAttribute: ttlEnabled && typeof ttl['AttributeName'] === 'string' ? ttl['AttributeName'] : undefined,
    };
  });
}

export function stateMachinesFromTemplate(template: LocalTemplate): LocalStateMachine[] {
  return resourcesOfType(template, 'AWS::Serverless::StateMachine').map((resource) => {
    const read = propertyReader(resource);
    const id = physical(template, resource);
    const type = read.optionalString('Type') ?? 'STANDARD';
    if (type !== 'STANDARD' && type !== 'EXPRESS') {
      throw new TemplateError(`Resources.${resource.logicalId}.Properties.Type: must be STANDARD or EXPRESS, got ${JSON.stringify(type)}`);
    }
    return {
      logicalId: resource.logicalId,
      name: id.attributes['Name'] ?? '',
      arn: id.ref,
      type,
      definition: stateMachineDefinition(resource),
      roleArn: read.optionalString('Role'),
    };
  });
}
