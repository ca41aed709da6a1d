import { sub, type CfnObject } from '../../cfn/types.ts';
import { problemLine } from '../config/errors.ts';
import type { TableConfig } from '../config/tables.ts';
import type { Visitor } from '../context.ts';
import { declaredTableId } from '../naming.ts';

type KeyAttribute = TableConfig['partitionKey'];

const keySchema = (partitionKey: KeyAttribute, sortKey: KeyAttribute | undefined): CfnObject[] => [
  { AttributeName: partitionKey.name, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' }] : []),
];

/** Every key attribute once, in the order the table, then its indexes, name them. */
function attributeDefinitions(table: TableConfig): CfnObject[] {
  const seen = new Map<string, string>();
  const keys = [table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  for (const key of keys) if (key && !seen.has(key.name)) seen.set(key.name, key.type);
  return [...seen].map(([name, type]) => ({ AttributeName: name, AttributeType: type }));
}

/**
 * The tables of `tables`, shaped like the sessions table (on-demand unless provisioned, encrypted, TTL when named),
 * with point-in-time recovery on by default: they hold the app's data, not connections that end. Runs after every
 * other resource visitor but the functions', so a logical ID already taken is refused, not overwritten.
 */
export const tablesVisitor: Visitor = (template, context) => {
  for (const [name, table] of Object.entries(context.config.tables)) {
    const id = declaredTableId(name);
    if (id in template.Resources) {
      context.problems.push(
        problemLine(
          `tables.${name}`,
          `its resource would be named ${id}, which the template already has; rename the table`,
          name,
        ),
      );
      continue;
    }
    const provisioned: CfnObject =
      table.billing.mode === 'PROVISIONED'
        ? {
            ProvisionedThroughput: {
              ReadCapacityUnits: table.billing.readCapacityUnits,
              WriteCapacityUnits: table.billing.writeCapacityUnits,
            },
          }
        : {};
    template.Resources[id] = {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: sub(`\${AWS::StackName}-${id.replace(/Table$/, '')}`),
        BillingMode: table.billing.mode,
        AttributeDefinitions: attributeDefinitions(table),
        KeySchema: keySchema(table.partitionKey, table.sortKey),
        ...provisioned,
        ...(table.indexes.length > 0
          ? {
              GlobalSecondaryIndexes: table.indexes.map((index) => ({
                IndexName: index.name,
                KeySchema: keySchema(index.partitionKey, index.sortKey),
                Projection: { ProjectionType: 'ALL' },
                ...provisioned,
              })),
            }
          : {}),
        ...(table.ttlAttribute
          ? { TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }
          : {}),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: table.pointInTimeRecovery },
        SSESpecification: { SSEEnabled: true },
      },
    };
  }
};
