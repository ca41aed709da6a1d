/**
 * Rules between the resources the config declares (`tables`) and what grants them (`access` of lambda routes and
 * functions). Cross-field rules run even when a field broke its own rule, so everything is read defensively.
 */
import type { z } from 'zod';
import type { TableConfig } from './tables.ts';
import { tableVariable } from './tables.ts';

interface GrantHolder {
  environment?: unknown;
  access?: { tables?: unknown };
}

interface DeclaredInput {
  tables: Record<string, TableConfig>;
  routes: Record<string, { integration?: unknown } & GrantHolder>;
  functions: Record<string, GrantHolder>;
}

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
  const declared = Object.keys(config.tables ?? {});
  for (const [path, holder] of grantHolders(config)) {
    const tables = holder.access?.tables;
    if (!isRecord(tables)) continue;
    for (const name of Object.keys(tables)) {
      if (!Object.hasOwn(config.tables ?? {}, name)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'access', 'tables', name],
          params: { got: name },
          message: `must name a table declared in tables (${declared.map((t) => JSON.stringify(t)).join(', ') || 'none is declared'})`,
        });
        continue;
      }
      const variable = tableVariable(name);
      if (isRecord(holder.environment) && Object.hasOwn(holder.environment, variable)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'environment', variable],
          params: { got: variable },
          message: `is set by the generator for access.tables.${name} (the table's name)`,
        });
      }
    }
  }
}

function tableRules(name: string, table: TableConfig, ctx: z.RefinementCtx): void {
  const at = ['tables', name];
  if (name === 'sessions') {
    ctx.addIssue({
      code: 'custom',
      path: at,
      params: { got: name },
      message:
        'is the sessions table (SessionsTable, SESSIONS_TABLE): configure it under sessions, or pick another name',
    });
  }
  if (!isRecord(table)) return;
  // AttributeDefinitions hold each key attribute once, with one type.
  const types = new Map<string, string>();
  const key = (path: (string | number)[], attribute: unknown) => {
    if (!isRecord(attribute) || typeof attribute['name'] !== 'string') return;
    const known = types.get(attribute['name']);
    const type = String(attribute['type'] ?? 'S');
    if (known !== undefined && known !== type) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, ...path, 'type'],
        params: { got: type },
        message: `must be ${JSON.stringify(known)}: the attribute ${JSON.stringify(attribute['name'])} is a key elsewhere in this table with that type (DynamoDB defines each key attribute once)`,
      });
    }
    types.set(attribute['name'], type);
  };
  key(['partitionKey'], table.partitionKey);
  if (table.sortKey !== undefined) {
    if (table.sortKey?.name === table.partitionKey?.name) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'sortKey', 'name'],
        params: { got: table.sortKey.name },
        message: 'must differ from the partition key',
      });
    }
    key(['sortKey'], table.sortKey);
  }
  const indexNames = new Set<string>();
  (Array.isArray(table.indexes) ? table.indexes : []).forEach((index, i) => {
    if (!isRecord(index)) return;
    if (indexNames.has(index.name)) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'indexes', i, 'name'],
        params: { got: index.name },
        message: 'index names must be unique in a table',
      });
    }
    indexNames.add(index.name);
    key(['indexes', i, 'partitionKey'], index.partitionKey);
    if (index.sortKey !== undefined) {
      if (index.sortKey?.name === index.partitionKey?.name) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'indexes', i, 'sortKey', 'name'],
          params: { got: index.sortKey.name },
          message: "must differ from the index's partition key",
        });
      }
      key(['indexes', i, 'sortKey'], index.sortKey);
    }
  });
  if (typeof table.ttlAttribute === 'string' && types.has(table.ttlAttribute)) {
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'ttlAttribute'],
      params: { got: table.ttlAttribute },
      message:
        'must not be a key attribute of the table or an index: an expiry is a Number written on the items, not part of how they are found',
    });
  }
}
