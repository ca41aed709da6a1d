import { DynamoDbCallError, type JsonCaller } from './raw-client.ts';
import type { TtlRegistry } from './ttl-state.ts';

/** AWS ignores TTL values more than five years in the past (365-day years here). */
const MAX_EXPIRED_AGE_SECONDS = 5 * 365 * 24 * 60 * 60;

type AttributeValue = Record<string, unknown>;
type Item = Record<string, AttributeValue>;

interface ScanPage {
  Items?: Item[];
  LastEvaluatedKey?: Item;
}

/**
 * The "expired" test, used both to find items and as the delete condition, so an item whose
 * TTL was moved into the future between scan and delete survives (as on AWS).
 */
function expiredCondition(ttlAttribute: string, nowSeconds: number) {
  return {
    expression: '#ttl < :now AND #ttl >= :oldest',
    names: { '#ttl': ttlAttribute },
    values: { ':now': { N: String(nowSeconds) }, ':oldest': { N: String(nowSeconds - MAX_EXPIRED_AGE_SECONDS) } },
  };
}

async function keyAttributesOf(caller: JsonCaller, tableName: string): Promise<string[]> {
  const { Table } = await caller.call<{ Table: { KeySchema: Array<{ AttributeName: string }> } }>('DescribeTable', {
    TableName: tableName,
  });
  return Table.KeySchema.map((element) => element.AttributeName);
}

async function sweepTable(
  caller: JsonCaller,
  tableName: string,
  ttlAttribute: string,
  nowSeconds: number,
): Promise<number> {
  const keyAttributes = await keyAttributesOf(caller, tableName);
  const condition = expiredCondition(ttlAttribute, nowSeconds);
  const keyNames = Object.fromEntries(keyAttributes.map((name, position) => [`#key${position}`, name]));
  let deleted = 0;
  let startKey: Item | undefined;
  do {
    // Comparing with a Number value matches Number attributes only: other types never expire.
    const page: ScanPage = await caller.call<ScanPage>('Scan', {
      TableName: tableName,
      FilterExpression: condition.expression,
      ProjectionExpression: Object.keys(keyNames).join(', '),
      ExpressionAttributeNames: { ...condition.names, ...keyNames },
      ExpressionAttributeValues: condition.values,
      ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
    });
    for (const key of page.Items ?? []) {
      if (await deleteIfStillExpired(caller, tableName, key, condition)) deleted += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return deleted;
}

async function deleteIfStillExpired(
  caller: JsonCaller,
  tableName: string,
  key: Item,
  condition: ReturnType<typeof expiredCondition>,
): Promise<boolean> {
  try {
    await caller.call('DeleteItem', {
      TableName: tableName,
      Key: key,
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: condition.names,
      ExpressionAttributeValues: condition.values,
    });
    return true;
  } catch (error) {
    if (error instanceof DynamoDbCallError && error.errorType === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** One pass of AWS's background TTL deletion over every table with TTL enabled; returns the number of deleted items. */
export async function sweepExpiredItems(caller: JsonCaller, registry: TtlRegistry, nowMs: number): Promise<number> {
  const nowSeconds = nowMs / 1000;
  let deleted = 0;
  for (const [tableName, ttlAttribute] of registry.enabledTables()) {
    try {
      deleted += await sweepTable(caller, tableName, ttlAttribute, nowSeconds);
    } catch (error) {
      // A table enabled through UpdateTimeToLive may have been deleted since: nothing to sweep.
      if (error instanceof DynamoDbCallError && error.errorType === 'ResourceNotFoundException') continue;
      throw error;
    }
  }
  return deleted;
}

export interface PeriodicSweeper {
  stop(): Promise<void>;
}

/**
 * Runs `sweep` every `intervalMs` (the next run is scheduled when the previous one ended, so
 * runs never overlap). stop() cancels the timer and waits for a run in progress.
 */
export function startPeriodicSweeper(
  intervalMs: number,
  sweep: () => Promise<unknown>,
  onError: (error: unknown) => void,
): PeriodicSweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    timer = setTimeout(() => {
      running = sweep()
        .then(() => undefined, onError)
        .finally(() => {
          if (!stopped) schedule();
        });
    }, intervalMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
