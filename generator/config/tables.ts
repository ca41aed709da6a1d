/**
 * DynamoDB tables the config declares besides the sessions table, for handlers and workflows to keep their own data
 * in. Each becomes an `AWS::DynamoDB::Table` (generator/visitors/tables.ts); `access.tables` grants a function
 * `read`/`write` on it, and workflows name it as `${Table_<name>}`.
 */
import { z } from 'zod';
import { attributeName, indexName } from './names.ts';

/**
 * A declared table's or queue's name: it names the resource (`orders` → `OrdersTable`), the environment variable
 * (`chatHistory` → `CHAT_HISTORY_TABLE`) and the workflow placeholder (`${Table_orders}`). Starting with a lower-case
 * letter and holding only letters and digits keeps each of these one-to-one with the name.
 */
const DECLARED_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

/** Declared tables or queues: one `item` per declared name; `names` says what the name becomes, for the message. */
export const declaredRecord = <Item extends z.ZodType>(names: string, item: Item) =>
  z.record(
    z
      .string()
      .regex(
        DECLARED_NAME,
        `must be 1-64 letters and digits starting with a lower-case letter (it names the ${names})`,
      ),
    item,
  );

/** DynamoDB key attribute types: string, number, binary (AttributeDefinition, DynamoDB API reference). */
export const KEY_TYPES = ['S', 'N', 'B'] as const;

const keyAttribute = z
  .object({
    /** Attribute name (letters, digits, `_`; see names.ts). @example 'orderId' */
    name: attributeName,
    /** `S` string, `N` number, `B` binary. @default 'S' */
    type: z.enum(KEY_TYPES).default('S'),
  })
  .strict();

/** Capacity units: DynamoDB takes 1 or more (ProvisionedThroughput); more than 40000 needs a quota increase. */
const capacityUnits = z
  .number()
  .int('must be a whole number of capacity units')
  .min(1, 'must be at least 1 (DynamoDB provisions 1 or more units)')
  .max(40_000, 'must be at most 40000 (the default per-table quota; ask AWS for more, then raise it here)');

/** DynamoDB's default quota of global secondary indexes per table (ServiceQuotas, "Global secondary indexes per table"). */
export const MAX_TABLE_INDEXES = 20;

/** On-demand, or provisioned capacity applied to the table and each of its indexes. */
export const billingSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('PAY_PER_REQUEST') }).strict(),
  z
    .object({
      mode: z.literal('PROVISIONED'),
      readCapacityUnits: capacityUnits,
      writeCapacityUnits: capacityUnits,
    })
    .strict(),
]);

export const tableSchema = z
  .object({
    partitionKey: keyAttribute,
    /** @default none (a table keyed by the partition key alone) */
    sortKey: keyAttribute.optional(),
    /** Attribute holding the epoch-seconds expiry (DynamoDB TTL); none: items never expire. @example 'expiresAt' */
    ttlAttribute: attributeName.optional(),
    /**
     * Global secondary indexes (projection ALL), each its own `Query` grant under `access.tables.<name>: ['read']`.
     * @default [] @example [{ name: 'ByRoom', partitionKey: { name: 'room' }, sortKey: { name: 'sentAt', type: 'N' } }]
     */
    indexes: z
      .array(
        z
          .object({
            /** Index name: 3-255 letters, digits, `_ . -` (DynamoDB's rule). */
            name: indexName,
            partitionKey: keyAttribute,
            sortKey: keyAttribute.optional(),
          })
          .strict(),
      )
      .max(MAX_TABLE_INDEXES, `must hold at most ${MAX_TABLE_INDEXES} indexes (DynamoDB's default quota per table)`)
      .default([]),
    /** On-demand (the default), or provisioned capacity applied to the table and each index. @default { mode: 'PAY_PER_REQUEST' } */
    billing: billingSchema.default({ mode: 'PAY_PER_REQUEST' }),
    /** Point-in-time recovery (35 days of restorable history): user data, so on unless turned off. @default true */
    pointInTimeRecovery: z.boolean().default(true),
  })
  .strict();

/**
 * Tables of the config. @default {}
 * @example { messages: { partitionKey: { name: 'room' }, sortKey: { name: 'sentAt', type: 'N' }, ttlAttribute: 'expiresAt' } }
 */
export const tablesSchema = declaredRecord('<Name>Table resource, <NAME>_TABLE and ${Table_<name>}', tableSchema);

export type TableConfig = z.output<typeof tableSchema>;

/** `read` is GetItem, BatchGetItem, Query (the table and each index) and Scan; `write` is PutItem, UpdateItem, DeleteItem, BatchWriteItem. */
export const TABLE_ACCESS = {
  read: ['GetItem', 'BatchGetItem', 'Query', 'Scan'],
  write: ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
} as const;
export type TableAccess = keyof typeof TABLE_ACCESS;

export { tableVariable, upperSnake } from '../../handlers/lib/declared-tables.ts';
