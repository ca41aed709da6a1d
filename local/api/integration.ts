import { selectRequestTemplate } from '../../lang/vtl/index.ts';
import type { GatewayContext } from './context.ts';
import { selectIntegrationResponse } from './integration-response.ts';
import type { EventInput, EventType, ProxyIntegration, RouteBinding, ServiceIntegration } from './types.ts';
import { buildVtlRequest } from './vtl-request.ts';
import { withTimeout } from './with-timeout.ts';

/** What a route's integration produced; callers map it to a handshake status or frames. */
export type IntegrationOutcome =
  | { kind: 'proxy-result'; result: unknown }
  | { kind: 'service-response'; statusCode: number; body: string; matchedResponseKey: string | undefined }
  /** functionError: the Lambda itself failed (502 on $connect), otherwise the gateway or service call did */
  | { kind: 'failed'; reason: string; functionError: boolean }
  | { kind: 'timeout' };

/** Runs the integration of `route`; never throws (every failure becomes an outcome). */
export async function runIntegration(gateway: GatewayContext, route: RouteBinding, eventType: EventType, input: EventInput): Promise<IntegrationOutcome> {
  try {
    const integration = route.integration;
    return integration.type === 'AWS_PROXY'
      ? await runProxy(gateway, integration, eventType, input)
      : await runService(gateway, integration, eventType, input);
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error), functionError: false };
  }
}

async function runProxy(gateway: GatewayContext, integration: ProxyIntegration, eventType: EventType, input: EventInput): Promise<IntegrationOutcome> {
  const event = gateway.backends.buildEvent[eventType](input);
  const call = gateway.backends.invokeLambda(integration.target.functionArn, event, integration.target.credentialsArn);
  const timed = await withTimeout(call, gateway.integrationTimeouts);
  if (timed.timedOut || timed.value.kind === 'timeout') return { kind: 'timeout' };
  const invoked = timed.value;
  if (invoked.kind === 'error') return { kind: 'failed', reason: `Lambda ${integration.target.functionArn} failed: ${invoked.errorType}: ${invoked.errorMessage}`, functionError: true };
  return { kind: 'proxy-result', result: invoked.result };
}

async function runService(gateway: GatewayContext, integration: ServiceIntegration, eventType: EventType, input: EventInput): Promise<IntegrationOutcome> {
  const body = requestBody(gateway, integration, eventType, input);
  if (body === undefined) {
    return { kind: 'failed', reason: `no request template selected and passthroughBehavior is ${integration.passthroughBehavior}`, functionError: false };
  }
  const { service, action, credentialsArn } = integration.target;
  const timed = await withTimeout(gateway.backends.callAwsService(service, action, body, credentialsArn), gateway.integrationTimeouts);
  if (timed.timedOut) return { kind: 'timeout' };
  const response = timed.value;
  const keys = integration.integrationResponses.map((r) => r.key);
  return { kind: 'service-response', statusCode: response.statusCode, body: response.body, matchedResponseKey: selectIntegrationResponse(keys, response.statusCode) };
}

/** The rendered template, the raw body when passthrough allows it, or undefined (rejected). */
function requestBody(gateway: GatewayContext, integration: ServiceIntegration, eventType: EventType, input: EventInput): string | undefined {
  const rawBody = input.body ?? '';
  const template = selectRequestTemplate(integration.requestTemplates, integration.templateSelectionExpression, rawBody);
  if (template !== undefined) return gateway.vtl.render(template, buildVtlRequest(eventType, input));
  const behavior = integration.passthroughBehavior ?? 'WHEN_NO_MATCH';
  if (behavior === 'WHEN_NO_MATCH') return rawBody;
  if (behavior === 'WHEN_NO_TEMPLATES' && Object.keys(integration.requestTemplates).length === 0) return rawBody;
  return undefined;
}
