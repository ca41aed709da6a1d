/**
 * The SAM transform's `Globals` section, applied the way the transform documents it ("Globals section of
 * the AWS SAM template", and samtranslator's globals plugin): each section's properties go into every
 * resource of its type that the template declares, before anything is resolved. A property the resource
 * sets itself wins when it is a scalar (or an intrinsic function, which counts as one); mappings merge key
 * by key, recursively, the resource's keys winning; lists are the global entries followed by the resource's.
 */
import { TemplateError } from './errors.ts';
import { isMapping } from '../shared/is-mapping.ts';

/** Globals sections → the SAM resource type each applies to. */
const SECTIONS = {
  Function: 'AWS::Serverless::Function',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
} as const satisfies Record<string, string>;

type Section = keyof typeof SECTIONS;

/** Properties SAM refuses in `Globals.Function` (they name or wire one function), from the transform's docs. */
const NOT_GLOBAL: Partial<Record<Section, readonly string[]>> = {
  Function: ['Role', 'Policies', 'FunctionName', 'Events'],
  StateMachine: ['Definition', 'DefinitionUri', 'Events', 'Name', 'Role'],
};

const isIntrinsic = (value: Record<string, unknown>): boolean => {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition');
};

/** SAM's merge: local scalars win, mappings merge recursively, lists concatenate (global first). */
export function mergeGlobal(globalValue: unknown, localValue: unknown): unknown {
  if (localValue === undefined) return globalValue;
  if (Array.isArray(globalValue) && Array.isArray(localValue)) return [...globalValue, ...localValue];
  if (isMapping(globalValue) && isMapping(localValue) && !isIntrinsic(globalValue) && !isIntrinsic(localValue)) {
    const merged: Record<string, unknown> = { ...globalValue };
    // defineProperty, not assignment: a key named `__proto__` in the template stays a key, not a prototype.
    for (const [key, value] of Object.entries(localValue)) {
      const global = Object.hasOwn(globalValue, key) ? globalValue[key] : undefined;
      Object.defineProperty(merged, key, {
        value: mergeGlobal(global, value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return merged;
  }
  return localValue;
}

export interface GlobalsResult {
  /** The resources with the global properties merged in (the same objects when there are no Globals). */
  resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  warnings: string[];
}

/** Applies `Globals` to the template's raw resources; refuses what SAM refuses, naming the key. */
export function applyGlobals(
  globals: unknown,
  resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>,
): GlobalsResult {
  if (globals === undefined || globals === null) return { resources, warnings: [] };
  if (!isMapping(globals)) throw new TemplateError(`Globals: must be a mapping, got ${JSON.stringify(globals)}`);
  const warnings: string[] = [];
  const sections: Array<[Section, Record<string, unknown>]> = [];
  for (const [name, properties] of Object.entries(globals)) {
    if (!Object.hasOwn(SECTIONS, name)) {
      throw new TemplateError(
        `Globals.${name}: not a section SAM supports (supported: ${Object.keys(SECTIONS).join(', ')})`,
      );
    }
    if (!isMapping(properties))
      throw new TemplateError(`Globals.${name}: must be a mapping, got ${JSON.stringify(properties)}`);
    const section = name as Section;
    for (const key of NOT_GLOBAL[section] ?? []) {
      if (key in properties)
        throw new TemplateError(
          `Globals.${name}.${key}: SAM does not accept ${key} in Globals; set it on each resource`,
        );
    }
    if (section === 'Api' || section === 'HttpApi') {
      warnings.push(
        `Globals.${name}: applies to AWS::Serverless::${name} (REST/HTTP APIs), which are not WebSocket APIs and are not emulated`,
      );
    }
    sections.push([section, properties]);
  }
  const merged: GlobalsResult['resources'] = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    const section = sections.find(([name]) => SECTIONS[name] === resource.Type);
    if (section === undefined) {
      merged[logicalId] = resource;
      continue;
    }
    const properties = mergeGlobal(section[1], resource.Properties ?? {}) as Record<string, unknown>;
    merged[logicalId] = { ...resource, Properties: properties };
  }
  return { resources: merged, warnings };
}
