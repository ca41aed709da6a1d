import { accessDeniedResponse, lambdaInvokeAuthorizations } from '../iam/index.ts';
import type { InvokeOutcome } from '../lambda/index.ts';
import type { LocalLog } from '../shared/log.ts';
import { restJsonError, type AwsAnswer } from './answer.ts';
import { invokeTarget } from './lambda-target.ts';
import type { AwsApiServiceOptions } from './types.ts';

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;
type InvocationType = (typeof INVOCATION_TYPES)[number];

/** Lambda's payload quotas: 6 MB for a synchronous invocation, 256 KB for an asynchronous one. */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
const MAX_EVENT_PAYLOAD_BYTES = 262_144;

const userError = (status: number, type: string, message: string) =>
  restJsonError(status, type, { Type: 'User', message });

export interface InvokeRequest {
  functionName: string;
  qualifier: string | null;
  invocationType: string | undefined;
  authorization: string | undefined;
  payload: Buffer;
}

/**
 * Lambda `Invoke`, answered as Lambda answers it: 200 with the result (RequestResponse), 202 at once (Event, run in
 * the background), 204 (DryRun: the function exists and may be called); a function error is 200 with
 * `X-Amz-Function-Error: Unhandled` and the error object; 404 ResourceNotFoundException, 429 throttled, 403
 * AccessDeniedException for a role without `lambda:InvokeFunction`.
 */
export async function answerInvoke(
  request: InvokeRequest,
  options: AwsApiServiceOptions,
  log: LocalLog,
): Promise<AwsAnswer> {
  const type = request.invocationType ?? 'RequestResponse';
  if (!(INVOCATION_TYPES as readonly string[]).includes(type)) {
    return restJsonError(400, 'ValidationException', {
      message: `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`,
    });
  }
  if (request.authorization === undefined)
    return restJsonError(403, 'MissingAuthenticationTokenException', { message: 'Missing Authentication Token' });
  const target = invokeTarget(
    request.functionName,
    request.qualifier,
    options.lambda.functions,
    options.region,
    options.accountId,
  );
  if (!target.found)
    return restJsonError(404, 'ResourceNotFoundException', {
      Type: 'User',
      Message: `Function not found: ${target.arn}`,
    });
  const denied = await options.authorize?.(request.authorization, lambdaInvokeAuthorizations(target.arn));
  if (denied !== undefined) return accessDeniedResponse('lambda', denied);
  const limit = type === 'Event' ? MAX_EVENT_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;
  if (request.payload.length > limit) {
    return userError(
      413,
      'RequestEntityTooLargeException',
      `Request must be smaller than ${limit} bytes for the ${type === 'Event' ? 'InvokeAsync' : 'InvokeFunction'} operation`,
    );
  }
  let event: unknown;
  try {
    // An empty payload reaches the handler as {} (UNCONFIRMED; the SDK sends none when Payload is unset).
    event = request.payload.length === 0 ? {} : JSON.parse(request.payload.toString('utf8'));
  } catch {
    return userError(
      400,
      'InvalidRequestContentException',
      'Could not parse request body into json: Could not parse payload into json',
    );
  }
  const executed = { 'X-Amz-Executed-Version': '$LATEST' };
  switch (type as InvocationType) {
    case 'DryRun':
      return { statusCode: 204, headers: executed, body: '' };
    case 'Event':
      void options.lambda.invoke(target.fn.name, event).then(
        (outcome) => {
          if (outcome.kind !== 'result')
            log(
              `Event invocation of ${target.fn.name} ended ${describe(outcome)} (Lambda would retry it twice; not emulated)`,
              'warn',
            );
        },
        (error: unknown) => log(`Event invocation of ${target.fn.name} failed: ${String(error)}`, 'error'),
      );
      return { statusCode: 202, headers: {}, body: '' };
    case 'RequestResponse':
      return outcomeAnswer(await options.lambda.invoke(target.fn.name, event), executed);
  }
}

/** The invocation's outcome on the wire (Node.js runtimes report every error as Unhandled). */
function outcomeAnswer(outcome: InvokeOutcome, executed: Record<string, string>): AwsAnswer {
  const json = { 'Content-Type': 'application/json', ...executed };
  const functionError = (body: Record<string, unknown>): AwsAnswer => ({
    statusCode: 200,
    headers: { ...json, 'X-Amz-Function-Error': 'Unhandled' },
    body: JSON.stringify(body),
  });
  switch (outcome.kind) {
    case 'result':
      return { statusCode: 200, headers: json, body: JSON.stringify(outcome.result) ?? 'null' };
    case 'error':
      return functionError({
        errorType: outcome.errorType,
        errorMessage: outcome.errorMessage,
        trace: outcome.stack ?? [],
      });
    case 'timeout':
      return functionError({
        errorType: 'Sandbox.Timedout',
        errorMessage: `Task timed out after ${outcome.timeoutSeconds.toFixed(2)} seconds`,
      });
    case 'throttled':
      return restJsonError(429, 'TooManyRequestsException', {
        Reason: 'ConcurrentInvocationLimitExceeded',
        Type: 'User',
        message: 'Rate Exceeded.',
      });
    case 'dropped':
      return restJsonError(503, 'ServiceException', {
        Type: 'Service',
        message: 'The local Lambda service is stopping',
      });
  }
}

function describe(outcome: InvokeOutcome): string {
  switch (outcome.kind) {
    case 'error':
      return `with ${outcome.errorType}: ${outcome.errorMessage}`;
    case 'timeout':
      return `timed out after ${outcome.timeoutSeconds} s`;
    case 'throttled':
      return 'throttled';
    case 'dropped':
      return `not run (${outcome.reason})`;
    case 'result':
      return 'with a result';
  }
}
