import { request, type Agent } from 'node:http';
import type { RawResponse } from './types.ts';

/** The JSON 1.0 API version every DynamoDB target starts with. */
export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810.';

const OPERATION_PATTERN = /^[A-Za-z]+$/;

/** `20250101T000000Z`: the ISO-8601 basic format SigV4 expects in X-Amz-Date (wall clock: the header is cosmetic here). */
function amzDate(epochMs: number): string {
  const iso = new Date(epochMs).toISOString(); // 2025-01-01T00:00:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/**
 * Headers of a SigV4-signed DynamoDB request. dynalite (like our front) only checks that
 * the signature parts are present, never their value, so a fixed dummy signature will do.
 */
export function signedHeaders(operation: string, epochMs: number): Record<string, string> {
  const date = amzDate(epochMs);
  return {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `${DYNAMODB_TARGET_PREFIX}${operation}`,
    'x-amz-date': date,
    authorization:
      `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/us-east-1/dynamodb/aws4_request, ` +
      `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
  };
}

function flattenHeaders(headers: NodeJS.Dict<string | string[]>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The problem with a raw request's operation or body, or undefined when it can be sent. */
export function rawRequestProblem(operation: string, body: unknown): TypeError | undefined {
  if (!OPERATION_PATTERN.test(operation)) {
    return new TypeError(
      `DynamoDB send: operation must be letters only (e.g. "PutItem"), got ${JSON.stringify(operation)}`,
    );
  }
  if (typeof body !== 'string') return new TypeError(`DynamoDB send: body must be a string, got ${typeof body}`);
  return undefined;
}

/** POSTs one DynamoDB request to `endpoint`; the body goes out byte for byte. */
export function sendRawRequest(endpoint: string, agent: Agent, operation: string, body: string): Promise<RawResponse> {
  const problem = rawRequestProblem(operation, body);
  if (problem) return Promise.reject(problem);
  const payload = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    const outgoing = request(
      endpoint,
      {
        method: 'POST',
        agent,
        headers: { ...signedHeaders(operation, Date.now()), 'content-length': String(payload.length) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            statusCode: response.statusCode ?? 0,
            headers: flattenHeaders(response.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** A DynamoDB error answer to one of the service's own (internal) calls. */
export class DynamoDbCallError extends Error {
  constructor(
    readonly operation: string,
    readonly statusCode: number,
    readonly errorType: string,
    responseBody: string,
  ) {
    super(`DynamoDB ${operation} failed with HTTP ${statusCode}: ${responseBody}`);
    this.name = 'DynamoDbCallError';
  }
}

/** The short error name of a DynamoDB error body (`...#ResourceNotFoundException` → `ResourceNotFoundException`). */
function errorTypeOf(body: string): string {
  try {
    const type = (JSON.parse(body) as { __type?: unknown }).__type;
    return typeof type === 'string' ? type.slice(type.lastIndexOf('#') + 1) : '';
  } catch {
    return '';
  }
}

/** A JSON-in, JSON-out client for the service's own calls (table setup, TTL sweeps). */
export interface JsonCaller {
  call<T>(operation: string, payload: unknown): Promise<T>;
}

export function createJsonCaller(endpoint: string, agent: Agent): JsonCaller {
  return {
    async call<T>(operation: string, payload: unknown): Promise<T> {
      const response = await sendRawRequest(endpoint, agent, operation, JSON.stringify(payload));
      if (response.statusCode !== 200) {
        throw new DynamoDbCallError(operation, response.statusCode, errorTypeOf(response.body), response.body);
      }
      return JSON.parse(response.body) as T;
    },
  };
}
