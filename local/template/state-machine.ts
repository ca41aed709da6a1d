import { TemplateError } from './errors.ts';
import type { LocalResource } from './types.ts';

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/**
 * A SAM state machine's `Definition` with its `DefinitionSubstitutions` applied. Only
 * `${Name}` placeholders change (in keys and string values, as Step Functions substitutes
 * in the definition text); JSONPath (`$.notifyError`) and intrinsic functions
 * (`States.Format('/@connections/{}', $.ConnectionID)`) stay as written.
 */
export function stateMachineDefinition(resource: LocalResource): Record<string, unknown> {
  const where = `Resources.${resource.logicalId}`;
  if (resource.type !== 'AWS::Serverless::StateMachine') {
    throw new TemplateError(`${where}: ${resource.type} is not an AWS::Serverless::StateMachine`);
  }
  const properties = resource.properties as Record<string, unknown>;
  const definition = properties['Definition'];
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    const hint = properties['DefinitionUri'] !== undefined ? ' (DefinitionUri is not supported locally; inline the Definition)' : '';
    throw new TemplateError(`${where}.Properties.Definition: must be a mapping${hint}`);
  }
  const substitutions = substitutionsOf(properties['DefinitionSubstitutions'], where);
  return substitute(definition, (text, path) =>
    text.replace(PLACEHOLDER, (_match, name: string) => {
      const value = substitutions.get(name);
      if (value === undefined) {
        throw new TemplateError(
          `${where}.Properties.Definition.${path}: \${${name}} has no entry in DefinitionSubstitutions ` +
            `(defined: ${substitutions.size > 0 ? [...substitutions.keys()].join(', ') : 'none'})`,
        );
      }
      return value;
    }),
  ) as Record<string, unknown>;
}

function substitutionsOf(raw: unknown, where: string): Map<string, string> {
  if (raw === undefined) return new Map();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TemplateError(`${where}.Properties.DefinitionSubstitutions: must be a mapping, got ${JSON.stringify(raw)}`);
  }
  const entries = Object.entries(raw).map(([name, value]) => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TemplateError(`${where}.Properties.DefinitionSubstitutions.${name}: must be a string, number or boolean, got ${JSON.stringify(value)}`);
    }
    return [name, String(value)] as const;
  });
  return new Map(entries);
}

function substitute(value: unknown, replace: (text: string, path: string) => string, path = ''): unknown {
  const at = (key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`);
  if (typeof value === 'string') return replace(value, path);
  if (Array.isArray(value)) return value.map((item, index) => substitute(item, replace, at(index)));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [replace(key, at(key)), substitute(item, replace, at(key))]));
  }
  return value;
}
