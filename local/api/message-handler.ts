import type { LiveConnection } from './connection.ts';
import type { GatewayContext } from './context.ts';
import { badRequestBodyFrame, forbiddenFrame, internalServerErrorFrame, tooManyRequestsFrame } from './error-frames.ts';
import { accessValues, type RequestEnd } from './access-values.ts';
import { eventInputFor } from './event-input.ts';
import { type IntegrationOutcome, runIntegration } from './integration.ts';
import { validationError } from './request-validation.ts';
import { selectRoute } from './route-selection.ts';

/**
 * One client text message: route selection, integration, reply (docs/aws-behaviour.md#apigw-route-selection, docs/aws-behaviour.md#apigw-responses).
 * Never throws: every failure becomes an error frame or a log line, and the
 * connection stays open.
 */
export async function handleMessage(
  gateway: GatewayContext,
  connection: LiveConnection,
  message: string,
): Promise<void> {
  const { options } = gateway;
  const route = selectRoute(options.routes, options.routeSelectionExpression, message, gateway.selectionExpression);
  const input = eventInputFor(gateway, connection, route?.routeKey ?? '$default', {
    messageId: gateway.newId(),
    body: message,
  });
  const logRequest = gateway.observer?.request;
  if (route === undefined) {
    options.log(`connection ${connection.id}: no route for message and no $default route`);
    connection.send(forbiddenFrame(connection.id, input.requestId));
    logRequest?.(accessValues('message', input, { status: 403, errorMessage: 'Forbidden' }));
    return;
  }
  if (gateway.routeThrottles.get(route.routeKey)?.take() === false) {
    gateway.logFailure(
      `route ${route.routeKey}: Too Many Requests`,
      `connection ${connection.id} route ${route.routeKey}: the stage's route throttle (${route.throttle?.rateLimit}/s, burst ${route.throttle?.burstLimit}) exceeded`,
    );
    connection.send(tooManyRequestsFrame(connection.id, input.requestId));
    logRequest?.(
      accessValues('message', input, { status: 429, errorMessage: 'Too Many Requests', responseType: 'THROTTLED' }),
    );
    return;
  }
  if (route.requestValidation !== undefined) {
    const validationErrorString = validationError(route.requestValidation, message);
    if (validationErrorString !== undefined) {
      gateway.logFailure(
        `route ${route.routeKey}: Bad request body`,
        `connection ${connection.id} route ${route.routeKey}: Bad request body ${validationErrorString}`,
      );
      connection.send(badRequestBodyFrame(connection.id, input.requestId));
      logRequest?.(
        accessValues('message', input, {
          status: 400,
          errorMessage: 'Bad request body',
          responseType: 'BAD_REQUEST_BODY',
          validationErrorString,
        }),
      );
      return;
    }
  }
  const started = logRequest === undefined ? 0 : Date.now();
  const outcome = await runIntegration(gateway, route, 'message', input, connection.gone);
  const reply = replyFor(outcome);
  if (reply.kind === 'error') {
    gateway.logFailure(
      `route ${route.routeKey}: ${reply.reason}`,
      `connection ${connection.id} route ${route.routeKey}: ${reply.reason}`,
    );
    connection.send(internalServerErrorFrame(connection.id, input.requestId));
  } else if (reply.kind === 'body' && reply.body !== undefined && route.hasRouteResponse) {
    connection.send(reply.body);
  }
  if (logRequest !== undefined && reply.kind !== 'none') {
    const end: RequestEnd = {
      status: reply.kind === 'error' ? 500 : 200,
      outcome,
      integrationLatency: Date.now() - started,
    };
    if (reply.kind === 'error') {
      end.errorMessage = 'Internal server error';
      // REST's gateway response types (UNCONFIRMED for WebSocket APIs, docs/aws-behaviour.md#apigw-authorizers).
      end.responseType = outcome.kind === 'timeout' ? 'INTEGRATION_TIMEOUT' : 'INTEGRATION_FAILURE';
    }
    logRequest(accessValues('message', input, end));
  }
}

/** `none`: the connection closed (or the gateway is stopping) before the Lambda ran; there is nobody to answer. */
type Reply = { kind: 'body'; body: string | undefined } | { kind: 'error'; reason: string } | { kind: 'none' };

function replyFor(outcome: IntegrationOutcome): Reply {
  switch (outcome.kind) {
    case 'dropped':
      return { kind: 'none' };
    case 'timeout':
      return { kind: 'error', reason: 'integration timed out' };
    case 'failed':
      return { kind: 'error', reason: outcome.reason };
    case 'service-response':
      // Any status that matches an integration response is delivered, 4xx/5xx included (docs/aws-behaviour.md#apigw-responses).
      if (outcome.matchedResponseKey === undefined) {
        return { kind: 'error', reason: `no integration response matched status ${outcome.statusCode}` };
      }
      return { kind: 'body', body: outcome.body };
    case 'proxy-result':
      return { kind: 'body', body: proxyBody(outcome.result) };
  }
}

/** The Lambda result's `body`; statusCode is ignored on message routes (docs/aws-behaviour.md#apigw-responses). Non-string bodies are sent as JSON (UNCONFIRMED). */
function proxyBody(result: unknown): string | undefined {
  if (result === null || typeof result !== 'object') return undefined;
  const body = (result as Record<string, unknown>)['body'];
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}
