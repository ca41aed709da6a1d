import { compileModel, type ModelValidator } from '../shared/json-schema.ts';
import { TemplateError } from './errors.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { LocalResource, LocalTemplate } from './types.ts';
import { isMapping } from '../shared/is-mapping.ts';

/** A route's request validation: the model selection expression and the JSON Schema (draft 4) of each key. */
export interface LocalRequestValidation {
  /** `ModelSelectionExpression`, e.g. `$request.body.kind` or `\$default` */
  selectionExpression: string;
  /** `RequestModels` key → the named model's schema (parsed) */
  schemas: Record<string, LocalModelSchema>;
}

export interface LocalModelSchema {
  /** the model's logical id and name, for messages */
  model: string;
  schema: Record<string, unknown>;
  /** the schema compiled as JSON Schema draft 4 */
  validate: ModelValidator;
}

/**
 * A route's `RequestModels` and `ModelSelectionExpression` (docs/aws-behaviour.md#apigw-request-validation): each
 * `RequestModels` value names an `AWS::ApiGatewayV2::Model` of the API (by `Name`), whose `Schema` is JSON Schema
 * draft 4, written as a mapping or as JSON text. Validation runs only with a model selection expression (API
 * Gateway's rule); models without one are reported in `warnings`. A `$ref` outside the schema itself is refused: the
 * local stack cannot fetch it, and a schema API Gateway could not resolve would not deploy.
 */
export function requestValidationOf(
  template: LocalTemplate,
  route: LocalResource,
  apiId: string,
  warnings: string[],
): LocalRequestValidation | undefined {
  const read = propertyReader(route);
  const where = `Resources.${route.logicalId}.Properties`;
  const models = read.stringMap('RequestModels');
  const selectionExpression = read.optionalString('ModelSelectionExpression');
  if (selectionExpression === undefined) {
    if (Object.keys(models).length > 0)
      warnings.push(
        `${where}.RequestModels (AWS::ApiGatewayV2::Route): not validated: API Gateway validates a body only when the route has a ModelSelectionExpression`,
      );
    return undefined;
  }
  if (Object.keys(models).length === 0) {
    throw new TemplateError(
      `${where}.ModelSelectionExpression: ${JSON.stringify(selectionExpression)} needs RequestModels (a selection key → a model name)`,
    );
  }
  const byName = modelsByName(template, apiId);
  const schemas: Record<string, LocalModelSchema> = {};
  for (const [key, name] of Object.entries(models)) {
    const model = byName.get(name);
    if (model === undefined) {
      throw new TemplateError(
        `${where}.RequestModels.${key}: ${JSON.stringify(name)} must be the Name of an AWS::ApiGatewayV2::Model of this API (known: ${[...byName.keys()].join(', ') || 'none'})`,
      );
    }
    schemas[key] = model;
  }
  return { selectionExpression, schemas };
}

function modelsByName(template: LocalTemplate, apiId: string): Map<string, LocalModelSchema> {
  const byName = new Map<string, LocalModelSchema>();
  for (const model of resourcesOfType(template, 'AWS::ApiGatewayV2::Model')) {
    const read = propertyReader(model);
    if (read.raw('ApiId') !== apiId) continue;
    const name = read.string('Name');
    const where = `Resources.${model.logicalId}.Properties`;
    const contentType = read.optionalString('ContentType');
    if (contentType !== undefined && contentType !== 'application/json')
      throw new TemplateError(
        `${where}.ContentType: ${JSON.stringify(contentType)} must be application/json (models are JSON Schema)`,
      );
    const schema = schemaOf(`${where}.Schema`, read.raw('Schema'));
    byName.set(name, { model: `${model.logicalId} (${name})`, schema, validate: compiled(`${where}.Schema`, schema) });
  }
  return byName;
}

function schemaOf(where: string, value: unknown): Record<string, unknown> {
  let schema = value;
  if (typeof value === 'string') {
    try {
      schema = JSON.parse(value);
    } catch (error) {
      throw new TemplateError(`${where}: not JSON: ${(error as Error).message}`);
    }
  }
  if (!isMapping(schema))
    throw new TemplateError(`${where}: must be a JSON Schema object, got ${JSON.stringify(schema)}`);
  const outside = outsideRefs(schema);
  if (outside.length > 0) {
    throw new TemplateError(
      `${where}: $ref ${outside.map((ref) => JSON.stringify(ref)).join(', ')} points outside the schema; the local stack resolves only "#/…" references`,
    );
  }
  return schema;
}

/** CreateModel refuses a schema that is not valid JSON Schema draft 4; so does the start. */
function compiled(where: string, schema: Record<string, unknown>): ModelValidator {
  try {
    return compileModel(schema);
  } catch (error) {
    throw new TemplateError(`${where}: not a valid JSON Schema draft 4: ${(error as Error).message}`);
  }
}

/** Every `$ref` that is not a pointer into the same schema (`#` or `#/…`). */
function outsideRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) outsideRefs(item, found);
  else if (isMapping(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && (typeof item !== 'string' || !(item === '#' || item.startsWith('#/'))))
        found.push(String(item));
      else outsideRefs(item, found);
    }
  }
  return found;
}
