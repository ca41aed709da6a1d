import { errorResponse } from '../error-responses.ts';
import type { ServiceResponse } from '../types.ts';

/** A request body's members, or the answer Step Functions gives a body it cannot read. */
export type RequestFields = { ok: true; fields: Record<string, unknown> } | { ok: false; response: ServiceResponse };

export function readRequest(body: string): RequestFields {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch (error) {
    return {
      ok: false,
      response: errorResponse('SerializationException', `Request body is not valid JSON: ${(error as Error).message}`),
    };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, response: errorResponse('SerializationException', 'Request body must be a JSON object') };
  }
  return { ok: true, fields: parsed as Record<string, unknown> };
}

/** Thrown by the field readers below; the operation answers with its response. */
export class RequestRefused extends Error {
  constructor(readonly response: ServiceResponse) {
    super(response.body);
  }
}

const validation = (detail: string) =>
  new RequestRefused(errorResponse('ValidationException', `1 validation error detected: ${detail}`));

/** A field of one JSON type, absent when undefined or null; any other type is refused as AWS's JSON protocol does. */
function optionalOfType(fields: Record<string, unknown>, name: string, type: 'string' | 'boolean'): unknown {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type)
    throw new RequestRefused(
      errorResponse('SerializationException', `Field '${name}' must be a ${type}, got ${typeof value}`),
    );
  return value;
}

export function optionalString(fields: Record<string, unknown>, name: string): string | undefined {
  return optionalOfType(fields, name, 'string') as string | undefined;
}

export function requiredString(fields: Record<string, unknown>, name: string): string {
  const value = optionalString(fields, name);
  if (value === undefined)
    throw validation(`Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  return value;
}

export function optionalBoolean(fields: Record<string, unknown>, name: string): boolean | undefined {
  return optionalOfType(fields, name, 'boolean') as boolean | undefined;
}

/** `maxResults`: 0–1000, where 0 (or none) means the default page size of 100. */
export function pageSize(fields: Record<string, unknown>): number {
  const value = fields['maxResults'];
  if (value === undefined || value === null) return 100;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new RequestRefused(errorResponse('SerializationException', `Field 'maxResults' must be an integer`));
  if (value < 0)
    throw validation(
      `Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    );
  if (value > 1000)
    throw validation(
      `Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  return value === 0 ? 100 : value;
}

/** One value of a closed set, or the enum ValidationException. */
export function oneOf<T extends string>(
  fields: Record<string, unknown>,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = optionalString(fields, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw validation(
      `Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
    );
  }
  return value as T;
}
