import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { TemplateError } from './errors.ts';
import type { LocalResource } from './types.ts';

const PLACEHOLDER = /\$\{([^}]*)\}/g;

type DefinitionSource = { object: unknown; at: string } | { text: string; at: string; yaml: boolean };

/**
 * Where the definition is written: inline (`Definition`, or CloudFormation's `DefinitionString` text), or in a
 * local file (`DefinitionUri` of SAM, or `DefinitionS3Location` as `aws cloudformation package` takes a path).
 */
function definitionSource(resource: LocalResource, baseDir: string): DefinitionSource {
  const where = `Resources.${resource.logicalId}.Properties`;
  const properties = resource.properties as Record<string, unknown>;
  if (properties['Definition'] !== undefined) return { object: properties['Definition'], at: `${where}.Definition` };
  if (typeof properties['DefinitionString'] === 'string')
    return { text: properties['DefinitionString'], at: `${where}.DefinitionString`, yaml: false };
  const fileKey = resource.type === 'AWS::Serverless::StateMachine' ? 'DefinitionUri' : 'DefinitionS3Location';
  const file = properties[fileKey];
  if (typeof file === 'string') {
    const path = isAbsolute(file) ? file : resolve(baseDir, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new TemplateError(
        `${where}.${fileKey}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    return { text, at: `${where}.${fileKey} (${path})`, yaml: !/\.json$/i.test(path) };
  }
  if (file !== undefined)
    throw new TemplateError(
      `${where}.${fileKey}: ${JSON.stringify(file)} is in S3, which the local stack cannot read; use a local file`,
    );
  const names =
    resource.type === 'AWS::Serverless::StateMachine'
      ? 'Definition or DefinitionUri'
      : 'Definition, DefinitionString or DefinitionS3Location';
  throw new TemplateError(`${where}: needs ${names}`);
}

/**
 * A state machine's definition with its `DefinitionSubstitutions` applied. Only `${Name}` placeholders change;
 * JSONPath (`$.notifyError`) and intrinsic functions (`States.Format('/@connections/{}', $.ConnectionID)`) stay
 * as written. An inline `Definition` is substituted in its keys and string values; definition text (a file or
 * `DefinitionString`) is substituted as text and then parsed, as Step Functions does with the text it gets.
 */
export function stateMachineDefinition(resource: LocalResource, baseDir = '.'): Record<string, unknown> {
  const where = `Resources.${resource.logicalId}`;
  if (resource.type !== 'AWS::Serverless::StateMachine' && resource.type !== 'AWS::StepFunctions::StateMachine') {
    throw new TemplateError(`${where}: ${resource.type} is not a state machine`);
  }
  const properties = resource.properties as Record<string, unknown>;
  const substitutions = substitutionsOf(properties['DefinitionSubstitutions'], where);
  const replace = (text: string, at: string) =>
    text.replace(PLACEHOLDER, (_match, name: string) => {
      const value = substitutions.get(name);
      if (value === undefined) {
        throw new TemplateError(
          `${at}: \${${name}} has no entry in DefinitionSubstitutions ` +
            `(defined: ${substitutions.size > 0 ? [...substitutions.keys()].join(', ') : 'none'})`,
        );
      }
      return value;
    });
  const source = definitionSource(resource, baseDir);
  let definition: unknown;
  if ('object' in source) {
    definition = substitute(source.object, (text, path) => replace(text, `${source.at}.${path}`));
  } else {
    const text = replace(source.text, source.at);
    try {
      definition = source.yaml ? parseYaml(text) : JSON.parse(text);
    } catch (error) {
      throw new TemplateError(
        `${source.at}: not valid ${source.yaml ? 'YAML or JSON' : 'JSON'} after substitution (${(error as Error).message.split('\n')[0]})`,
      );
    }
  }
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new TemplateError(`${source.at}: must be a mapping, got ${JSON.stringify(definition)}`);
  }
  return definition as Record<string, unknown>;
}

function substitutionsOf(raw: unknown, where: string): Map<string, string> {
  if (raw === undefined) return new Map();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TemplateError(
      `${where}.Properties.DefinitionSubstitutions: must be a mapping, got ${JSON.stringify(raw)}`,
    );
  }
  const entries = Object.entries(raw).map(([name, value]) => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TemplateError(
        `${where}.Properties.DefinitionSubstitutions.${name}: must be a string, number or boolean, got ${JSON.stringify(value)}`,
      );
    }
    return [name, String(value)] as const;
  });
  return new Map(entries);
}

function substitute(value: unknown, replace: (text: string, path: string) => string, path = ''): unknown {
  const at = (key: string | number) =>
    typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
  if (typeof value === 'string') return replace(value, path);
  if (Array.isArray(value)) return value.map((item, index) => substitute(item, replace, at(index)));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [replace(key, at(key)), substitute(item, replace, at(key))]),
    );
  }
  return value;
}
