/** The local stack's DynamoDB: dynalite behind a front that adds the TTL API, plus a TTL sweeper. */
export { createDynamoDbService } from './service.ts';
export type {
  AttributeDefinition,
  DynamoDbService,
  DynamoDbServiceOptions,
  KeySchemaElement,
  ProvisionedThroughput,
  Projection,
  RawResponse,
  SecondaryIndex,
  TableDefinition,
} from './types.ts';
