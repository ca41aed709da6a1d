import type { IntegrationOutcome } from './integration.ts';
import type { AccessLogValues, EventInput, EventType } from './types.ts';
import { contextFields } from './vtl-request.ts';

/** How a request ended, in the access log's terms. */
export interface RequestEnd {
  /** `$context.status`: what API Gateway answered (the handshake's status; 200 for a routed message or a disconnect). */
  status: number;
  outcome?: IntegrationOutcome;
  /** Milliseconds the integration took. */
  integrationLatency?: number;
  /** `$context.error.message`: the error API Gateway answered with, if any. */
  errorMessage?: string;
  /** `$context.error.responseType`: the gateway response type of a refusal API Gateway decided (e.g. INVALID_API_KEY). */
  responseType?: string;
  /** `$context.error.validationErrorString`: why the route's model refused the body. */
  validationErrorString?: string;
}

/** `$context.integrationStatus`: the backend's status (Lambda's Invoke status for a proxy integration). */
function integrationStatus(outcome: IntegrationOutcome | undefined): number | undefined {
  switch (outcome?.kind) {
    case 'service-response':
      return outcome.statusCode;
    case 'proxy-result':
      return 200;
    case 'failed':
      return outcome.functionError ? 200 : undefined;
    default:
      return undefined;
  }
}

/**
 * The `$context` values of one request by their access log names: the mapping-template `$context` (the same
 * values VTL sees, vtl-request.ts's buildVtlContext) flattened to `identity.sourceIp`, `authorizer.principalId`, ..., plus the
 * access-log-only `status`, `integrationStatus`, `integrationLatency`, `integration.*` and `error.message`.
 */
export function accessValues(eventType: EventType, input: EventInput, end: RequestEnd): AccessLogValues {
  const values = flatContext(eventType, input);
  values['status'] = end.status;
  const backendStatus = integrationStatus(end.outcome);
  if (backendStatus !== undefined)
    values['integrationStatus'] =
      values['integration.status'] =
      values['integration.integrationStatus'] =
        backendStatus;
  if (end.integrationLatency !== undefined)
    values['integrationLatency'] = values['integration.latency'] = end.integrationLatency;
  if (end.outcome?.kind === 'failed') values['integration.error'] = end.outcome.reason;
  if (end.errorMessage !== undefined) values['error.message'] = values['error.messageString'] = end.errorMessage;
  if (end.responseType !== undefined) values['error.responseType'] = end.responseType;
  if (end.validationErrorString !== undefined) values['error.validationErrorString'] = end.validationErrorString;
  return values;
}

/**
 * `flatten(buildVtlContext(eventType, input))` (the reference, kept equal by a differential test) built directly: one
 * flat object from the same fields, instead of the nested context, the flattened names' strings and a dictionary's
 * worth of keyed stores, for every message.
 */
function flatContext(eventType: EventType, input: EventInput): Record<string, string | number> {
  const values = contextFields(eventType, input);
  values['identity.sourceIp'] = input.sourceIp;
  if (input.userAgent !== undefined) values['identity.userAgent'] = input.userAgent;
  if (input.apiKey !== undefined) {
    values['identity.apiKey'] = input.apiKey.value;
    values['identity.apiKeyId'] = input.apiKey.id;
  }
  if (input.messageId !== undefined) values['messageId'] = input.messageId;
  // The rare path (a connection a Lambda authorizer accepted) keeps the reference's copy and walk as they are.
  if (input.authorizer !== undefined) flatten({ ...input.authorizer.values }, 'authorizer.', values);
  return values;
}

/** The access log's names of a nested `$context`: `identity.sourceIp`, `authorizer.principalId`, ... */
export function flatten(value: Record<string, unknown>, prefix: string, into: Record<string, string | number>): void {
  // for-in over these plain objects: Object.entries built an array of pairs per object, per request.
  for (const key in value) {
    const item = value[key];
    if (item === undefined || item === null) continue;
    if (typeof item === 'object') flatten(item as Record<string, unknown>, `${prefix}${key}.`, into);
    else into[`${prefix}${key}`] = typeof item === 'number' ? item : String(item);
  }
}
