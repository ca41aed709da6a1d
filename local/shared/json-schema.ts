import ajvDraft04 from 'ajv-draft-04';

/** The package is CommonJS with `exports.default = Ajv` (and `module.exports = Ajv`): the class, however Node hands it over. */
const Ajv04 = ajvDraft04.default;

/** A compiled model: `undefined` when the value fits, else API Gateway-style `[…]` error text. */
export type ModelValidator = (value: unknown) => string | undefined;

/**
 * Compiles a JSON Schema draft 4 model, the dialect API Gateway models are written in
 * (docs/aws-behaviour.md#apigw-request-validation). Throws with ajv's reason on a schema draft 4 does not accept
 * (an unknown type, a malformed keyword), as CreateModel refuses an invalid schema. One Ajv per model: no state is
 * shared between models or stacks. `format` is not checked (API Gateway's validator ignores unknown formats too:
 * UNCONFIRMED), nor are remote `$ref`s (the template reader refuses them before this).
 */
export function compileModel(schema: Record<string, unknown>): ModelValidator {
  const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  return (value) => {
    if (validate(value)) return undefined;
    const errors = (validate.errors ?? []).map(
      (error: { instancePath: string; message?: string }) =>
        `${error.instancePath || 'instance'} ${error.message ?? 'is invalid'}`,
    );
    return `[${errors.join(', ')}]`;
  };
}
