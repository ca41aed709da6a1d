import type { IntegrationOutcome } from './integration.ts';

/** Whether the `$connect` integration lets the upgrade complete (docs/aws-behaviour.md#apigw-connect). */
export type ConnectDecision =
  | { accept: true; subprotocol: string | undefined }
  | { accept: false; status: number; body: string; reason: string };

const INTERNAL_ERROR = '{"message": "Internal server error"}';
const TIMED_OUT = '{"message": "Endpoint request timed out"}';

export function decideConnect(outcome: IntegrationOutcome): ConnectDecision {
  switch (outcome.kind) {
    case 'timeout':
      return { accept: false, status: 504, body: TIMED_OUT, reason: '$connect integration timed out' };
    case 'failed':
      // Lambda function errors map to 502 (docs/aws-behaviour.md#apigw-connect); other failures (VTL, backend throw) to 500 (UNCONFIRMED).
      return { accept: false, status: outcome.functionError ? 502 : 500, body: INTERNAL_ERROR, reason: outcome.reason };
    case 'service-response': {
      if (isSuccess(outcome.statusCode) && outcome.matchedResponseKey !== undefined)
        return { accept: true, subprotocol: undefined };
      const why = isSuccess(outcome.statusCode)
        ? 'no integration response matched'
        : 'backend returned a non-2xx status';
      return {
        accept: false,
        status: 500,
        body: INTERNAL_ERROR,
        reason: `$connect: ${why} (${outcome.statusCode}): ${outcome.body}`,
      };
    }
    case 'proxy-result':
      return decideProxyResult(outcome.result);
    case 'dropped':
      return { accept: false, status: 500, body: INTERNAL_ERROR, reason: outcome.reason };
  }
}

/** Lambda proxy: 2xx accepts; other statuses are returned as-is; only Sec-WebSocket-Protocol flows back. */
function decideProxyResult(result: unknown): ConnectDecision {
  const record = result !== null && typeof result === 'object' ? (result as Record<string, unknown>) : {};
  // Lenient like AWS: the original sample returns statusCode as the string '200'.
  const status = Number(record['statusCode']);
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    return {
      accept: false,
      status: 502,
      body: INTERNAL_ERROR,
      reason: `$connect: malformed Lambda proxy result (statusCode ${JSON.stringify(record['statusCode'])})`,
    };
  }
  if (!isSuccess(status))
    return { accept: false, status, body: '', reason: `$connect: Lambda returned statusCode ${status}` };
  return { accept: true, subprotocol: subprotocolHeader(record['headers']) };
}

/**
 * `$context.error.responseType` of a `$connect` the integration refused, by REST's gateway response types
 * (docs/aws-behaviour.md#apigw-authorizers; UNCONFIRMED for WebSocket APIs): a timeout is `INTEGRATION_TIMEOUT`, a
 * failure API Gateway answers for (500/502) `INTEGRATION_FAILURE`; a status a Lambda proxy returned is the backend's
 * own answer, not a gateway response.
 */
export function connectResponseType(outcome: IntegrationOutcome, decision: ConnectDecision): string | undefined {
  if (decision.accept) return undefined;
  if (outcome.kind === 'timeout') return 'INTEGRATION_TIMEOUT';
  if (outcome.kind === 'proxy-result' && decision.body === '') return undefined;
  return 'INTEGRATION_FAILURE';
}

function subprotocolHeader(headers: unknown): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (
      name.toLowerCase() === 'sec-websocket-protocol' &&
      value !== undefined &&
      value !== null &&
      String(value) !== ''
    )
      return String(value);
  }
  return undefined;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}
