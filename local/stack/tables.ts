import type { TableDefinition } from '../dynamodb/index.ts';
import type { LocalTable } from '../template/index.ts';

/**
 * Template tables → DynamoDB service definitions. The loader's values are untyped CloudFormation
 * properties; the DynamoDB service validates every field at start-up and names the bad one, so
 * they are passed through as they are.
 */
export function tableDefinitions(tables: LocalTable[]): TableDefinition[] {
  return tables.map((table) => ({
    TableName: table.tableName,
    BillingMode: table.billingMode as TableDefinition['BillingMode'],
    AttributeDefinitions: table.attributeDefinitions as unknown as TableDefinition['AttributeDefinitions'],
    KeySchema: table.keySchema as unknown as TableDefinition['KeySchema'],
    ...(table.globalSecondaryIndexes.length > 0
      ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes as unknown as TableDefinition['GlobalSecondaryIndexes'] }
      : {}),
    ...(table.localSecondaryIndexes.length > 0
      ? { LocalSecondaryIndexes: table.localSecondaryIndexes as unknown as TableDefinition['LocalSecondaryIndexes'] }
      : {}),
    ...(table.provisionedThroughput
      ? { ProvisionedThroughput: table.provisionedThroughput as unknown as TableDefinition['ProvisionedThroughput'] }
      : {}),
    ...(table.timeToLiveAttribute
      ? { TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true } }
      : {}),
  }));
}
