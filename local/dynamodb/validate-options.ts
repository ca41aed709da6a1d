import { type LocalLog, stderrLog } from '../shared/log.ts';
import { checkEachOf, collectOptionProblems, isPort, PORT_RULE } from '../shared/options.ts';
import { toCreateTableRequest, ttlAttributeOf, type CreateTableRequest } from './table-definition.ts';
import type { DynamoDbServiceOptions, RequestAuthorizer, TableDefinition } from './types.ts';

export interface ServiceSettings {
  dataDir: string | undefined;
  port: number;
  tables: TableDefinition[];
  /** The tables as CreateTable requests, translated up front so a bad definition fails at creation. */
  createRequests: CreateTableRequest[];
  /** Table name → its TTL attribute (undefined when TTL is off). */
  initialTtl: [table: string, attribute: string | undefined][];
  ttlSweepIntervalMs: number;
  now: () => number;
  log: LocalLog;
  authorize: RequestAuthorizer | undefined;
}

/** Checks every option and table definition at once, fills in the defaults and translates the tables. */
export function checkServiceOptions(options: DynamoDbServiceOptions): ServiceSettings {
  const problems = collectOptionProblems('createDynamoDbService');
  if (options === null || typeof options !== 'object') {
    problems.add('options', options, 'must be an object');
    problems.throwIfAny();
  }
  const {
    dataDir,
    port = 0,
    tables,
    ttlSweepIntervalMs = 0,
    now = Date.now,
    log = stderrLog('dynamodb'),
    authorize,
  } = options;
  if (authorize !== undefined && typeof authorize !== 'function')
    problems.add(
      'authorize',
      authorize,
      'must be a function (authorization, operation, body) => Promise<answer | undefined>',
    );
  if (dataDir !== undefined && (typeof dataDir !== 'string' || dataDir === ''))
    problems.add('dataDir', dataDir, 'must be a non-empty string or omitted');
  if (!isPort(port)) problems.add('port', port, PORT_RULE);
  if (!Number.isFinite(ttlSweepIntervalMs) || ttlSweepIntervalMs < 0)
    problems.add('ttlSweepIntervalMs', ttlSweepIntervalMs, 'must be a number >= 0');
  if (typeof now !== 'function') problems.add('now', now, 'must be a function returning epoch milliseconds');
  if (typeof log !== 'function') problems.add('log', log, 'must be a function (line) => void');
  const createRequests: CreateTableRequest[] = [];
  const initialTtl: ServiceSettings['initialTtl'] = [];
  checkEachOf(
    problems,
    'tables',
    tables,
    'TableName',
    (table: TableDefinition) => table?.TableName,
    (table) => {
      const request = toCreateTableRequest(table, problems);
      if (request !== undefined) createRequests.push(request);
      initialTtl.push([String(table?.TableName), ttlAttributeOf(table, problems)]);
    },
  );
  problems.throwIfAny();
  return { dataDir, port, tables, createRequests, initialTtl, ttlSweepIntervalMs, now, log, authorize };
}
