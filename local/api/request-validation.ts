import { compileSelectionExpression } from '../../lang/selection/index.ts';
import type { RequestValidation } from './types.ts';

/**
 * Validates a message against the route's model (docs/aws-behaviour.md#apigw-request-validation): the model
 * selection expression picks a `RequestModels` key, falling back to `$default`; no model, a body that is not JSON or
 * one the schema refuses fails. Returns `$context.error.validationErrorString`, or undefined when the body passes.
 */
export function validationError(validation: RequestValidation, body: string): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return '[Invalid request body: not JSON]';
  }
  const key = compileSelectionExpression(validation.selectionExpression).keyFor(document);
  const validate = Object.hasOwn(validation.models, key)
    ? validation.models[key]
    : Object.hasOwn(validation.models, '$default')
      ? validation.models['$default']
      : undefined;
  if (validate === undefined) return `[No model for the selection key ${JSON.stringify(key)} and no $default model]`;
  return validate(document);
}
