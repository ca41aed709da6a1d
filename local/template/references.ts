import { TemplateError } from './errors.ts';
import { NO_VALUE, type IntrinsicResolver, type ReferenceLookup } from './intrinsics.ts';
import type { StackIdentity } from './options.ts';
import { findInMap, hasMapping, type TemplateMappings } from './mappings.ts';
import { parameterRefValue } from './parameters.ts';
import { physicalIdFor } from './physical-ids.ts';
import type { PhysicalId } from './types.ts';

export interface RawResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
}

export interface ReferenceInputs {
  stack: StackIdentity;
  pseudo: Record<string, string>;
  parameters: Record<string, string>;
  parameterTypes: Record<string, string>;
  resources: Record<string, RawResource>;
  /** Resources SAM creates from others (`<Function>Role`), which templates may Ref and GetAtt. */
  implicit: Record<string, RawResource>;
  /** SAM's referenceable properties: `{ MyFunction: { Alias: 'MyFunctionAliaslive', ... } }` (sam-implicit.ts). */
  samProperties: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Declared resources the local stack does not emulate (emulated.ts). */
  notEmulated: ReadonlySet<string>;
  /** Told each time a Ref or GetAtt reaches one of them. */
  notEmulatedUse(use: { logicalId: string; type: string; where: string }): void;
  condition(name: string, where: string): boolean;
  mappings: TemplateMappings;
  resolver(): IntrinsicResolver;
}

/**
 * `Ref`/`Fn::GetAtt` lookups plus the physical IDs they return. Physical IDs are computed
 * on first use, because a name property (TableName: !Sub ${AWS::StackName}-Sessions) may
 * itself refer to other resources; a name that depends on itself is reported as a cycle.
 */
export function createReferences(
  inputs: ReferenceInputs,
): ReferenceLookup & { physicalId(logicalId: string, where: string): PhysicalId } {
  const known = new Map<string, PhysicalId>();
  const computing: string[] = [];

  function physicalId(logicalId: string, where: string): PhysicalId {
    const cached = known.get(logicalId);
    if (cached !== undefined) return cached;
    const resource = Object.hasOwn(inputs.resources, logicalId)
      ? inputs.resources[logicalId]
      : Object.hasOwn(inputs.implicit, logicalId)
        ? inputs.implicit[logicalId]
        : undefined;
    if (resource === undefined) throw new TemplateError(`${where}: no parameter or resource named ${logicalId}`);
    if (resource.Condition !== undefined && !inputs.condition(resource.Condition, `Resources.${logicalId}.Condition`)) {
      throw new TemplateError(
        `${where}: resource ${logicalId} is not created (its Condition ${resource.Condition} is false)`,
      );
    }
    if (computing.includes(logicalId)) {
      throw new TemplateError(
        `Resources.${logicalId}: its name depends on itself (${[...computing, logicalId].join(' -> ')})`,
      );
    }
    computing.push(logicalId);
    try {
      const id = physicalIdFor({
        ...inputs.stack,
        logicalId,
        type: resource.Type,
        nameProperty: (...path) => nameProperty(logicalId, resource, path),
      });
      known.set(logicalId, id);
      return id;
    } finally {
      computing.pop();
    }
  }

  function nameProperty(logicalId: string, resource: RawResource, path: string[]): string | undefined {
    let raw: unknown = resource.Properties;
    for (const key of path) {
      raw =
        typeof raw === 'object' && raw !== null && !Array.isArray(raw)
          ? (raw as Record<string, unknown>)[key]
          : undefined;
    }
    if (raw === undefined) return undefined;
    const fullPath = ['Resources', logicalId, 'Properties', ...path];
    const value = inputs.resolver().resolve(raw, fullPath);
    if (value === NO_VALUE || value === undefined) return undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new TemplateError(`${fullPath.join('.')}: must resolve to a string, got ${JSON.stringify(value)}`);
  }

  function noteNotEmulated(logicalId: string, where: string): boolean {
    const type = typeOf(logicalId);
    if (type === undefined || !inputs.notEmulated.has(logicalId)) return false;
    inputs.notEmulatedUse({ logicalId, type, where });
    return true;
  }
  const typeOf = (logicalId: string) =>
    (Object.hasOwn(inputs.resources, logicalId)
      ? inputs.resources[logicalId]
      : Object.hasOwn(inputs.implicit, logicalId)
        ? inputs.implicit[logicalId]
        : undefined
    )?.Type;
  const isSamFunction = (logicalId: string) =>
    Object.hasOwn(inputs.resources, logicalId) && inputs.resources[logicalId]?.Type === 'AWS::Serverless::Function';

  return {
    physicalId,
    ref(name, where) {
      if (name === 'AWS::NoValue') return NO_VALUE;
      // Own keys only: `Ref: __proto__` must not answer Object.prototype (a value the template could then reach into).
      const pseudo = Object.hasOwn(inputs.pseudo, name) ? inputs.pseudo[name] : undefined;
      if (pseudo !== undefined) return pseudo;
      if (name === 'AWS::NotificationARNs') return [];
      if (name.startsWith('AWS::')) throw new TemplateError(`${where}: unknown pseudo parameter ${name}`);
      const parameter = Object.hasOwn(inputs.parameters, name) ? inputs.parameters[name] : undefined;
      if (parameter !== undefined) return parameterRefValue(inputs.parameterTypes[name] ?? 'String', parameter);
      if (name.includes('.') && isSamFunction(name.slice(0, name.indexOf('.')))) {
        throw new TemplateError(
          `${where}: no parameter or resource named ${name} (SAM creates ${name.slice(name.indexOf('.') + 1)} only for a function with AutoPublishAlias)`,
        );
      }
      const id = physicalId(name, where);
      noteNotEmulated(name, where);
      return id.ref;
    },
    samProperty(dotted) {
      const [logicalId = '', property = '', ...attribute] = dotted.split('.');
      const generated = Object.hasOwn(inputs.samProperties, logicalId) ? inputs.samProperties[logicalId] : undefined;
      const target = generated !== undefined && Object.hasOwn(generated, property) ? generated[property] : undefined;
      if (target === undefined) return undefined;
      return { logicalId: target, attribute: attribute.length === 0 ? undefined : attribute.join('.') };
    },
    getAtt(logicalId, attribute, where) {
      const id = physicalId(logicalId, where);
      // Attributes of what is not emulated have no local value: a marker that names them, and a warning.
      if (noteNotEmulated(logicalId, where)) return `not-emulated:${logicalId}.${attribute}`;
      const value = Object.hasOwn(id.attributes, attribute) ? id.attributes[attribute] : undefined;
      if (value === undefined) {
        const type = typeOf(logicalId) ?? 'unknown';
        const available = Object.keys(id.attributes);
        throw new TemplateError(
          `${where}: Fn::GetAtt ${logicalId}.${attribute}: ${type} has no attribute ${attribute} locally ` +
            `(available: ${available.length > 0 ? available.join(', ') : 'none, use Ref'})`,
        );
      }
      return value;
    },
    condition: inputs.condition,
    findInMap: (keys, where) => findInMap(inputs.mappings, keys, where),
    hasInMap: (keys) => hasMapping(inputs.mappings, keys),
  };
}
