/** Turns what a viewer-request function returned (already JSON round-tripped) into an outcome, as CloudFront judges it. */
import { VIEWER_REQUEST_READ_ONLY_HEADERS, isDisallowedHeader } from './header-rules.ts';
import type { FunctionResponse, ValueMap, ViewerRequest, ViewerRequestOutcome } from './types.ts';

class InvalidResult extends Error {}

export function judgeFunctionResult(original: ViewerRequest, result: unknown): ViewerRequestOutcome {
  try {
    if (!isObject(result))
      throw new InvalidResult(`handler returned ${describe(result)}; expected the request or a response object`);
    if ('statusCode' in result) return { kind: 'response', response: checkResponse(result) };
    return { kind: 'request', request: checkRequest(original, result) };
  } catch (error) {
    if (error instanceof InvalidResult) return { kind: 'error', cause: 'validation', reason: error.message };
    throw error;
  }
}

function checkRequest(original: ViewerRequest, result: Record<string, unknown>): ViewerRequest {
  if (result['method'] !== original.method) {
    throw new InvalidResult(
      `request.method is read-only (was ${JSON.stringify(original.method)}, returned ${describe(result['method'])})`,
    );
  }
  const uri = result['uri'];
  if (typeof uri !== 'string' || !uri.startsWith('/')) {
    throw new InvalidResult(`request.uri is ${describe(uri)}; it must be a string starting with '/'`);
  }
  const headers = checkValueMap(result['headers'], 'request.headers');
  for (const name of Object.keys(headers)) {
    if (isDisallowedHeader(name)) throw new InvalidResult(`request.headers['${name}'] is a disallowed header`);
  }
  for (const name of VIEWER_REQUEST_READ_ONLY_HEADERS) {
    if (JSON.stringify(headers[name]) !== JSON.stringify(original.headers[name])) {
      throw new InvalidResult(`request.headers['${name}'] is read-only in a viewer-request function`);
    }
  }
  const querystring =
    typeof result['querystring'] === 'string'
      ? result['querystring']
      : checkValueMap(result['querystring'] ?? {}, 'request.querystring');
  const cookies = checkValueMap(result['cookies'] ?? {}, 'request.cookies');
  return { method: original.method, uri, querystring, headers, cookies };
}

function checkResponse(result: Record<string, unknown>): FunctionResponse {
  const statusCode = result['statusCode'];
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new InvalidResult(`response.statusCode is ${describe(statusCode)}; it must be an integer from 100 to 599`);
  }
  const response: FunctionResponse = { statusCode };
  if (result['statusDescription'] !== undefined) {
    if (typeof result['statusDescription'] !== 'string')
      throw new InvalidResult('response.statusDescription must be a string');
    response.statusDescription = result['statusDescription'];
  }
  if (result['headers'] !== undefined) {
    response.headers = checkValueMap(result['headers'], 'response.headers');
    for (const name of Object.keys(response.headers)) {
      if (isDisallowedHeader(name)) throw new InvalidResult(`response.headers['${name}'] is a disallowed header`);
    }
  }
  if (result['cookies'] !== undefined) response.cookies = checkValueMap(result['cookies'], 'response.cookies');
  const body = result['body'];
  if (body !== undefined) {
    if (typeof body === 'string') response.body = body;
    else if (
      isObject(body) &&
      (body['encoding'] === 'text' || body['encoding'] === 'base64') &&
      typeof body['data'] === 'string'
    ) {
      response.body = { encoding: body['encoding'], data: body['data'] };
    } else {
      throw new InvalidResult("response.body must be a string or { encoding: 'text' | 'base64', data: string }");
    }
  }
  return response;
}

function checkValueMap(value: unknown, field: string): ValueMap {
  if (!isObject(value)) throw new InvalidResult(`${field} is ${describe(value)}; it must be an object`);
  const map: ValueMap = {};
  for (const [name, entry] of Object.entries(value)) {
    if (field.endsWith('headers') && name !== name.toLowerCase()) {
      throw new InvalidResult(`${field}['${name}']: header names must be lower-case`);
    }
    if (!isObject(entry) || typeof entry['value'] !== 'string') {
      throw new InvalidResult(`${field}['${name}'] is ${describe(entry)}; it must be { value: string }`);
    }
    const multiValue = entry['multiValue'];
    if (multiValue === undefined) {
      map[name] = { value: entry['value'] };
      continue;
    }
    if (
      !Array.isArray(multiValue) ||
      !multiValue.every((item) => isObject(item) && typeof item['value'] === 'string')
    ) {
      throw new InvalidResult(`${field}['${name}'].multiValue must be an array of { value: string }`);
    }
    map[name] = {
      value: entry['value'],
      multiValue: multiValue.map((item: { value: string }) => ({ value: item.value })),
    };
  }
  return map;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
