import { errorResponse } from './error-responses.ts';
import type { ServiceResponse } from './types.ts';

/** A StartExecution/StartSyncExecution request body that passed the API's own checks. */
export interface StartRequest {
  stateMachineArn: string;
  /** JSON text (`"{}"` when the request had none). */
  input: string;
  /** Parsed `input`. */
  inputValue: unknown;
  name?: string;
  traceHeader?: string;
}

export type ParsedStartRequest = { ok: true; request: StartRequest } | { ok: false; response: ServiceResponse };

const STATE_MACHINE_ARN =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}(:[A-Za-z0-9_$.-]+)?$/;
/** Execution names: 1–80 characters, none of whitespace, brackets, wildcards, punctuation or control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: Step Functions refuses control characters in execution names.
const INVALID_NAME_CHARACTER = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;
const MAX_INPUT_BYTES = 262_144;

const fail = (response: ServiceResponse): ParsedStartRequest => ({ ok: false, response });
const notNull = (field: string) =>
  fail(
    errorResponse(
      'ValidationException',
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    ),
  );

/** Parses the body API Gateway sends, answering bad requests with the errors Step Functions gives. */
export function parseStartRequest(body: string): ParsedStartRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return fail(errorResponse('SerializationException', `Request body is not valid JSON: ${(error as Error).message}`));
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail(errorResponse('SerializationException', 'Request body must be a JSON object'));
  }
  const fields = parsed as Record<string, unknown>;
  for (const field of ['stateMachineArn', 'input', 'name', 'traceHeader']) {
    const value = fields[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return fail(errorResponse('SerializationException', `Field '${field}' must be a string, got ${typeof value}`));
    }
  }
  const { stateMachineArn, name, traceHeader } = fields as Record<string, string | undefined | null>;
  if (stateMachineArn === undefined || stateMachineArn === null) return notNull('stateMachineArn');
  if (!STATE_MACHINE_ARN.test(stateMachineArn)) {
    return fail(
      errorResponse('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${stateMachineArn}'`),
    );
  }
  const input = (fields['input'] as string | undefined | null) ?? '{}';
  if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
    return fail(
      errorResponse(
        'ValidationException',
        `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INPUT_BYTES}`,
      ),
    );
  }
  let inputValue: unknown;
  try {
    inputValue = JSON.parse(input);
  } catch (error) {
    return fail(
      errorResponse('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(error as Error).message}'`),
    );
  }
  if (
    name !== undefined &&
    name !== null &&
    (name.length < 1 || name.length > 80 || INVALID_NAME_CHARACTER.test(name))
  ) {
    return fail(errorResponse('InvalidName', `Invalid Name: '${name}'`));
  }
  const request: StartRequest = { stateMachineArn, input, inputValue };
  if (name !== undefined && name !== null) request.name = name;
  if (traceHeader !== undefined && traceHeader !== null) request.traceHeader = traceHeader;
  return { ok: true, request };
}
