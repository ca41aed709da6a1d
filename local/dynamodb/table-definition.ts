import type { OptionProblems } from '../shared/options.ts';
import type { ProvisionedThroughput, SecondaryIndex, TableDefinition } from './types.ts';

/** The CreateTable request dynalite accepts, built from CloudFormation table properties. */
export interface CreateTableRequest {
  TableName: string;
  AttributeDefinitions: unknown[];
  KeySchema: unknown[];
  BillingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  GlobalSecondaryIndexes?: unknown[];
  LocalSecondaryIndexes?: unknown[];
}

function requireArray(field: string, value: unknown, problems: OptionProblems): unknown[] {
  if (Array.isArray(value) && value.length > 0) return value;
  problems.add(field, value, 'must be a non-empty array');
  return [];
}

function capacity(field: string, value: unknown, problems: OptionProblems): number {
  const units = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof units === 'number' && Number.isInteger(units) && units >= 1) return units;
  problems.add(field, value, 'must be a whole number >= 1');
  return 1;
}

function throughput(
  field: string,
  value: ProvisionedThroughput | undefined,
  problems: OptionProblems,
): CreateTableRequest['ProvisionedThroughput'] {
  if (value === undefined || value === null || typeof value !== 'object') {
    problems.add(field, value, 'is required when BillingMode is PROVISIONED (the CloudFormation default)');
    return undefined;
  }
  return {
    ReadCapacityUnits: capacity(`${field}.ReadCapacityUnits`, value.ReadCapacityUnits, problems),
    WriteCapacityUnits: capacity(`${field}.WriteCapacityUnits`, value.WriteCapacityUnits, problems),
  };
}

/**
 * Keeps only what CreateTable knows (CloudFormation adds ContributorInsightsSpecification,
 * OnDemandThroughput...). PAY_PER_REQUEST indexes carry no throughput: DynamoDB (and dynalite)
 * reject it there.
 */
function secondaryIndexes(
  field: string,
  indexes: SecondaryIndex[] | undefined,
  payPerRequest: boolean,
  withThroughput: boolean,
  problems: OptionProblems,
) {
  if (indexes === undefined) return undefined;
  return requireArray(field, indexes, problems).map((value, position) => {
    const index = value as SecondaryIndex;
    const path = `${field}[${position}]`;
    if (typeof index?.IndexName !== 'string' || index.IndexName === '')
      problems.add(`${path}.IndexName`, index?.IndexName, 'must be a non-empty string');
    if (index?.Projection === undefined) problems.add(`${path}.Projection`, undefined, 'is required');
    const translated: Record<string, unknown> = {
      IndexName: index?.IndexName,
      KeySchema: requireArray(`${path}.KeySchema`, index?.KeySchema, problems),
      Projection: index?.Projection,
    };
    if (withThroughput && !payPerRequest) {
      translated['ProvisionedThroughput'] = throughput(
        `${path}.ProvisionedThroughput`,
        index?.ProvisionedThroughput,
        problems,
      );
    }
    return translated;
  });
}

/**
 * Translates one table's CloudFormation properties into a CreateTable request, recording every bad field in
 * `problems` (the request is only used when there is none); undefined when the table has no usable name.
 */
export function toCreateTableRequest(
  definition: TableDefinition,
  problems: OptionProblems,
): CreateTableRequest | undefined {
  const name = definition?.TableName;
  if (typeof name !== 'string' || name === '') {
    problems.add('TableName', name, 'must be a non-empty string');
    return undefined;
  }
  const where = `tables["${name}"]`;
  const billingMode = definition.BillingMode ?? 'PROVISIONED';
  if (billingMode !== 'PROVISIONED' && billingMode !== 'PAY_PER_REQUEST') {
    problems.add(`${where}.BillingMode`, billingMode, "must be 'PROVISIONED' or 'PAY_PER_REQUEST'");
  }
  const payPerRequest = billingMode === 'PAY_PER_REQUEST';
  const request: CreateTableRequest = {
    TableName: name,
    AttributeDefinitions: requireArray(`${where}.AttributeDefinitions`, definition.AttributeDefinitions, problems),
    KeySchema: requireArray(`${where}.KeySchema`, definition.KeySchema, problems),
    BillingMode: payPerRequest ? 'PAY_PER_REQUEST' : 'PROVISIONED',
  };
  if (!payPerRequest) {
    const provisioned = throughput(`${where}.ProvisionedThroughput`, definition.ProvisionedThroughput, problems);
    if (provisioned) request.ProvisionedThroughput = provisioned;
  }
  // A global index has its own throughput; a local one shares the table's.
  for (const [field, ownThroughput] of [
    ['GlobalSecondaryIndexes', true],
    ['LocalSecondaryIndexes', false],
  ] as const) {
    const indexes = secondaryIndexes(`${where}.${field}`, definition[field], payPerRequest, ownThroughput, problems);
    if (indexes) request[field] = indexes;
  }
  return request;
}

/** The TTL attribute a definition enables, or undefined when TTL is off; records a bad field in `problems`. */
export function ttlAttributeOf(definition: TableDefinition, problems: OptionProblems): string | undefined {
  const specification = definition?.TimeToLiveSpecification;
  if (specification === undefined) return undefined;
  const where = `tables["${definition.TableName}"].TimeToLiveSpecification`;
  const enabled = specification?.Enabled;
  if (enabled !== true && enabled !== false && enabled !== 'true' && enabled !== 'false') {
    problems.add(`${where}.Enabled`, enabled, "must be true, false, 'true' or 'false'");
    return undefined;
  }
  if (enabled === false || enabled === 'false') return undefined;
  const attribute = specification.AttributeName;
  if (typeof attribute !== 'string' || attribute === '') {
    problems.add(`${where}.AttributeName`, attribute, 'must be a non-empty string when Enabled is true');
    return undefined;
  }
  return attribute;
}
