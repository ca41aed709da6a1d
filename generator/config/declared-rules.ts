/**
 * Rules between the resources the config declares (`tables`) and what grants them (`access` of lambda routes and
 * functions). Cross-field rules run even when a field broke its own rule, so everything is read defensively.
 */
import type { z } from 'zod';
import type { QueueConfig } from './queues.ts';
import { queueVariable } from './queues.ts';
import type { TableConfig } from './tables.ts';
import { tableVariable } from './tables.ts';
import { addProblem } from './add-problem.ts';

interface GrantHolder {
  environment?: unknown;
  access?: { tables?: unknown; queues?: unknown };
}

interface DeclaredInput {
  tables: Record<string, TableConfig>;
  queues: Record<string, QueueConfig>;
  routes: Record<string, { integration?: unknown } & GrantHolder>;
  functions: Record<string, GrantHolder & { timeout?: unknown }>;
}

/** One kind of declared resource, as `access` names it. */
interface DeclaredKind {
  field: 'tables' | 'queues';
  variable: (name: string) => string;
  what: string;
}
const DECLARED_KINDS: DeclaredKind[] = [
  { field: 'tables', variable: tableVariable, what: "the table's name" },
  { field: 'queues', variable: queueVariable, what: "the queue's URL" },
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The functions that carry `access`, with their config path: lambda routes, then `functions`. */
export function grantHolders(config: Pick<DeclaredInput, 'routes' | 'functions'>): [string[], GrantHolder][] {
  return [
    ...Object.entries(config.routes)
      .filter(([, route]) => route.integration === 'lambda')
      .map(([key, route]): [string[], GrantHolder] => [['routes', key], route]),
    ...Object.entries(config.functions).map(([name, fn]): [string[], GrantHolder] => [['functions', name], fn]),
  ];
}

export function declaredResourceRules(config: DeclaredInput, ctx: z.RefinementCtx): void {
  for (const [name, table] of Object.entries(config.tables ?? {})) tableRules(name, table, ctx);
  for (const [name, queue] of Object.entries(config.queues ?? {})) queueRules(name, queue, config, ctx);
  for (const kind of DECLARED_KINDS) grantRules(kind, config, ctx);
}

/** Each name under `access.<field>` is declared, and the variable it sets is not also set by hand. */
function grantRules({ field, variable, what }: DeclaredKind, config: DeclaredInput, ctx: z.RefinementCtx): void {
  const declared = config[field] ?? {};
  for (const [path, holder] of grantHolders(config)) {
    const grants = holder.access?.[field];
    if (!isRecord(grants)) continue;
    for (const name of Object.keys(grants)) {
      if (!Object.hasOwn(declared, name)) {
        addProblem(
          ctx,
          [...path, 'access', field, name],
          name,
          `must name a ${field.slice(0, -1)} declared in ${field} (${namesDeclared(declared)})`,
        );
        continue;
      }
      if (isRecord(holder.environment) && Object.hasOwn(holder.environment, variable(name))) {
        addProblem(
          ctx,
          [...path, 'environment', variable(name)],
          variable(name),
          `is set by the generator for access.${field}.${name} (${what})`,
        );
      }
    }
  }
}

function queueRules(name: string, queue: QueueConfig, config: DeclaredInput, ctx: z.RefinementCtx): void {
  const at = ['queues', name];
  if (!isRecord(queue)) return;
  if (queue.contentBasedDeduplication && !queue.fifo) {
    addProblem(ctx, [...at, 'contentBasedDeduplication'], true, 'needs fifo: true (SQS deduplicates FIFO queues only)');
  }
  const consumer = queue.consumer;
  if (!isRecord(consumer) || typeof consumer.function !== 'string') return;
  const fn = Object.hasOwn(config.functions ?? {}, consumer.function) ? config.functions[consumer.function] : undefined;
  if (fn === undefined) {
    addProblem(
      ctx,
      [...at, 'consumer', 'function'],
      consumer.function,
      `must name a function declared in functions (${namesDeclared(config.functions ?? {})}); a route's function serves its route`,
    );
    return;
  }
  const timeout = typeof fn.timeout === 'number' ? fn.timeout : undefined;
  if (timeout !== undefined && queue.visibilityTimeoutSeconds < timeout) {
    addProblem(
      ctx,
      [...at, 'visibilityTimeoutSeconds'],
      queue.visibilityTimeoutSeconds,
      `must be at least the consumer's timeout (functions.${consumer.function}.timeout: ${timeout} s): Lambda refuses an SQS event source whose visibility timeout is shorter, or a message would reappear while it is being handled`,
    );
  }
}

function tableRules(name: string, table: TableConfig, ctx: z.RefinementCtx): void {
  const at = ['tables', name];
  if (name === 'sessions') {
    addProblem(
      ctx,
      at,
      name,
      'is the sessions table (SessionsTable, SESSIONS_TABLE): configure it under sessions, or pick another name',
    );
  }
  if (!isRecord(table)) return;
  // AttributeDefinitions hold each key attribute once, with one type.
  const types = new Map<string, string>();
  const key = (path: (string | number)[], attribute: unknown) => {
    if (!isRecord(attribute) || typeof attribute['name'] !== 'string') return;
    const known = types.get(attribute['name']);
    const type = String(attribute['type'] ?? 'S');
    if (known !== undefined && known !== type) {
      addProblem(
        ctx,
        [...at, ...path, 'type'],
        type,
        `must be ${JSON.stringify(known)}: the attribute ${JSON.stringify(attribute['name'])} is a key elsewhere in this table with that type (DynamoDB defines each key attribute once)`,
      );
    }
    types.set(attribute['name'], type);
  };
  key(['partitionKey'], table.partitionKey);
  if (table.sortKey !== undefined) {
    if (table.sortKey?.name === table.partitionKey?.name) {
      addProblem(ctx, [...at, 'sortKey', 'name'], table.sortKey.name, 'must differ from the partition key');
    }
    key(['sortKey'], table.sortKey);
  }
  const indexNames = new Set<string>();
  (Array.isArray(table.indexes) ? table.indexes : []).forEach((index, i) => {
    if (!isRecord(index)) return;
    if (indexNames.has(index.name)) {
      addProblem(ctx, [...at, 'indexes', i, 'name'], index.name, 'index names must be unique in a table');
    }
    indexNames.add(index.name);
    key(['indexes', i, 'partitionKey'], index.partitionKey);
    if (index.sortKey !== undefined) {
      if (index.sortKey?.name === index.partitionKey?.name) {
        addProblem(
          ctx,
          [...at, 'indexes', i, 'sortKey', 'name'],
          index.sortKey.name,
          "must differ from the index's partition key",
        );
      }
      key(['indexes', i, 'sortKey'], index.sortKey);
    }
  });
  if (typeof table.ttlAttribute === 'string' && types.has(table.ttlAttribute)) {
    addProblem(
      ctx,
      [...at, 'ttlAttribute'],
      table.ttlAttribute,
      'must not be a key attribute of the table or an index: an expiry is a Number written on the items, not part of how they are found',
    );
  }
}

/** The names a section declares, for a message that asks for one of them. */
function namesDeclared(section: object): string {
  return (
    Object.keys(section)
      .map((name) => JSON.stringify(name))
      .join(', ') || 'none is declared'
  );
}
