import type { DynamoDbServiceOptions, TableDefinition } from './types.ts';

export interface ServiceSettings {
  dataDir: string | undefined;
  port: number;
  tables: TableDefinition[];
  ttlSweepIntervalMs: number;
  now: () => number;
  onSweepError: (error: unknown) => void;
}

function fail(field: string, value: unknown, rule: string): never {
  throw new TypeError(`createDynamoDbService: ${field} ${rule}, got ${JSON.stringify(value)}`);
}

function logSweepError(error: unknown): void {
  console.error('[local dynamodb] TTL sweep failed:', error);
}

/** Checks the options once and fills in the defaults. */
export function checkServiceOptions(options: DynamoDbServiceOptions): ServiceSettings {
  if (options === null || typeof options !== 'object') fail('options', options, 'must be an object');
  const { dataDir, port = 0, tables, ttlSweepIntervalMs = 0, now = Date.now, onSweepError = logSweepError } = options;
  if (dataDir !== undefined && (typeof dataDir !== 'string' || dataDir === '')) fail('options.dataDir', dataDir, 'must be a non-empty string or omitted');
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('options.port', port, 'must be an integer from 0 to 65535');
  if (!Array.isArray(tables)) fail('options.tables', tables, 'must be an array of table definitions');
  if (!Number.isFinite(ttlSweepIntervalMs) || ttlSweepIntervalMs < 0) fail('options.ttlSweepIntervalMs', ttlSweepIntervalMs, 'must be a number >= 0');
  if (typeof now !== 'function') fail('options.now', typeof now, 'must be a function returning epoch milliseconds');
  if (typeof onSweepError !== 'function') fail('options.onSweepError', typeof onSweepError, 'must be a function');
  const seen = new Set<string>();
  for (const table of tables) {
    const name = (table as { TableName?: unknown } | null)?.TableName;
    if (typeof name === 'string' && seen.has(name)) fail('options.tables', name, 'must not name a table twice');
    if (typeof name === 'string') seen.add(name);
  }
  return { dataDir, port, tables, ttlSweepIntervalMs, now, onSweepError };
}
