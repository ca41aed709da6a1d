import type { LocalLog } from '../shared/log.ts';
import type { LocalService } from '../shared/service.ts';

/** One key or index key element, as in CloudFormation and the DynamoDB API. */
export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export interface AttributeDefinition {
  AttributeName: string;
  AttributeType: 'S' | 'N' | 'B';
}

export interface Projection {
  ProjectionType?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  NonKeyAttributes?: string[];
}

/** CloudFormation may hand numbers over as strings (e.g. from a Ref to a parameter). */
export interface ProvisionedThroughput {
  ReadCapacityUnits: number | string;
  WriteCapacityUnits: number | string;
}

export interface SecondaryIndex {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: Projection;
  ProvisionedThroughput?: ProvisionedThroughput;
}

/**
 * The resolved `Properties` of an `AWS::DynamoDB::Table` (intrinsics already replaced by
 * values). Properties the local stack has no use for (Tags, SSESpecification,
 * StreamSpecification...) may be present and are ignored.
 */
export interface TableDefinition {
  TableName: string;
  AttributeDefinitions: AttributeDefinition[];
  KeySchema: KeySchemaElement[];
  GlobalSecondaryIndexes?: SecondaryIndex[];
  LocalSecondaryIndexes?: SecondaryIndex[];
  /** @default 'PROVISIONED' (as in CloudFormation) */
  BillingMode?: 'PROVISIONED' | 'PAY_PER_REQUEST';
  ProvisionedThroughput?: ProvisionedThroughput;
  /** `Enabled` may be the string 'true'/'false', as CloudFormation accepts. */
  TimeToLiveSpecification?: { AttributeName?: string; Enabled: boolean | 'true' | 'false' };
  [ignored: string]: unknown;
}

export interface DynamoDbServiceOptions {
  /** On-disk store under this folder (created if missing); omit for an in-memory store. */
  dataDir?: string;
  /** Port of the public endpoint on 127.0.0.1. @default 0 (ephemeral) */
  port?: number;
  /** Tables to create on start when they do not exist yet. */
  tables: TableDefinition[];
  /** Period of the background TTL sweep. @default 0 (only manual `sweepExpired()` calls) */
  ttlSweepIntervalMs?: number;
  /** Clock in epoch milliseconds (for tests). @default Date.now */
  now?: () => number;
  /** Where failures of background TTL sweeps are reported. @default stderr */
  log?: LocalLog;
  /**
   * Asked before each request reaches the tables (with its Authorization header, operation and body): undefined lets
   * it through, an answer is sent instead (IAM's AccessDeniedException). @default every request goes through
   */
  authorize?: RequestAuthorizer;
}

export type RequestAuthorizer = (
  authorization: string | undefined,
  operation: string,
  body: string,
) => Promise<RawResponse | undefined>;

/** A raw HTTP response: status, lower-cased header names, body text exactly as received. */
export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface DynamoDbService extends LocalService {
  /** `http://127.0.0.1:PORT`; throws before start(). */
  readonly endpoint: string;
  /**
   * Deletes items whose TTL attribute (a Number, epoch seconds) lies in the past, but not
   * more than five years in the past, in every table with TTL enabled. Returns how many
   * items were deleted.
   */
  sweepExpired(): Promise<number>;
  /**
   * Sends one DynamoDB JSON 1.0 request (`X-Amz-Target: DynamoDB_20120810.<operation>`)
   * with `body` sent exactly as given (never parsed here), and dummy SigV4 headers.
   */
  send(operation: string, body: string): Promise<RawResponse>;
}
