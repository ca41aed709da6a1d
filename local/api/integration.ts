import { selectRequestTemplate } from '../../lang/vtl/index.ts';
import type { GatewayContext } from './context.ts';
import { selectIntegrationResponse } from './integration-response.ts';
import { selectResponseTemplate } from './response-template.ts';
import { httpCall, sendHttpCall } from './http-call.ts';
import { mapRequestParameters } from './request-parameters.ts';
import type {
  AwsServiceResponse,
  EventInput,
  EventType,
  HttpIntegration,
  MockIntegration,
  ProxyIntegration,
  RouteBinding,
  ServiceIntegration,
} from './types.ts';
import { buildVtlRequest } from './vtl-request.ts';
import { withTimeout } from './with-timeout.ts';

/** What a route's integration produced; callers map it to a handshake status or frames. */
export type IntegrationOutcome =
  | { kind: 'proxy-result'; result: unknown }
  | { kind: 'service-response'; statusCode: number; body: string; matchedResponseKey: string | undefined }
  /** functionError: the Lambda itself failed (502 on $connect), otherwise the gateway or service call did */
  | { kind: 'failed'; reason: string; functionError: boolean }
  | { kind: 'timeout' }
  /** the Lambda never ran because the connection closed, or the gateway is stopping: there is nobody to answer */
  | { kind: 'dropped'; reason: string };

/**
 * Runs the integration of `route`; never throws (every failure becomes an outcome). `connectionGone` (message routes)
 * lets a Lambda invocation that has not started yet be dropped once its connection closes.
 */
export async function runIntegration(
  gateway: GatewayContext,
  route: RouteBinding,
  eventType: EventType,
  input: EventInput,
  connectionGone?: AbortSignal,
): Promise<IntegrationOutcome> {
  try {
    const integration = route.integration;
    switch (integration.type) {
      case 'AWS_PROXY':
        return await runProxy(gateway, integration, eventType, input, connectionGone);
      case 'AWS':
        return await runService(gateway, integration, eventType, input);
      case 'MOCK':
        return runMock(gateway, integration, eventType, input);
      case 'HTTP':
      case 'HTTP_PROXY':
        return await runHttp(gateway, integration, eventType, input);
    }
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error), functionError: false };
  }
}

async function runProxy(
  gateway: GatewayContext,
  integration: ProxyIntegration,
  eventType: EventType,
  input: EventInput,
  connectionGone: AbortSignal | undefined,
): Promise<IntegrationOutcome> {
  const event = gateway.backends.buildEvent[eventType](input);
  const { functionArn, credentialsArn } = integration.target;
  const timeoutMs = integrationTimeoutMs(gateway, integration);
  const deadline = Date.now() + timeoutMs;
  const call = gateway.backends.invokeLambda(
    functionArn,
    event,
    connectionGone === undefined ? { deadline } : { deadline, signal: connectionGone },
    credentialsArn,
  );
  const timed = await withTimeout(call, gateway.integrationTimeouts.forDuration(timeoutMs));
  if (timed.timedOut) return { kind: 'timeout' };
  const invoked = timed.value;
  switch (invoked.kind) {
    case 'result':
      return { kind: 'proxy-result', result: invoked.result };
    case 'error':
      return {
        kind: 'failed',
        reason: `Lambda ${functionArn} failed: ${invoked.errorType}: ${invoked.errorMessage}`,
        functionError: true,
      };
    case 'timeout':
      return { kind: 'timeout' };
    case 'throttled':
      // API Gateway answers a throttled Lambda like any integration failure (AWS knowledge center, "API Gateway 500").
      return {
        kind: 'failed',
        reason: `Lambda ${functionArn} throttled: TooManyRequestsException: Rate Exceeded.`,
        functionError: false,
      };
    case 'dropped':
      return invoked.reason === 'deadline'
        ? { kind: 'timeout' }
        : { kind: 'dropped', reason: `Lambda ${functionArn} not run: ${DROP_REASONS[invoked.reason]}` };
  }
}

/** The integration's own `TimeoutInMillis`, else the gateway's limit (29 s, API Gateway's default). */
function integrationTimeoutMs(gateway: GatewayContext, integration: RouteBinding['integration']): number {
  return integration.timeoutMs ?? gateway.options.limits.integrationTimeoutMs;
}

const DROP_REASONS = { 'caller-gone': 'the connection closed', interrupted: 'the gateway is stopping' } as const;

async function runService(
  gateway: GatewayContext,
  integration: ServiceIntegration,
  eventType: EventType,
  input: EventInput,
): Promise<IntegrationOutcome> {
  const body = requestBody(gateway, integration, eventType, input);
  if (body === undefined) {
    return noTemplateSelected(integration);
  }
  const { service, action, credentialsArn } = integration.target;
  const timed = await withTimeout(
    gateway.backends.callAwsService(service, action, body, credentialsArn),
    gateway.integrationTimeouts.forDuration(integrationTimeoutMs(gateway, integration)),
  );
  if (timed.timedOut) return { kind: 'timeout' };
  return respond(gateway, integration, eventType, input, timed.value);
}

/**
 * HTTP_PROXY sends the message as it is and answers like a Lambda proxy (the backend's status decides `$connect`,
 * its body is the reply); HTTP sends the selected request template and answers through the integration responses.
 * A backend that cannot be reached, or answers late, fails the integration like any other.
 */
async function runHttp(
  gateway: GatewayContext,
  integration: HttpIntegration,
  eventType: EventType,
  input: EventInput,
): Promise<IntegrationOutcome> {
  const proxy = integration.type === 'HTTP_PROXY';
  const body = proxy ? (input.body ?? '') : requestBody(gateway, integration, eventType, input);
  if (body === undefined) {
    return noTemplateSelected(integration);
  }
  const mapped =
    integration.requestParameters === undefined
      ? undefined
      : mapRequestParameters(integration.requestParameters, eventType, input, gateway.options.stageVariables);
  const abort = new AbortController();
  const call = sendHttpCall(
    httpCall(integration.url, integration.method, eventType, input, body, proxy, mapped),
    abort.signal,
  );
  const timed = await withTimeout(
    call,
    gateway.integrationTimeouts.forDuration(integrationTimeoutMs(gateway, integration)),
  );
  if (timed.timedOut) {
    abort.abort();
    return { kind: 'timeout' };
  }
  const response = timed.value;
  if (proxy) return { kind: 'proxy-result', result: { statusCode: response.statusCode, body: response.body } };
  return respond(gateway, integration, eventType, input, response);
}

/**
 * MOCK: the request template's `statusCode` (REST's documented contract, "Mock integrations"; the same for WebSocket
 * is UNCONFIRMED) is the status the integration responses are matched on; without a template, or without a
 * usable `statusCode`, 200. The "backend" body is empty, so only a response template gives the client anything.
 */
function runMock(
  gateway: GatewayContext,
  integration: MockIntegration,
  eventType: EventType,
  input: EventInput,
): IntegrationOutcome {
  const rendered = requestBody(gateway, integration, eventType, input);
  if (rendered === undefined) {
    return noTemplateSelected(integration);
  }
  return respond(gateway, integration, eventType, input, { statusCode: mockStatus(rendered), headers: {}, body: '' });
}

/** No request template matched and passthroughBehavior forbids sending the body as it is. */
function noTemplateSelected(integration: ServiceIntegration | HttpIntegration | MockIntegration): IntegrationOutcome {
  return {
    kind: 'failed',
    reason: `no request template selected and passthroughBehavior is ${integration.passthroughBehavior}`,
    functionError: false,
  };
}

function mockStatus(rendered: string): number {
  try {
    const status = (JSON.parse(rendered) as { statusCode?: unknown }).statusCode;
    const number = typeof status === 'string' ? Number(status) : status;
    return typeof number === 'number' && Number.isInteger(number) && number >= 100 && number <= 599 ? number : 200;
  } catch {
    return 200;
  }
}

/** The integration response the status matches, and the body its response template makes of the backend's. */
function respond(
  gateway: GatewayContext,
  integration: ServiceIntegration | MockIntegration | HttpIntegration,
  eventType: EventType,
  input: EventInput,
  response: AwsServiceResponse,
): IntegrationOutcome {
  const keys = integration.integrationResponses.map((r) => r.key);
  const matchedResponseKey = selectIntegrationResponse(keys, response.statusCode);
  const matched = integration.integrationResponses.find((r) => r.key === matchedResponseKey);
  const template = matched === undefined ? undefined : selectResponseTemplate(matched, response);
  // The response template sees the backend's body as $input and the request's $context, as on AWS.
  const clientBody =
    template === undefined
      ? response.body
      : gateway.vtl.render(template, {
          ...buildVtlRequest(eventType, input, gateway.options.stageVariables),
          body: response.body,
        });
  return { kind: 'service-response', statusCode: response.statusCode, body: clientBody, matchedResponseKey };
}

/** The rendered template, the raw body when passthrough allows it, or undefined (rejected). */
function requestBody(
  gateway: GatewayContext,
  integration: ServiceIntegration | MockIntegration | HttpIntegration,
  eventType: EventType,
  input: EventInput,
): string | undefined {
  const rawBody = input.body ?? '';
  const template = selectRequestTemplate(
    integration.requestTemplates,
    integration.templateSelectionExpression,
    rawBody,
    gateway.selectionExpression,
  );
  if (template !== undefined)
    return gateway.vtl.render(template, buildVtlRequest(eventType, input, gateway.options.stageVariables));
  const behavior = integration.passthroughBehavior ?? 'WHEN_NO_MATCH';
  if (behavior === 'WHEN_NO_MATCH') return rawBody;
  if (behavior === 'WHEN_NO_TEMPLATES' && Object.keys(integration.requestTemplates).length === 0) return rawBody;
  return undefined;
}
