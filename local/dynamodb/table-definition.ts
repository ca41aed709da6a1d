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

function fail(field: string, value: unknown, rule: string): never {
  throw new TypeError(`DynamoDB table definition: ${field} ${rule}, got ${JSON.stringify(value)}`);
}

function requireArray(field: string, value: unknown): unknown[] {
  if (!Array.isArray(value) || value.length === 0) fail(field, value, 'must be a non-empty array');
  return value;
}

function capacity(field: string, value: unknown): number {
  const units = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof units !== 'number' || !Number.isInteger(units) || units < 1) fail(field, value, 'must be a whole number >= 1');
  return units;
}

function throughput(field: string, value: ProvisionedThroughput | undefined): CreateTableRequest['ProvisionedThroughput'] {
  if (value === undefined || value === null || typeof value !== 'object') {
    fail(field, value, 'is required when BillingMode is PROVISIONED (the CloudFormation default)');
  }
  return {
    ReadCapacityUnits: capacity(`${field}.ReadCapacityUnits`, value.ReadCapacityUnits),
    WriteCapacityUnits: capacity(`${field}.WriteCapacityUnits`, value.WriteCapacityUnits),
  };
}

/**
 * Keeps only what CreateTable knows (CloudFormation adds ContributorInsightsSpecification,
 * OnDemandThroughput...). PAY_PER_REQUEST indexes carry no throughput: DynamoDB (and dynalite)
 * reject it there.
 */
function secondaryIndexes(field: string, indexes: SecondaryIndex[] | undefined, payPerRequest: boolean, withThroughput: boolean) {
  if (indexes === undefined) return undefined;
  return requireArray(field, indexes).map((value, position) => {
    const index = value as SecondaryIndex;
    const path = `${field}[${position}]`;
    if (typeof index?.IndexName !== 'string' || index.IndexName === '') fail(`${path}.IndexName`, index?.IndexName, 'must be a non-empty string');
    const translated: Record<string, unknown> = {
      IndexName: index.IndexName,
      KeySchema: requireArray(`${path}.KeySchema`, index.KeySchema),
      Projection: index.Projection ?? fail(`${path}.Projection`, index.Projection, 'is required'),
    };
    if (withThroughput && !payPerRequest) {
      translated['ProvisionedThroughput'] = throughput(`${path}.ProvisionedThroughput`, index.ProvisionedThroughput);
    }
    return translated;
  });
}

/** Translates one table's CloudFormation properties into a CreateTable request; throws on bad input naming the field. */
export function toCreateTableRequest(definition: TableDefinition): CreateTableRequest {
  const name = definition?.TableName;
  if (typeof name !== 'string' || name === '') fail('TableName', name, 'must be a non-empty string');
  const where = `tables["${name}"]`;
  const billingMode = definition.BillingMode ?? 'PROVISIONED';
  if (billingMode !== 'PROVISIONED' && billingMode !== 'PAY_PER_REQUEST') {
    fail(`${where}.BillingMode`, billingMode, "must be 'PROVISIONED' or 'PAY_PER_REQUEST'");
  }
  const payPerRequest = billingMode === 'PAY_PER_REQUEST';
  const request: CreateTableRequest = {
    TableName: name,
    AttributeDefinitions: requireArray(`${where}.AttributeDefinitions`, definition.AttributeDefinitions),
    KeySchema: requireArray(`${where}.KeySchema`, definition.KeySchema),
    BillingMode: billingMode,
  };
  if (!payPerRequest) request.ProvisionedThroughput = throughput(`${where}.ProvisionedThroughput`, definition.ProvisionedThroughput);
  const global = secondaryIndexes(`${where}.GlobalSecondaryIndexes`, definition.GlobalSecondaryIndexes, payPerRequest, true);
  if (global) request.GlobalSecondaryIndexes = global;
  const local = secondaryIndexes(`${where}.LocalSecondaryIndexes`, definition.LocalSecondaryIndexes, payPerRequest, false);
  if (local) request.LocalSecondaryIndexes = local;
  return request;
}

/** The TTL attribute a definition enables, or undefined when TTL is off; throws on bad input naming the field. */
export function ttlAttributeOf(definition: TableDefinition): string | undefined {
  const specification = definition.TimeToLiveSpecification;
  if (specification === undefined) return undefined;
  const where = `tables["${definition.TableName}"].TimeToLiveSpecification`;
  const enabled = specification?.Enabled;
  if (enabled !== true && enabled !== false && enabled !== 'true' && enabled !== 'false') {
    fail(`${where}.Enabled`, enabled, "must be true, false, 'true' or 'false'");
  }
  if (enabled === false || enabled === 'false') return undefined;
  const attribute = specification.AttributeName;
  if (typeof attribute !== 'string' || attribute === '') fail(`${where}.AttributeName`, attribute, 'must be a non-empty string when Enabled is true');
  return attribute;
}
