import { sub, type CfnObject } from '../../cfn/types.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS } from '../naming.ts';
import { sessionIndexes } from '../sessions/record.ts';

/** The sessions table: one record per open connection, expired by TTL if `$disconnect` was lost. */
export const sessionsTableVisitor: Visitor = (template, { config }) => {
  const { partitionKey, ttl } = config.sessions;
  const indexes = sessionIndexes(config);
  const attributes: CfnObject[] = [partitionKey, ...indexes.map((i) => i.attribute)].map((name) => ({
    AttributeName: name,
    AttributeType: 'S',
  }));
  template.Resources[LOGICAL_IDS.sessionsTable] = {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      TableName: sub('${AWS::StackName}-Sessions'),
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes,
      KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
      ...(indexes.length > 0
        ? {
            GlobalSecondaryIndexes: indexes.map((index) => ({
              IndexName: index.name,
              KeySchema: [{ AttributeName: index.attribute, KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            })),
          }
        : {}),
      TimeToLiveSpecification: { AttributeName: ttl.attribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      SSESpecification: { SSEEnabled: true },
    },
  };
};
