import { nullFieldError, serializationError, validationError, type AwsErrorAnswer } from './aws-errors.ts';

/**
 * Which tables have TTL enabled, on which attribute. dynalite keeps no TTL state at all, so
 * the service seeds this from the template's TimeToLiveSpecification and updates it on
 * UpdateTimeToLive. Kept in memory: a restart goes back to what the template says.
 */
export interface TtlRegistry {
  attributeOf(tableName: string): string | undefined;
  set(tableName: string, attributeName: string | undefined): void;
  /** [tableName, attributeName] of every table with TTL enabled. */
  enabledTables(): Array<[string, string]>;
}

export function createTtlRegistry(initial: Iterable<[string, string | undefined]>): TtlRegistry {
  const attributes = new Map<string, string>();
  const registry: TtlRegistry = {
    attributeOf: (tableName) => attributes.get(tableName),
    set(tableName, attributeName) {
      if (attributeName === undefined) attributes.delete(tableName);
      else attributes.set(tableName, attributeName);
    },
    enabledTables: () => [...attributes.entries()],
  };
  for (const [tableName, attributeName] of initial) registry.set(tableName, attributeName);
  return registry;
}

export interface TtlAnswer {
  statusCode: number;
  body: unknown;
}

/** DescribeTimeToLive's answer for a table known to exist. */
export function describeTimeToLive(registry: TtlRegistry, tableName: string): TtlAnswer {
  const attributeName = registry.attributeOf(tableName);
  const description =
    attributeName === undefined
      ? { TimeToLiveStatus: 'DISABLED' }
      : { AttributeName: attributeName, TimeToLiveStatus: 'ENABLED' };
  return { statusCode: 200, body: { TimeToLiveDescription: description } };
}

function checkSpecification(specification: unknown): AwsErrorAnswer | { enabled: boolean; attributeName: string } {
  if (specification === undefined || specification === null) return nullFieldError('timeToLiveSpecification');
  if (typeof specification !== 'object' || Array.isArray(specification)) {
    return serializationError('Start of structure or map found where not expected');
  }
  const { Enabled: enabled, AttributeName: attributeName } = specification as Record<string, unknown>;
  if (enabled === undefined || enabled === null) return nullFieldError('timeToLiveSpecification.enabled');
  if (typeof enabled !== 'boolean')
    return serializationError(`${JSON.stringify(enabled)} cannot be converted to Boolean`);
  if (attributeName === undefined || attributeName === null)
    return nullFieldError('timeToLiveSpecification.attributeName');
  if (typeof attributeName !== 'string')
    return serializationError(`${JSON.stringify(attributeName)} cannot be converted to String`);
  if (attributeName.length < 1 || attributeName.length > 255) {
    return validationError(
      `1 validation error detected: Value '${attributeName}' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: ` +
        'Member must have length between 1 and 255',
    );
  }
  return { enabled, attributeName };
}

/**
 * UpdateTimeToLive for a table known to exist. Takes effect at once (AWS passes through
 * ENABLING/DISABLING first). Enabling twice or disabling a disabled table is a
 * ValidationException, as on AWS (message texts UNCONFIRMED).
 */
export function updateTimeToLive(registry: TtlRegistry, tableName: string, specification: unknown): TtlAnswer {
  const checked = checkSpecification(specification);
  if ('statusCode' in checked) return checked;
  const current = registry.attributeOf(tableName);
  if (checked.enabled && current !== undefined) return validationError('TimeToLive is already enabled');
  if (!checked.enabled && current === undefined) return validationError('TimeToLive is already disabled');
  registry.set(tableName, checked.enabled ? checked.attributeName : undefined);
  return {
    statusCode: 200,
    body: { TimeToLiveSpecification: { AttributeName: checked.attributeName, Enabled: checked.enabled } },
  };
}
