import { createHash } from 'node:crypto';
import { parseCloudFormation } from '../../cfn/yaml.ts';
import { createConditionEvaluator } from './conditions.ts';
import { TemplateError } from './errors.ts';
import { NO_VALUE, createIntrinsicResolver, type IntrinsicResolver } from './intrinsics.ts';
import { pseudoParameters, stackIdentity } from './options.ts';
import { resolveParameters } from './parameters.ts';
import { resolve as resolvePath } from 'node:path';
import { isEmulated } from './emulated.ts';
import { createReferences, type RawResource } from './references.ts';
import { applyGlobals } from './sam-globals.ts';
import { dynamicReferenceWarnings } from './dynamic-references.ts';
import { expandForEach, LANGUAGE_EXTENSIONS_TRANSFORM, refuseForEach } from './language-extensions.ts';
import { readMappings } from './mappings.ts';
import { samImplicitResources } from './sam-implicit.ts';
import { versionsAndAliases } from './versions-aliases.ts';
import type {
  LoadTemplateOptions,
  LocalResource,
  LocalTemplate,
  NotEmulatedResource,
  PhysicalId,
  UnresolvedOutput,
} from './types.ts';
import { isMapping } from '../shared/is-mapping.ts';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

/**
 * Read a SAM template and resolve every intrinsic to local values (see physical-ids.ts for
 * the Ref/GetAtt formats). Errors are TemplateErrors prefixed with `options.source`.
 */
export function loadLocalTemplate(text: string, options: LoadTemplateOptions): LocalTemplate {
  const source = options?.source ?? 'template.yaml';
  try {
    return load(text, options);
  } catch (error) {
    if (error instanceof TemplateError) throw new TemplateError(`${source}: ${error.message}`, { cause: error });
    throw error;
  }
}

function load(text: string, options: LoadTemplateOptions): LocalTemplate {
  const stack = stackIdentity(options);
  const parsed = parseCloudFormation(text, options.source);
  if (!isMapping(parsed)) throw new TemplateError('the template must be a mapping');
  const languageExtensions = checkTransform(parsed['Transform']);
  const parameterDeclarations = mappingAt(parsed, 'Parameters');
  // Readers that do not run the stack (checks, tests) get a fixed stand-in per stack and parameter; the running stack a random one.
  const secretValue =
    options.secretParameterValue ??
    ((name: string) => createHash('sha256').update(`secret/${stack.stackName}/${name}`).digest('hex'));
  const parameters = resolveParameters(parameterDeclarations, options.parameterOverrides ?? {}, secretValue);
  const parameterTypes = Object.fromEntries(
    Object.entries(parameterDeclarations).map(([name, d]) => [name, String((d as RawResource).Type)]),
  );
  const mappings = readMappings(mappingAt(parsed, 'Mappings'));
  if (!languageExtensions) refuseForEach(parsed);
  const document = languageExtensions ? expandForEach(parsed, { parameters, parameterTypes, mappings }) : parsed;
  const globals = applyGlobals(document['Globals'], resourcesOf(document));
  const rawResources = globals.resources as Record<string, RawResource & { Metadata?: unknown; DependsOn?: unknown }>;
  const warnings = [...globals.warnings];
  const pseudo = pseudoParameters(stack);
  const notEmulated: NotEmulatedResource[] = Object.entries(rawResources)
    .filter(([, raw]) => !isEmulated(raw, rawResources))
    .map(([logicalId, raw]) => ({ logicalId, type: raw.Type }));
  const implicit = samImplicitResources(rawResources, parameters);
  // Each Ref/GetAtt that reaches a resource that is not emulated, while one property or output is resolved.
  let notEmulatedUses: Array<{ logicalId: string; type: string; where: string }> = [];

  let resolver: IntrinsicResolver | undefined;
  const lazyResolver = () => {
    resolver ??= createIntrinsicResolver(references, { languageExtensions });
    return resolver;
  };
  const condition = createConditionEvaluator(mappingAt(document, 'Conditions'), lazyResolver);
  const references = createReferences({
    stack,
    pseudo,
    parameters,
    parameterTypes,
    resources: rawResources,
    implicit: implicit.resources,
    samProperties: implicit.properties,
    notEmulated: new Set([...notEmulated.map((resource) => resource.logicalId), ...implicit.notEmulated]),
    notEmulatedUse: (use) => notEmulatedUses.push(use),
    mappings,
    condition,
    resolver: lazyResolver,
  });
  const isCreated = (logicalId: string, conditionName: string | undefined, where: string) =>
    conditionName === undefined || condition(conditionName, `${where}.${logicalId}.Condition`);
  const resolveTracked = (value: unknown, where: (string | number)[]) => {
    notEmulatedUses = [];
    const resolved = lazyResolver().resolve(value, where);
    return { resolved, uses: notEmulatedUses };
  };

  const resources = new Map<string, LocalResource>();
  const physicalIds = new Map<string, PhysicalId>();
  for (const [logicalId, raw] of Object.entries(rawResources)) {
    if (!isCreated(logicalId, raw.Condition, 'Resources')) continue;
    if (notEmulated.some((resource) => resource.logicalId === logicalId)) continue;
    physicalIds.set(logicalId, references.physicalId(logicalId, `Resources.${logicalId}`));
    const { resolved: properties, uses } = resolveTracked(raw.Properties ?? {}, ['Resources', logicalId, 'Properties']);
    warnings.push(...dynamicReferenceWarnings(properties, ['Resources', logicalId, 'Properties']));
    for (const use of uses) {
      warnings.push(
        `${use.where}: refers to ${use.logicalId} (${use.type}), which is not emulated; the local value is a stand-in`,
      );
    }
    const resource: LocalResource = {
      logicalId,
      type: raw.Type,
      properties,
      dependsOn: dependsOnOf(logicalId, raw, rawResources),
    };
    if (raw.Metadata !== undefined) resource.metadata = raw.Metadata;
    resources.set(logicalId, resource);
  }

  const outputs: Record<string, string> = {};
  const unresolvedOutputs: UnresolvedOutput[] = [];
  for (const [name, output] of Object.entries(mappingAt(document, 'Outputs'))) {
    const where = ['Outputs', name, 'Value'];
    if (!isMapping(output) || output['Value'] === undefined)
      throw new TemplateError(`Outputs.${name}: must be a mapping with a Value`);
    if (!isCreated(name, output['Condition'] as string | undefined, 'Outputs')) continue;
    const { resolved: value, uses } = resolveTracked(output['Value'], where);
    if (uses.length > 0) {
      const names = [...new Set(uses.map((use) => `${use.logicalId} (${use.type})`))].join(', ');
      unresolvedOutputs.push({ name, reason: `refers to ${names}, not emulated` });
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TemplateError(
        `${where.join('.')}: must resolve to a string, got ${value === NO_VALUE ? 'AWS::NoValue' : JSON.stringify(value)}`,
      );
    }
    warnings.push(...dynamicReferenceWarnings(value, where));
    outputs[name] = String(value);
  }
  return {
    parameters,
    resources,
    outputs,
    physicalIds,
    versionsAndAliases: versionsAndAliases({
      resources,
      physicalIds,
      implicit: implicit.resources,
      isCreated: (logicalId, conditionName) => isCreated(logicalId, conditionName, 'Resources'),
      physicalId: (logicalId) => references.physicalId(logicalId, `Resources.${logicalId}`),
    }),
    pseudoParameters: pseudo,
    baseDir: resolvePath(options.baseDir ?? '.'),
    notEmulated,
    unresolvedOutputs,
    warnings,
  };
}

/** The declared transforms, each one the local loader applies; true when `AWS::LanguageExtensions` is among them. */
function checkTransform(transform: unknown): boolean {
  const names = transform === undefined ? [] : Array.isArray(transform) ? transform : [transform];
  for (const name of names) {
    if (name !== SAM_TRANSFORM && name !== LANGUAGE_EXTENSIONS_TRANSFORM) {
      throw new TemplateError(
        `Transform: ${JSON.stringify(name)} is not supported locally (only ${SAM_TRANSFORM} and ${LANGUAGE_EXTENSIONS_TRANSFORM})`,
      );
    }
  }
  return names.includes(LANGUAGE_EXTENSIONS_TRANSFORM);
}

function mappingAt(document: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = document[key];
  if (value === undefined || value === null) return {};
  if (!isMapping(value)) throw new TemplateError(`${key}: must be a mapping, got ${JSON.stringify(value)}`);
  return value;
}

function resourcesOf(document: Record<string, unknown>): Record<string, RawResource> {
  const resources = mappingAt(document, 'Resources');
  if (Object.keys(resources).length === 0) throw new TemplateError('Resources: the template declares no resources');
  for (const [logicalId, resource] of Object.entries(resources)) {
    // CloudFormation's rule for logical IDs; a name built by Fn::ForEach from `${Identifier}` can break it.
    if (!LOGICAL_ID.test(logicalId))
      throw new TemplateError(
        `Resources.${logicalId}: a logical ID must be 1-255 letters and digits (A-Z, a-z, 0-9), as CloudFormation requires`,
      );
    if (!isMapping(resource) || typeof resource['Type'] !== 'string') {
      throw new TemplateError(`Resources.${logicalId}: must be a mapping with a Type`);
    }
    if (resource['Properties'] !== undefined && !isMapping(resource['Properties'])) {
      throw new TemplateError(`Resources.${logicalId}.Properties: must be a mapping`);
    }
  }
  return resources as Record<string, RawResource>;
}

function dependsOnOf(logicalId: string, raw: { DependsOn?: unknown }, resources: Record<string, unknown>): string[] {
  const value = raw.DependsOn;
  const names = value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const name of names) {
    if (typeof name !== 'string' || !Object.hasOwn(resources, name)) {
      throw new TemplateError(
        `Resources.${logicalId}.DependsOn: ${JSON.stringify(name)} is not a resource of this template`,
      );
    }
  }
  return names as string[];
}
